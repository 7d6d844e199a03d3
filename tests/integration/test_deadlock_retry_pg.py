"""A request whose transaction PostgreSQL picks as a deadlock victim is run again, whole, once.

The deadlock is provoked, not waited for: the request takes its locks in the one order every
path keeps (the session row, then the client row), while another connection takes them in
the inverted order — the client row first, then the request's session row. PostgreSQL breaks
the cycle by failing the request's transaction with 40P01 (the other connection's
``deadlock_timeout`` is set far higher, so the request's backend is the one that looks and
gives up); the other connection lets go once the server logs the second run. That second run
starts again from its first read, admits or charges exactly once, and answers 200; the books
are checked after.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.contract.conftest import truncate
from tests.integration.conftest import assert_books_balance
from tests.neighbour_load import API, Tenant, new_tenant
from tests.servers import Served, zenhire_serve
from zenhire.domain.signatures import signature_header

pytestmark = pytest.mark.postgres


@pytest.fixture
def served(pg_url: str, tmp_path: Path) -> Iterator[Served]:
    """A real ``zenhire serve`` (its requests run while this test holds locks)."""
    asyncio.run(truncate(pg_url))
    # Waits on a lock end in a deadlock verdict, never in a lock timeout.
    settings = {"db_lock_timeout_ms": "20000", "db_statement_timeout_ms": "20000"}
    with zenhire_serve(
        tmp_path, database_url=pg_url, sweep_interval_seconds="3600", **settings
    ) as s:
        yield s


async def _request_waits_on_a_lock(pg_url: str, holder: int) -> None:
    """Return once a backend of this database waits for a lock ``holder`` holds."""
    watcher = await asyncpg.connect(pg_url)
    try:
        for _ in range(2000):
            if await watcher.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))",
                holder,
            ):
                return
            await asyncio.sleep(0.01)
    finally:
        await watcher.close()
    raise AssertionError("the request never waited for the client row")


async def _retried(served: Served) -> None:
    """Return once the server has logged that it runs a use case again."""
    for _ in range(2000):
        if any(line.get("event") == "transaction_retried" for line in served.log_lines()):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the request was never run again")


@asynccontextmanager
async def inverted_order(
    pg_url: str, served: Served, client_id: str, session_id: str
) -> AsyncIterator[None]:
    """Hold the client row, let the request lock its session row and queue on the client
    row, then ask for the session row: a deadlock whose victim is the request. Once the
    request runs again, give everything back (the session row too, if this connection got it
    first; if the second run got it first, the waiting request is cancelled, so the second
    run never meets the inverted order)."""
    other = await asyncpg.connect(pg_url)
    try:
        await other.execute("SET deadlock_timeout = '60s'")
        await other.execute("BEGIN")
        await other.execute("SELECT 1 FROM clients WHERE id = $1 FOR NO KEY UPDATE", client_id)
        yield
        await _request_waits_on_a_lock(pg_url, other.get_server_pid())
        inverted = asyncio.create_task(
            other.execute("SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE", session_id)
        )
        await _retried(served)
        if not inverted.done():
            await _cancel(pg_url, other.get_server_pid())
        with contextlib.suppress(asyncpg.QueryCanceledError):
            await inverted
        await other.execute("ROLLBACK")
    finally:
        await other.close()


async def _cancel(pg_url: str, pid: int) -> None:
    watcher = await asyncpg.connect(pg_url)
    try:
        await watcher.execute("SELECT pg_cancel_backend($1)", pid)
    finally:
        await watcher.close()


async def _events(pg_url: str, session_id: str) -> list[str]:
    connection = await asyncpg.connect(pg_url)
    try:
        rows = await connection.fetch(
            "SELECT type FROM session_events WHERE session_id = $1 ORDER BY id", session_id
        )
        return [r["type"] for r in rows]
    finally:
        await connection.close()


async def _signed(http: httpx.AsyncClient, served: Served, path: str, body: dict[str, Any]) -> Any:
    raw = json.dumps(body).encode()
    header = signature_header(served.s2s_secret, int(time.time()), raw, method="POST", path=path)
    headers = {"X-Interview-Signature": header, "Content-Type": "application/json"}
    return await http.post(path, content=raw, headers=headers)


async def _admitted_or_not(
    http: httpx.AsyncClient, served: Served, tenant: Tenant, *, admit: bool
) -> tuple[str, str]:
    """A new session of ``tenant``: its id and token, admitted when ``admit``."""
    created = await http.post(
        f"{API}/personas/{tenant.persona_id}/sessions",
        json={"consent_mode": "explicit"},
        headers={"X-API-Key": tenant.api_key},
    )
    session = created.json()
    token = session["candidate_link"].split("#t=")[1]
    if admit:
        answer = await _signed(http, served, f"{API}/s2s/verify", {"token": token})
        assert answer.status_code == 200, answer.text
    return session["id"], token


async def test_a_deadlocked_verify_runs_again_and_admits_once(served: Served, pg_url: str) -> None:
    tenant = await new_tenant(served.url, served.admin_token, credits=100, cap=5)
    async with httpx.AsyncClient(base_url=served.url, timeout=60) as http:
        session_id, token = await _admitted_or_not(http, served, tenant, admit=False)
        async with inverted_order(pg_url, served, tenant.client_id, session_id):
            answer = asyncio.create_task(
                _signed(http, served, f"{API}/s2s/verify", {"token": token})
            )
        verified = await answer
    assert verified.status_code == 200, verified.text
    assert verified.json()["status"] == "active"
    assert (await _events(pg_url, session_id)).count("admitted") == 1
    retried = [line for line in served.log_lines() if line.get("event") == "transaction_retried"]
    assert [(r["use_case"], r["sqlstate"]) for r in retried] == [("VerifyToken", "40P01")]
    await assert_books_balance(pg_url)


async def test_a_deadlocked_completion_runs_again_and_charges_once(
    served: Served, pg_url: str
) -> None:
    tenant = await new_tenant(served.url, served.admin_token, credits=100, cap=5)
    async with httpx.AsyncClient(base_url=served.url, timeout=60) as http:
        session_id, _ = await _admitted_or_not(http, served, tenant, admit=True)
        path = f"{API}/s2s/sessions/{session_id}/complete"
        body = {"status": "completed", "delivery_id": "d-1", "duration_sec": 30}
        async with inverted_order(pg_url, served, tenant.client_id, session_id):
            answer = asyncio.create_task(_signed(http, served, path, body))
        completed = await answer
        credits = await http.get("/api/v1/credits", headers={"X-API-Key": tenant.api_key})
    assert completed.status_code == 200, completed.text
    assert completed.json()["charged"] == 1
    assert credits.json()["balance"] == 99
    assert (await _events(pg_url, session_id)).count("completed") == 1
    retried = [line for line in served.log_lines() if line.get("event") == "transaction_retried"]
    assert [(r["use_case"], r["sqlstate"]) for r in retried] == [("CompleteSession", "40P01")]
    await assert_books_balance(pg_url)
