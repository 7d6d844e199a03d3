"""Two ``zenhire serve`` processes on one database: the cap, the rate budget and the S2S
replay memory hold across processes.

Also exercises ``zenhire migrate`` (twice: idempotent) and ``zenhire admin`` on Postgres.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import asyncpg
import httpx
import pytest

from tests.harness import S2S_SECRET
from tests.integration.conftest import assert_books_balance
from tests.servers import SERVER_POOL_ENV, ZENHIRE, free_port, wait_healthy
from zenhire.domain.signatures import signature_header

pytestmark = pytest.mark.postgres


def cli(env: dict[str, str], *args: str) -> Any:
    out = subprocess.run(
        [ZENHIRE, *args], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(out.stdout) if out.stdout.startswith("{") else out.stdout


@pytest.fixture
def servers(pg_url: str) -> Iterator[tuple[list[str], dict[str, str]]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    env.update(
        SERVER_POOL_ENV,
        ZENHIRE_DATABASE_URL=pg_url,
        ZENHIRE_S2S_SECRETS=S2S_SECRET,
        ZENHIRE_LOG_FORMAT="json",
        ZENHIRE_DB_LOCK_TIMEOUT_MS="30000",
        ZENHIRE_SWEEP_INTERVAL_SECONDS="3600",
    )
    assert "newest revision" in cli(env, "migrate")
    assert "newest revision" in cli(env, "migrate")
    ports = [free_port(), free_port()]
    procs = [
        subprocess.Popen(
            [ZENHIRE, "serve"],
            env={**env, "ZENHIRE_PORT": str(p)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for p in ports
    ]
    urls = [f"http://127.0.0.1:{p}" for p in ports]
    try:
        for url in urls:
            wait_healthy(url)
        yield urls, env
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


async def signed(client: httpx.AsyncClient, url: str, body: dict[str, Any]) -> httpx.Response:
    raw = json.dumps(body).encode()
    header = signature_header(S2S_SECRET, int(time.time()), raw)
    return await client.post(
        url,
        content=raw,
        headers={"X-Interview-Signature": header, "Content-Type": "application/json"},
    )


async def verify_round(urls: list[str], key: str) -> list[int]:
    """200 sessions, then 200 concurrent signed verifies spread over both servers."""
    headers = {"X-API-Key": key}
    async with httpx.AsyncClient(timeout=120, limits=httpx.Limits(max_connections=400)) as http:
        persona = (
            await http.post(
                f"{urls[0]}/api/v1/interview/personas",
                headers=headers,
                json={"role_name": "R", "language": "en"},
            )
        ).json()
        tokens = []
        for i in range(200):
            r = await http.post(
                f"{urls[i % 2]}/api/v1/interview/personas/{persona['id']}/sessions",
                headers=headers,
                json={"consent_mode": "explicit"},
            )
            tokens.append(r.json()["candidate_link"].split("#t=")[1])
        responses = await asyncio.gather(
            *(
                signed(http, f"{urls[i % 2]}/api/v1/interview/s2s/verify", {"token": t})
                for i, t in enumerate(tokens)
            )
        )
        return [r.status_code for r in responses]


@pytest.mark.parametrize("round_", range(2))
def test_cap_holds_across_two_server_processes(
    servers: tuple[list[str], dict[str, str]], round_: int
) -> None:
    urls, env = servers
    client = cli(
        env,
        "admin",
        "create-client",
        "--name",
        f"Multi {round_}",
        "--credits",
        "1000",
        "--max-concurrent-interviews",
        "5",
    )
    key = cli(env, "admin", "create-key", client["id"])["key"]
    assert cli(env, "admin", "get-client", client["id"])["credits"] == 1000
    codes = asyncio.run(verify_round(urls, key))
    assert (codes.count(200), codes.count(202)) == (5, 195), codes
    assert cli(env, "admin", "get-client", client["id"])["live_interviews"] == 5
    asyncio.run(assert_books_balance(env["ZENHIRE_DATABASE_URL"]))


def test_rate_limit_budget_is_shared_by_both_processes(
    servers: tuple[list[str], dict[str, str]],
) -> None:
    urls, env = servers
    client = cli(env, "admin", "create-client", "--name", "Budget", "--credits", "10")
    key = cli(env, "admin", "create-key", client["id"], "--rate-limit-per-minute", "10")["key"]

    async def burst() -> list[int]:
        async with httpx.AsyncClient(timeout=60) as http:
            responses = await asyncio.gather(
                *(
                    http.get(f"{urls[i % 2]}/api/v1/credits", headers={"X-API-Key": key})
                    for i in range(16)
                )
            )
        return [r.status_code for r in responses]

    second = time.time() % 60
    if second > 50:  # keep the burst inside one window
        time.sleep(61 - second)
    codes = asyncio.run(burst())
    # A per-process budget would let all 16 through; the shared one lets exactly 10.
    assert (codes.count(200), codes.count(429)) == (10, 6), codes


async def live_sessions(url: str, key: str, n: int) -> list[str]:
    """``n`` sessions of the key's client, admitted through ``url``."""
    headers = {"X-API-Key": key}
    async with httpx.AsyncClient(timeout=60) as http:
        persona = (
            await http.post(
                f"{url}/api/v1/interview/personas",
                headers=headers,
                json={"role_name": "R", "language": "en"},
            )
        ).json()
        ids = []
        for _ in range(n):
            created = (
                await http.post(
                    f"{url}/api/v1/interview/personas/{persona['id']}/sessions",
                    headers=headers,
                    json={"consent_mode": "explicit"},
                )
            ).json()
            token = created["candidate_link"].split("#t=")[1]
            admitted = await signed(http, f"{url}/api/v1/interview/s2s/verify", {"token": token})
            assert admitted.status_code == 200, admitted.text
            ids.append(created["id"])
        return ids


