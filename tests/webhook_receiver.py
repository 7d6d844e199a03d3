"""A real HTTP receiver on loopback for webhook tests, scripted to fail.

It speaks just enough HTTP/1.1 (keep-alive, Content-Length bodies) and records every request
it reads. ``script`` answers each request in turn (status, delay in seconds, extra headers);
past its end every request gets ``default``. ``down()`` stops listening (connections are
refused) and ``up()`` listens again on the same port. Deliveries are verified with the
independent ``standardwebhooks`` library, never with the service's own signing code.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from standardwebhooks import Webhook


@dataclass(frozen=True)
class Answer:
    status: int = 200
    delay: float = 0.0
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]

    def verifies_with(self, secret: str) -> bool:
        try:
            Webhook(secret).verify(self.body, self.headers)
        except Exception:  # the library raises ValueError too on a malformed header
            return False
        return True


@dataclass
class Receiver:
    script: list[Answer] = field(default_factory=list)
    default: Answer = field(default_factory=Answer)
    received: list[Received] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None
    _writers: set[asyncio.StreamWriter] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def down(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._writers):
                writer.close()
            with contextlib.suppress(Exception):
                await self._server.wait_closed()
            self._server = None

    def ids(self) -> Counter[str]:
        return Counter(r.webhook_id for r in self.received)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                headers: dict[str, Any] = {}
                for line in lines[1:]:
                    if ":" in line:
                        name, value = line.split(":", 1)
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", 0)))
                self.received.append(Received(headers, body))
                answer = self.script.pop(0) if self.script else self.default
                if answer.delay:
                    await asyncio.sleep(answer.delay)
                extra = "".join(f"{k}: {v}\r\n" for k, v in answer.headers)
                text = b"ok" if answer.status < 300 else b"nope " * 300
                status = f"HTTP/1.1 {answer.status} X\r\ncontent-length: {len(text)}\r\n"
                writer.write(f"{status}{extra}\r\n".encode() + text)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        except asyncio.CancelledError:  # stopped while holding an answer: nothing to report
            pass
        finally:
            self._writers.discard(writer)
            writer.close()


@contextlib.contextmanager
def receiver_thread(receiver: Receiver) -> Iterator[Receiver]:
    """Run ``receiver`` on an event loop of its own thread (for tests that block theirs)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(receiver.up(), loop).result(timeout=10)
    try:
        yield receiver
    finally:
        asyncio.run_coroutine_threadsafe(receiver.down(), loop).result(timeout=10)
        asyncio.run_coroutine_threadsafe(_cancel_all(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)


async def _cancel_all() -> None:
    current = asyncio.current_task()
    tasks = [t for t in asyncio.all_tasks() if t is not current]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
