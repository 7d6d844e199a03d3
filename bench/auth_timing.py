"""Does a revoked API key answer as fast as an unknown one? Both medians in one run.

    .venv/bin/python bench/auth_timing.py [--requests 400] [--store postgres|memory]

Starts one ``zenhire serve`` (Postgres by default: a throwaway database on the server of
``ZENHIRE_BENCH_ADMIN_URL``, default ``postgresql://postgres@127.0.0.1:5432/postgres``),
creates a client and revokes one of its keys, then sends ``GET /api/v1/credits`` alternately
with that revoked key and with a fresh unknown key (one persistent connection, the order of
each pair shuffled), and prints the median latency of each path and their ratio. Both must
be 401 ``INVALID_API_KEY``. api.md §3 asks for the same work on both paths; the tests check
the work (``tests/contract/test_auth_uniform_work.py``), this measures the time.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import asyncpg

ROOT = Path(__file__).resolve().parents[1]
ZENHIRE = str(ROOT / ".venv/bin/zenhire")
ADMIN_URL = os.environ.get(
    "ZENHIRE_BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
PORT = int(os.environ.get("ZENHIRE_BENCH_PORT", "18742"))
DB_NAME = "zenhire_bench_auth"


async def _admin_sql(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@contextmanager
def database(store: str) -> Iterator[dict[str, str]]:
    """The server's settings for ``store``; a Postgres database is created and dropped."""
    if store == "memory":
        yield {}
        return
    asyncio.run(_admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'))
    asyncio.run(_admin_sql(f'CREATE DATABASE "{DB_NAME}"'))
    try:
        yield {"ZENHIRE_DATABASE_URL": f"{ADMIN_URL.rpartition('/')[0]}/{DB_NAME}"}
    finally:
        asyncio.run(_admin_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'))


@contextmanager
def serving(settings: dict[str, str], admin_token: str) -> Iterator[None]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    env.update(
        settings,
        ZENHIRE_PORT=str(PORT),
        ZENHIRE_ADMIN_TOKEN=admin_token,
        ZENHIRE_S2S_SECRETS=secrets.token_hex(32),
        ZENHIRE_FAILED_AUTH_LIMIT_PER_MINUTE="0",  # every request here fails auth on purpose
        ZENHIRE_SWEEP_INTERVAL_SECONDS="3600",
    )
    if "ZENHIRE_DATABASE_URL" in settings:
        subprocess.run([ZENHIRE, "migrate"], env=env, check=True, capture_output=True)
    proc = subprocess.Popen(
        [ZENHIRE, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while call("GET", "/api/v1/health", {})[0] != 200:
            if proc.poll() is not None or time.monotonic() > deadline:
                sys.exit("the server did not start")
            time.sleep(0.2)
        yield
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=40)


def call(
    method: str, path: str, headers: dict[str, str], body: Any = None
) -> tuple[int, dict[str, Any]]:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    try:
        payload = None if body is None else json.dumps(body)
        connection.request(
            method, path, body=payload, headers={**headers, "Content-Type": "application/json"}
        )
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    except OSError:
        return 0, {}
    finally:
        connection.close()


def revoked_key(admin_token: str) -> str:
    admin = {"Authorization": f"Bearer {admin_token}"}
    _, client = call("POST", "/api/v1/admin/clients", admin, {"name": "Timing", "credits": 1})
    _, key = call("POST", f"/api/v1/admin/clients/{client['id']}/api-keys", admin, {})
    expect(call("GET", "/api/v1/credits", {"X-API-Key": key["key"]})[0] == 200, "key works")
    expect(call("DELETE", f"/api/v1/admin/api-keys/{key['id']}", admin)[0] == 200, "revoked")
    return str(key["key"])


def expect(condition: bool, what: str) -> None:
    if not condition:
        sys.exit(f"unexpected answer: {what}")


def measure(revoked: str, requests: int) -> dict[str, list[float]]:
    """Latency (ms) of each path, the two paths interleaved on one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    timings: dict[str, list[float]] = {"unknown": [], "revoked": []}

    def once(key: str) -> float:
        started = time.perf_counter()
        connection.request("GET", "/api/v1/credits", headers={"X-API-Key": key})
        response = connection.getresponse()
        body = json.loads(response.read())
        elapsed = (time.perf_counter() - started) * 1000
        expect(body.get("error", {}).get("code") == "INVALID_API_KEY", "401 INVALID_API_KEY")
        return elapsed

    for _ in range(50):  # warm-up, not counted
        once(revoked)
        once("zh_api_" + secrets.token_urlsafe(32))
    for _ in range(requests):
        pair = ["unknown", "revoked"]
        random.shuffle(pair)
        for path in pair:
            key = revoked if path == "revoked" else "zh_api_" + secrets.token_urlsafe(32)
            timings[path].append(once(key))
    connection.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per path")
    parser.add_argument("--store", choices=("postgres", "memory"), default="postgres")
    args = parser.parse_args()
    admin_token = secrets.token_hex(32)
    with database(args.store) as settings, serving(settings, admin_token):
        timings = measure(revoked_key(admin_token), args.requests)
    unknown = statistics.median(timings["unknown"])
    revoked = statistics.median(timings["revoked"])
    print(f"store: {args.store}, {args.requests} requests per path, interleaved")
    print(f"unknown key: median {unknown:.3f} ms")
    print(f"revoked key: median {revoked:.3f} ms")
    print(f"ratio revoked / unknown: {revoked / unknown:.2f}")


if __name__ == "__main__":
    main()
