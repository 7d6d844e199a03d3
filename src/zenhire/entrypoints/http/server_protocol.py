"""uvicorn's httptools protocol with the request-head limits of api.md §2.

uvicorn bounds neither the size nor the number of request headers under httptools (which
buffers a header value whole, however long), and a connection that never completes a request
head is never closed (its keep-alive timer is armed only after a response). This protocol:

* refuses a request head (request line and headers) over ``HEAD_MAX_BYTES`` or with more than
  ``HEADERS_MAX`` headers with 431 ``REQUEST_HEADERS_TOO_LARGE`` (the error envelope) and closes
  the connection. Bytes of a head still incomplete are counted as they arrive, so a head that
  never ends is refused once it is too long instead of being buffered;
* closes a connection whose request head is not complete ``HEAD_TIMEOUT_SECONDS`` after the
  connection opened or the head's first byte arrived (slow or silent clients); idle
  keep-alive connections are closed by uvicorn's ``timeout_keep_alive``;
* answers malformed HTTP with a 400 envelope. Both refusals log one info line, never more: a
  client's mistake is not the service's error;
* lets neither timer close a busy connection (a request in flight, or bytes received but not
  yet read): after a pause (SIGSTOP, a stalled host) the loop runs the timers that fell due
  before it reads the sockets, and closing over an unread request resets it. A timer that
  finds the connection busy starts over.
"""

from __future__ import annotations

import asyncio
import fcntl
import struct
import termios
from typing import Any, Final

import httptools
import msgspec
import structlog
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from zenhire.domain.timefmt import iso
from zenhire.entrypoints.composition.process import CLOCK, mint_request_id

HEAD_MAX_BYTES: Final = 16 * 1024
HEADERS_MAX: Final = 100
HEAD_TIMEOUT_SECONDS: Final = 10.0
HEAD_TOO_LARGE: Final = "REQUEST_HEADERS_TOO_LARGE"  # no route answers it: not in the document
_REQUEST_LINE_OVERHEAD: Final = len(b"  HTTP/1.1\r\n") + len(b"\r\n")
_HEADER_OVERHEAD: Final = len(b": \r\n")
_REASONS: Final = {400: b"Bad Request", 431: b"Request Header Fields Too Large"}
log = structlog.get_logger("zenhire.http")


class _HeadTooLargeError(Exception):
    """Raised from a parser callback: httptools stops and reports a parser error."""


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    """``HttpToolsProtocol`` with the head size, header count and head timeout limits."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._awaiting_head = True  # the next bytes belong to a request head
        self._head_bytes = 0  # bytes of the current head received so far (incomplete heads)
        self._head_too_large = False
        self._head_timer: asyncio.TimerHandle | None = None

    # --- connection events ---------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        self._unset_keepalive_if_required()  # uvicorn cancels it only on a clean close
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        # uvicorn's own, but refusals go through ``_refuse`` (uvicorn answers every parser
        # error with a bare 400 and a warning line).
        self._unset_keepalive_if_required()
        if self._awaiting_head and self._head_timer is None:
            self._arm_head_timer()
        head_continues = self._awaiting_head
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return
        except httptools.HttpParserError:
            self._refuse(431 if self._head_too_large else 400)
            return
        if head_continues and self._awaiting_head:
            self._head_bytes += len(data)  # the whole chunk belongs to the unfinished head
            if self._head_bytes > HEAD_MAX_BYTES:
                self._refuse(431)

    # --- parser callbacks ----------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        super().on_header(name, value)
        if len(self.headers) > HEADERS_MAX:
            self._head_too_large = True
            raise _HeadTooLargeError

    def on_headers_complete(self) -> None:
        size = len(self.parser.get_method()) + len(self.url) + _REQUEST_LINE_OVERHEAD
        size += sum(len(n) + len(v) + _HEADER_OVERHEAD for n, v in self.headers)
        if size > HEAD_MAX_BYTES:
            self._head_too_large = True
            raise _HeadTooLargeError
        self._awaiting_head = False
        self._head_bytes = 0
        self._cancel_head_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._awaiting_head = True  # what follows is the next request's head
        super().on_message_complete()

    # --- refusals ------------------------------------------------------------------------

    def _arm_head_timer(self) -> None:
        self._head_timer = self.loop.call_later(HEAD_TIMEOUT_SECONDS, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._busy():
            self._arm_head_timer()
        elif not self.transport.is_closing():
            log.info("request_head_timeout", peer=self.client[0] if self.client else None)
            self.transport.close()

    def timeout_keep_alive_handler(self) -> None:
        if not self._busy():
            super().timeout_keep_alive_handler()
        else:  # data_received or the response's completion cancels this new timer
            self.timeout_keep_alive_task = self.loop.call_later(
                self.timeout_keep_alive, self.timeout_keep_alive_handler
            )

    def _busy(self) -> bool:
        """Whether a request is in flight or the peer sent bytes this process has not read."""
        in_flight = self.cycle is not None and not self.cycle.response_complete
        return in_flight or _unread_bytes(self.transport) > 0

    def _refuse(self, status: int) -> None:
        """Answer ``status`` with the error envelope, then close the connection."""
        self._cancel_head_timer()
        request_id = mint_request_id()
        if status == 431:
            code = HEAD_TOO_LARGE
            message = (
                f"The request head is over {HEAD_MAX_BYTES // 1024} KiB "
                f"or has more than {HEADERS_MAX} headers."
            )
        else:
            code, message = "INVALID_INPUT", "The HTTP request is malformed."
        body = msgspec.json.encode(
            {
                "error": {
                    "code": code,
                    "message": message,
                    "timestamp": iso(CLOCK.now()),
                    "requestId": request_id,
                }
            }
        )
        head = [
            b"HTTP/1.1 %d %s" % (status, _REASONS[status]),
            b"content-type: application/json",
            b"content-length: %d" % len(body),
            b"x-request-id: " + request_id.encode(),
            b"x-content-type-options: nosniff",
            b"cache-control: no-store",
            b"connection: close",
        ]
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        self.transport.close()
        log.info(
            "request_refused",
            status=status,
            code=code,
            request_id=request_id,
            peer=self.client[0] if self.client else None,
        )


def _unread_bytes(transport: asyncio.Transport) -> int:
    """Bytes waiting in the socket's receive buffer, not yet read by the event loop."""
    try:
        fd = transport.get_extra_info("socket").fileno()
        return int(struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, bytes(4)))[0])
    except (AttributeError, OSError):  # no socket, or closed meanwhile: nothing to answer
        return 0
