"""``X-Request-ID`` (and the security headers) on every response, and one canonical log line
per request.

An incoming id is echoed when well-formed, else one is minted. The log line carries
``request_id``, method, route template, status, ``duration_ms``, ``caller_ip`` and ``client_id``
when known; it is logged at info, or at error for a 5xx (then with ``error_type`` and the
traceback of the exception behind it: the one error-level line of that request);
never a query string, header or body (those may hold secrets).
"""

from __future__ import annotations

import re
import time
from contextvars import ContextVar
from typing import Final

import structlog
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from zenhire.entrypoints.composition.process import mint_request_id
from zenhire.entrypoints.http.caller_ip import caller_ip
from zenhire.entrypoints.http.security_headers import add_security_headers
from zenhire.entrypoints.metrics import record_request

HEADER: Final = "x-request-id"
HEADER_BYTES: Final = HEADER.encode()
_VALID: Final = re.compile(r"[A-Za-z0-9._-]{1,128}")
FAILURE: Final = "failure"  # scope state: the exception behind a 5xx, for the access line
current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
access_log = structlog.get_logger("zenhire.access")


def request_id_of(scope: Scope) -> str:
    """The id bound to this request (minted lazily for scopes the middleware never saw)."""
    state = scope.setdefault("state", {})
    if "request_id" not in state:
        state["request_id"] = mint_request_id()
    return str(state["request_id"])


def request_id_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        incoming = next(
            (
                v.decode("latin-1")
                for k, v in scope["headers"]
                if k.decode("latin-1").lower() == HEADER
            ),
            None,
        )
        request_id = incoming if incoming and _VALID.fullmatch(incoming) else mint_request_id()
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        token = current_request_id.set(request_id)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableScopeHeaders.from_message(message)
                headers[HEADER] = request_id
                add_security_headers(scope, headers)
                rate = state.get("rate")
                if rate is not None:
                    headers["RateLimit-Limit"] = str(rate.limit)
                    headers["RateLimit-Remaining"] = str(rate.remaining)
                    headers["RateLimit-Reset"] = str(rate.reset_seconds)
            await send(message)

        try:
            await app(scope, receive, send_with_id)
        except Exception as exc:  # escaped the app's handlers: still one line, with its trace
            state.setdefault(FAILURE, exc)
            raise
        finally:
            principal = state.get("principal")
            elapsed = time.perf_counter() - started
            route = scope.get("path_template", "unmatched")
            record_request(scope["method"], route, status, elapsed)
            # A 5xx is the one error-level line of its request (with the traceback of an
            # unhandled error); everything else, 4xx included, is info.
            failure = state.pop(FAILURE, None)
            log = access_log.error if status >= HTTP_500_INTERNAL_SERVER_ERROR else access_log.info
            log(
                "request",
                method=scope["method"],
                route=route,
                status=status,
                duration_ms=round(elapsed * 1000, 2),
                client_id=str(principal.client_id) if principal is not None else None,
                caller_ip=caller_ip(scope),
                **(
                    {}
                    if failure is None
                    else {"error_type": type(failure).__name__, "exc_info": failure}
                ),
            )
            structlog.contextvars.unbind_contextvars("request_id")
            current_request_id.reset(token)

    return middleware