def tenant_key(env: dict[str, str], name: str) -> tuple[str, str]:
    client = cli(
        env, "admin", "create-client", "--name", name, "--credits", "100",
        "--max-concurrent-interviews", "50",
    )  # fmt: skip
    return client["id"], cli(env, "admin", "create-key", client["id"])["key"]


def complete_url(base: str, session_id: str) -> str:
    return f"{base}/api/v1/interview/s2s/sessions/{session_id}/complete"


async def count(url: str, sql: str, session_ids: list[str]) -> int:
    connection = await asyncpg.connect(url)
    try:
        found: int = await connection.fetchval(sql, session_ids)
        return found
    finally:
        await connection.close()


async def charge_rows(url: str, session_ids: list[str]) -> int:
    sql = "SELECT count(*) FROM ledger_entries WHERE session_id = ANY($1::uuid[])"
    return await count(url, sql, session_ids)


async def active_count(url: str, session_ids: list[str]) -> int:
    sql = "SELECT count(*) FROM sessions WHERE status = 'active' AND id = ANY($1::uuid[])"
    return await count(url, sql, session_ids)


def test_completion_replayed_to_another_process_and_session_is_refused(
    servers: tuple[list[str], dict[str, str]],
) -> None:
    """api.md §6.3: one observed completion, resent byte for byte (v1 only, as a backend
    written against the original scheme signs it) to the other process for another client's
    session: refused there, and that session is untouched."""
    urls, env = servers
    (_, first_key), (other_id, other_key) = tenant_key(env, "First"), tenant_key(env, "Other")
    (mine,) = asyncio.run(live_sessions(urls[0], first_key, 1))
    (theirs,) = asyncio.run(live_sessions(urls[1], other_key, 1))
    raw = json.dumps(
        {"status": "completed", "delivery_id": "dlv-1", "duration_sec": 3600,
         "transcript_s3_key": "first/transcript.json"}
    ).encode()  # fmt: skip
    headers = {
        "X-Interview-Signature": signature_header(S2S_SECRET, int(time.time()), raw),
        "Content-Type": "application/json",
    }
    assert httpx.post(complete_url(urls[0], mine), content=raw, headers=headers).status_code == 200
    replayed = httpx.post(complete_url(urls[1], theirs), content=raw, headers=headers)
    assert (replayed.status_code, replayed.json()["error"]["code"]) == (401, "SIGNATURE_REUSED")
    key = {"X-API-Key": other_key}
    detail = httpx.get(f"{urls[1]}/api/v1/interview/sessions/{theirs}", headers=key).json()
    assert (detail["status"], detail["credit_charged"]) == ("active", None)
    transcript = httpx.get(f"{urls[1]}/api/v1/interview/sessions/{theirs}/transcript", headers=key)
    assert transcript.status_code == 409
    other = cli(env, "admin", "get-client", other_id)
    assert (other["credits"], other["live_interviews"]) == (100, 1)
    assert asyncio.run(charge_rows(env["ZENHIRE_DATABASE_URL"], [theirs])) == 0
    asyncio.run(assert_books_balance(env["ZENHIRE_DATABASE_URL"]))


def test_one_signature_racing_on_two_processes_goes_through_once(
    servers: tuple[list[str], dict[str, str]],
) -> None:
    """The same signed completion sent at once to both processes, each for another session:
    for every pair exactly one is accepted, the other is SIGNATURE_REUSED."""
    urls, env = servers
    (_, first_key), (_, other_key) = tenant_key(env, "Left"), tenant_key(env, "Right")
    left = asyncio.run(live_sessions(urls[0], first_key, 20))
    right = asyncio.run(live_sessions(urls[1], other_key, 20))

    async def race() -> list[tuple[int, int]]:
        async with httpx.AsyncClient(timeout=60) as http:

            async def pair(i: int) -> tuple[int, int]:
                raw = json.dumps({"status": "failed", "delivery_id": f"race-{i}"}).encode()
                header = signature_header(S2S_SECRET, int(time.time()), raw)
                headers = {"X-Interview-Signature": header, "Content-Type": "application/json"}
                a, b = await asyncio.gather(
                    http.post(complete_url(urls[0], left[i]), content=raw, headers=headers),
                    http.post(complete_url(urls[1], right[i]), content=raw, headers=headers),
                )
                return a.status_code, b.status_code

            return await asyncio.gather(*(pair(i) for i in range(20)))

    outcomes = asyncio.run(race())
    assert all(sorted(p) == [200, 401] for p in outcomes), outcomes
    # Each accepted request ended its own session; no refused one ended anything.
    live = asyncio.run(active_count(env["ZENHIRE_DATABASE_URL"], left + right))
    assert live == 20
    asyncio.run(assert_books_balance(env["ZENHIRE_DATABASE_URL"]))
