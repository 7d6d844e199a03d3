"""Database unreachable → 503 STORAGE_UNAVAILABLE; the service recovers by itself."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Coroutine, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from litestar.testing import AsyncTestClient

from tests.harness import World
from tests.pg import database_name, endpoint
from zenhire.entrypoints.http.app import create_app

pytestmark = pytest.mark.postgres


class TcpProxy:
    """A loopback TCP relay the test can cut and restore, standing in for a network outage.
    Its upstream is the server's TCP port, or its unix socket when ``host`` is a directory."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server: asyncio.Server | None = None
        self.port = 0
        self.links: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self.links):
            writer.close()
        await self.server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host, port = self.target
        if host.startswith("/"):
            up_reader, up_writer = await asyncio.open_unix_connection(f"{host}/.s.PGSQL.{port}")
        else:
            up_reader, up_writer = await asyncio.open_connection(host, port)
        self.links |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


class ThreadedProxy:
    """Runs a TcpProxy on its own thread and loop (the test client blocks the test's loop)."""

    def __init__(self, host: str, port: int) -> None:
        self.proxy = TcpProxy(host, port)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def _call(self, coroutine: Coroutine[Any, Any, None]) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=10)

    def start(self) -> None:
        self._call(self.proxy.start())

    def stop(self) -> None:
        self._call(self.proxy.stop())

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.stop()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


@pytest.fixture
def proxied_url(pg_url: str) -> Iterator[tuple[str, ThreadedProxy]]:
    proxy = ThreadedProxy(*endpoint(pg_url))
    proxy.start()
    credentials = urlsplit(pg_url).netloc.rpartition("@")[0] or "postgres"
    yield f"postgresql://{credentials}@127.0.0.1:{proxy.proxy.port}/{database_name(pg_url)}", proxy
    proxy.close()


async def test_outage_is_503_and_recovers(proxied_url: tuple[str, ThreadedProxy]) -> None:
    url, proxy = proxied_url
    world = World(database_url=url, db_pool_timeout_seconds=2)
    app = create_app(world.settings, *world.overrides())
    async with AsyncTestClient(app) as client:
        headers = {"X-API-Key": "zh_api_" + "x" * 43}
        assert (await client.get("/api/v1/credits", headers=headers)).status_code == 401
        proxy.stop()
        down = await client.get("/api/v1/credits", headers=headers)
        assert down.status_code == 503
        error = down.json()["error"]
        assert error["code"] == "STORAGE_UNAVAILABLE"
        assert error["retryAfterSeconds"] == int(down.headers["retry-after"])
        assert "SELECT" not in down.text
        assert (await client.get("/api/v1/health")).status_code == 200  # liveness: no I/O
        not_ready = await client.get("/api/v1/health/ready")
        assert (not_ready.status_code, not_ready.json()["error"]["code"]) == (
            503,
            "STORAGE_UNAVAILABLE",
        )
        proxy.start()  # same port: the database is back
        for _ in range(20):
            back = await client.get("/api/v1/credits", headers=headers)
            if back.status_code != 503:
                break
            await asyncio.sleep(0.2)
        assert back.status_code == 401  # answered by the store again
        ready = await client.get("/api/v1/health/ready")
        assert ready.json() == {"status": "ok", "checks": {"database": "ok", "schema": "ok"}}
    await world.close()
