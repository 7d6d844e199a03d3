"""``X-Request-ID`` on every response: echo a well-formed incoming one, else mint one."""

from __future__ import annotations

import re
from contextvars import ContextVar
from typing import Final

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from zenhire.adapters.tokens import mint_request_id

HEADER: Final = "x-request-id"
HEADER_BYTES: Final = HEADER.encode()
_VALID: Final = re.compile(r"[A-Za-z0-9._-]{1,128}")
current_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


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
        scope.setdefault("state", {})["request_id"] = request_id
        token = current_request_id.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableScopeHeaders.from_message(message)[HEADER] = request_id
            await send(message)

        try:
            await app(scope, receive, send_with_id)
        finally:
            current_request_id.reset(token)

    return middleware
