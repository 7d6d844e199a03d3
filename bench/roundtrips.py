"""Database round trips per endpoint, counted on the wire.

The service talks to Postgres through a loopback relay that counts turns: each time the
client speaks after the server answered is one round trip, whatever library sent it. Every
request is sent once to warm the statement caches, then measured on a second, identical one.

Usage: ZENHIRE_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
       .venv/bin/python bench/roundtrips.py
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from litestar.testing import AsyncTestClient
from tests.harness import ADMIN_TOKEN, S2S_SECRET, World
from tests.pg import ENV, throwaway_database

from zenhire.domain.signatures import signature_header
from zenhire.entrypoints.http.app import create_app


class TurnCounter:
    """A TCP relay to Postgres on its own thread, counting client turns."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.turns = 0
        self.port = 0
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(10)

    async def _start(self) -> None:
        server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        client_spoke_last = [False]

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter, client: bool) -> None:
            while data := await src.read(65536):
                if client and not client_spoke_last[0]:
                    self.turns += 1
                client_spoke_last[0] = client
                dst.write(data)
                await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer, True), pipe(up_reader, writer, False))


def signed(path: str, body: dict[str, Any]) -> dict[str, Any]:
    raw = json.dumps(body).encode()
    header = signature_header(S2S_SECRET, int(time.time()), raw, method="POST", path=path)
    return {"content": raw, "headers": {"X-Interview-Signature": header}}


async def main() -> None:
    async with throwaway_database(os.environ[ENV]) as url:
        parts = urlsplit(url)
        relay = TurnCounter(parts.hostname or "127.0.0.1", parts.port or 5432)
        counted = f"postgresql://{parts.username or 'postgres'}@127.0.0.1:{relay.port}{parts.path}"
        # The deployed defaults: the failed-auth throttle on (the test harness turns it off).
        world = World(database_url=counted, failed_auth_limit_per_minute=30)
        world.clock.set(datetime.now(UTC))
        app = create_app(world.settings, *world.overrides())
        admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        rows: list[tuple[str, int, int]] = []

        async def measure(label: str, call: Callable[[], Awaitable[Any]]) -> Any:
            relay.turns = 0
            response = await call()
            rows.append((label, response.status_code, relay.turns))
            return response

        async with AsyncTestClient(app) as c:
            client = (
                await c.post(
                    "/api/v1/admin/clients", json={"name": "b", "credits": 10_000}, headers=admin
                )
            ).json()
            key = (
                await c.post(
                    f"/api/v1/admin/clients/{client['id']}/api-keys", json={}, headers=admin
                )
            ).json()["key"]
            h = {"X-API-Key": key}
            api = "/api/v1/interview"

            def persona() -> Awaitable[Any]:
                return c.post(
                    f"{api}/personas", json={"role_name": "r", "language": "en"}, headers=h
                )

            p = (await persona()).json()

            def start() -> Awaitable[Any]:
                return c.post(
                    f"{api}/personas/{p['id']}/sessions",
                    json={"consent_mode": "explicit"},
                    headers=h,
                )

            await start()  # warm
            links = [(await start()).json() for _ in range(3)]
            tokens = [s["candidate_link"].split("#t=")[1] for s in links]

            def verify(token: str) -> Callable[[], Awaitable[Any]]:
                path = f"{api}/s2s/verify"
                return lambda: c.post(path, **signed(path, {"token": token}))

            def complete(sid: str) -> Callable[[], Awaitable[Any]]:
                body = {"status": "completed", "delivery_id": "d", "duration_sec": 61}
                path = f"{api}/s2s/sessions/{sid}/complete"
                return lambda: c.post(path, **signed(path, body))

            await verify(tokens[0])()  # warm
            await complete(links[0]["id"])()
            await measure("POST /personas", persona)
            await measure("POST /personas/{id}/sessions", start)
            await measure("POST /s2s/verify (admit)", verify(tokens[1]))
            await measure("POST /s2s/verify (reconnect)", verify(tokens[1]))
            await measure("POST /s2s/sessions/{id}/complete", complete(links[1]["id"]))
            await measure("POST /s2s/sessions/{id}/complete (replay)", complete(links[1]["id"]))
            sid = links[1]["id"]
            for label, target in (
                ("GET /sessions/{id}", f"{api}/sessions/{sid}"),
                (
                    "GET /sessions?status&persona_id&created_after",
                    f"{api}/sessions?status=completed&persona_id={p['id']}"
                    "&created_after=2020-01-01T00:00:00Z",
                ),
                ("GET /sessions/{id}/events", f"{api}/sessions/{sid}/events"),
                ("GET /credits", "/api/v1/credits"),
            ):
                await c.get(target, headers=h)  # warm
                await measure(label, lambda t=target: c.get(t, headers=h))
        await world.close()
    print("| endpoint | status | round trips |\n|---|---|---|")
    for label, status, turns in rows:
        print(f"| {label} | {status} | {turns} |")


if __name__ == "__main__":
    asyncio.run(main())
