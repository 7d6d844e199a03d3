"""A TCP proxy the test controls: every byte it forwards arrives ``delay`` seconds late.

It stands between a process and its database to make one link slow (or cut it) while the
rest of the system runs at full speed. Latency is modelled as a link's, not a bandwidth
limit's: each chunk is forwarded ``delay`` after it was read, in each direction, and chunks
keep their order, so one query-and-answer costs ``2 × delay`` more whatever else is in
flight. ``delay`` is read per chunk, so it can change while connections are open; a
connection may also get its own (``per_connection``, by its number in order of arrival).
The proxy runs its own event loop in a thread, so synchronous tests and benchmarks can use
it as well as async ones. With ``tap=True`` it also records, per connection, every statement
the client had executed (``statements``: PostgreSQL's frontend protocol read off the wire).
``round_trips`` counts, over all connections, each time a client spoke after its server had
answered (what the latency above is paid per).

    with LatencyProxy.to_database(url) as proxy:
        proxy.delay = 0.3
        ... connect to proxy.url(url) ...
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final
from urllib.parse import urlsplit

from tests.pg import endpoint

_CHUNK = 65536


class LatencyProxy:
    def __init__(self, target: tuple[str, int], delay: float = 0.0, tap: bool = False) -> None:
        self.target = target
        self.tap = tap
        self.statements: dict[int, list[str]] = {}
        self.delay = delay
        self.per_connection: dict[int, float] = {}
        self.connections = 0
        self.round_trips = 0
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._tasks: set[asyncio.Task[None]] = set()

    @classmethod
    @contextmanager
    def to_database(cls, url: str, delay: float = 0.0, tap: bool = False) -> Iterator[LatencyProxy]:
        """A running proxy in front of the PostgreSQL server of ``url`` (TCP or unix socket)."""
        proxy = cls(endpoint(url), delay, tap)
        proxy.start()
        try:
            yield proxy
        finally:
            proxy.stop()

    def url(self, database_url: str) -> str:
        """``database_url`` rewritten to reach the same database through this proxy."""
        parts = urlsplit(database_url)
        user = parts.netloc.rpartition("@")[0]
        netloc = f"{user}@127.0.0.1:{self.port}" if user else f"127.0.0.1:{self.port}"
        return parts._replace(netloc=netloc, query="").geturl()

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(timeout=10)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def delay_of(self, connection: int) -> float:
        return self.per_connection.get(connection, self.delay)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _close(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(BaseException):
                await task

    async def _open_target(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        host, port = self.target
        if host.startswith("/"):
            return await asyncio.open_unix_connection(f"{host}/.s.PGSQL.{port}")
        return await asyncio.open_connection(host, port)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        number = self.connections
        try:
            upstream_reader, upstream_writer = await self._open_target()
        except OSError:
            writer.close()
            return
        tap = None
        if self.tap:
            tap = FrontendTap(self.statements.setdefault(number, []))
        turn = _Turn()
        for source, sink, seen, client in (
            (reader, upstream_writer, tap, True),
            (upstream_reader, writer, None, False),
        ):
            task = asyncio.create_task(self._pipe(source, sink, number, seen, turn, client))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pipe(
        self,
        source: asyncio.StreamReader,
        sink: asyncio.StreamWriter,
        number: int,
        tap: FrontendTap | None,
        turn: _Turn,
        client: bool,
    ) -> None:
        """Forward ``source`` to ``sink``, each chunk ``delay`` after it was read; a chunk
        from the client after one from the server starts a round trip."""
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, data = await queue.get()
                if not data:
                    break
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                sink.write(data)
                await sink.drain()

        delivering = asyncio.create_task(deliver())
        try:
            while data := await source.read(_CHUNK):
                if client and not turn.client_spoke_last:
                    self.round_trips += 1
                turn.client_spoke_last = client
                if tap is not None:
                    tap.feed(data)
                queue.put_nowait((time.monotonic() + self.delay_of(number), data))
            queue.put_nowait((0.0, b""))
            await delivering
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            delivering.cancel()
            with contextlib.suppress(BaseException):
                await delivering
            _close_quietly(sink)


class _Turn:
    """Which side of one connection spoke last."""

    client_spoke_last = False


def _close_quietly(writer: Any) -> None:
    with contextlib.suppress(Exception):
        writer.close()


# Untyped first messages: SSL and GSS encryption requests (the server answers one byte) and
# cancel requests come before the startup message, which has no type byte either.
_PRE_STARTUP: Final = frozenset({80877103, 80877104, 80877102})


class FrontendTap:
    """Reads the client's side of a PostgreSQL connection and appends to ``executed`` the
    text of every statement it has the server run: simple queries (``Q``) as sent, extended
    ones (``Parse``/``Bind``/``Execute``) by the text of the statement each portal binds."""

    def __init__(self, executed: list[str]) -> None:
        self.executed = executed
        self._buffer = b""
        self._started = False
        self._prepared: dict[bytes, str] = {}
        self._bound = ""

    def feed(self, data: bytes) -> None:
        self._buffer += data
        while self._next():
            pass

    def _next(self) -> bool:
        buffer = self._buffer
        if not self._started:
            if len(buffer) < 8 or len(buffer) < (size := int.from_bytes(buffer[:4], "big")):
                return False
            self._started = int.from_bytes(buffer[4:8], "big") not in _PRE_STARTUP
            self._buffer = buffer[size:]
            return True
        if len(buffer) < 5 or len(buffer) < 1 + (size := int.from_bytes(buffer[1:5], "big")):
            return False
        kind, body = buffer[:1], buffer[5 : 1 + size]
        self._buffer = buffer[1 + size :]
        if kind == b"Q":
            self.executed.append(body.rstrip(b"\0").decode())
        elif kind == b"P":
            name, query = body.split(b"\0")[:2]
            self._prepared[name] = query.decode()
        elif kind == b"B":
            statement = body.split(b"\0")[1]
            self._bound = self._prepared.get(statement, "")
        elif kind == b"E":
            self.executed.append(self._bound)
        return True
