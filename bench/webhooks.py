"""Webhook delivery throughput: deliveries per second to a local receiver, two processes.

    .venv/bin/python bench/webhooks.py [--deliveries 10000] [--endpoints 10] [--processes 2]

Creates a throwaway database on ``ZENHIRE_BENCH_ADMIN_URL`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``), seeds one client with ``--endpoints``
endpoints on a loopback receiver (a separate process answering 200 at once) and that many
pending deliveries, then runs ``--processes`` ``zenhire deliver`` passes side by side and
reports deliveries per second (wall time from start to the last process's end).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parents[1]
ZENHIRE = str(Path(sys.executable).with_name("zenhire"))
ADMIN_URL = os.environ.get(
    "ZENHIRE_BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
DB_NAME = "zenhire_bench_webhooks"
S2S_SECRET = "bench-s2s-3c8f1a6d9b2e5c0f7a4d1b8e6c3f0a9d"
SECRET = "whsec_" + base64.b64encode(b"b" * 32).decode()
SEED = """
WITH ev AS (
    INSERT INTO webhook_events (id, client_id, type, session_id, created_at, data)
    SELECT gen_random_uuid(), $1, 'ping', NULL, now(), jsonb_build_object('n', n)
    FROM generate_series(1, $2) AS n
    RETURNING id, created_at
), numbered AS (
    SELECT ev.*, row_number() OVER () AS n FROM ev
)
INSERT INTO webhook_deliveries (id, event_id, event_type, endpoint_id, client_id, status,
                                next_attempt_at, created_at)
SELECT gen_random_uuid(), e.id, 'ping', ($3::uuid[])[1 + e.n % array_length($3::uuid[], 1)],
       $1, 'pending', e.created_at, e.created_at
FROM numbered AS e
"""


async def receive(port: int) -> None:
    """Answer every request 200 at once (HTTP/1.1 keep-alive)."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                await reader.readexactly(length)
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


def url_of(name: str) -> str:
    base, _, _ = ADMIN_URL.rpartition("/")
    return f"{base}/{name}"


async def prepare(deliveries: int, endpoints: int, port: int) -> str:
    admin = await asyncpg.connect(ADMIN_URL)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{DB_NAME}"')
    finally:
        await admin.close()
    url = url_of(DB_NAME)
    env = {**os.environ, "ZENHIRE_DATABASE_URL": url, "ZENHIRE_S2S_SECRETS": S2S_SECRET}
    subprocess.run([ZENHIRE, "migrate"], env=env, check=True, capture_output=True)
    db = await asyncpg.connect(url)
    try:
        client = uuid.uuid4()
        await db.execute(
            "INSERT INTO clients (id, name, active, permissions, max_concurrent_interviews,"
            " created_at) VALUES ($1, 'bench', true, '{interview}', 8, now())",
            client,
        )
        ids = [uuid.uuid4() for _ in range(endpoints)]
        for endpoint_id in ids:
            await db.execute(
                "INSERT INTO webhook_endpoints (id, client_id, url, events, enabled, secret,"
                " created_at, updated_at) VALUES ($1, $2, $3, '{*}', true, $4, now(), now())",
                endpoint_id,
                client,
                f"http://127.0.0.1:{port}/hook",
                SECRET,
            )
        await db.execute(SEED, client, deliveries, ids)
    finally:
        await db.close()
    return url


async def run(deliveries: int, endpoints: int, processes: int, port: int) -> dict[str, object]:
    url = await prepare(deliveries, endpoints, port)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENHIRE_")}
    env.update(
        ZENHIRE_DATABASE_URL=url,
        ZENHIRE_S2S_SECRETS=S2S_SECRET,
        ZENHIRE_WEBHOOK_ALLOW_INSECURE="true",
        ZENHIRE_WEBHOOK_ALLOW_PRIVATE="true",
        ZENHIRE_LOG_FORMAT="json",
    )
    started = time.perf_counter()
    procs = [
        await asyncio.create_subprocess_exec(
            ZENHIRE,
            "deliver",
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(processes)
    ]
    # Read every process's pipes at once: a process whose stderr pipe nobody reads blocks
    # on its next log line, its whole event loop with it.
    outputs = await asyncio.gather(*(p.communicate() for p in procs))
    seconds = time.perf_counter() - started
    for p, (out, err) in zip(procs, outputs, strict=True):
        if p.returncode != 0 or not out.strip():
            sys.exit(f"zenhire deliver failed ({p.returncode}): {err.decode()[-2000:]}")
    reports = [json.loads(out.decode().strip().splitlines()[-1]) for out, _ in outputs]
    lines = [json.loads(line) for _, err in outputs for line in err.decode().splitlines()]
    attempts = [x for x in lines if x.get("event") == "webhook_attempt"]
    others = Counter(
        f"{x['event']}: {x.get('error', '')[:80]}"
        for x in lines
        if x.get("event") != "webhook_attempt"
    )
    failures = Counter(
        x.get("error") or x.get("status") for x in attempts if x["outcome"] != "delivered"
    )
    db = await asyncpg.connect(url)
    try:
        delivered = await db.fetchval(
            "SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'"
        )
        attempts = await db.fetchval("SELECT sum(attempts) FROM webhook_deliveries")
    finally:
        await db.close()
    return {
        "deliveries": deliveries,
        "endpoints": endpoints,
        "processes": processes,
        "seconds": round(seconds, 2),
        "deliveries_per_second": round(delivered / seconds, 1),
        "delivered": delivered,
        "attempts": attempts,
        "per_process": reports,
        "failed_attempts": dict(failures),
        "other_log_lines": dict(others),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deliveries", type=int, default=10_000)
    parser.add_argument("--endpoints", type=int, default=10)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--port", type=int, default=18_761)
    parser.add_argument("--receiver", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.receiver:
        asyncio.run(receive(args.port))
        return
    receiver = subprocess.Popen([sys.executable, __file__, "--receiver", "--port", str(args.port)])
    try:
        time.sleep(0.5)
        figures = asyncio.run(run(args.deliveries, args.endpoints, args.processes, args.port))
    finally:
        receiver.terminate()
        receiver.wait()
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
