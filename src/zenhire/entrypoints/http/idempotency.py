"""``Idempotency-Key`` handling (api.md §10.1) around the create endpoints.

What a repeat answers is decided in the domain (``ReplayRequest``); this module keeps the
key's lease: it fingerprints the request, claims the key, runs the first request under a
renewed claim, remembers its successful outcome (a link response by its session id only: it
carries a raw token) or releases the key so a failed attempt can be retried, and renders a
repeat's answer marked ``Idempotent-Replayed: true``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any, Final

import msgspec
import structlog
from litestar import MediaType, Request, Response
from litestar.params import HeaderParameter

from zenhire.domain.errors import invalid
from zenhire.domain.model.idempotency import CLAIM_RENEW_EVERY, IdempotencyScope, client_scope
from zenhire.domain.model.ids import SessionId
from zenhire.domain.ports import Clock, IdempotencyKeys
from zenhire.domain.use_cases.replay_request import (
    ReplayRequest,
    ReplayRequestCommand,
    StoredAnswer,
)
from zenhire.entrypoints.http.guards import principal_of

# 1-255 printable ASCII characters; HTTP drops spaces at either end, so none stand there.
KEY_PATTERN: Final = r"^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$"
KeyHeader = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=KEY_PATTERN,
        description=(
            "Your unique id for this request (e.g. a UUID), remembered for 24 hours: a retry "
            "with the same key, method, path and body gets the first answer again, marked "
            "`Idempotent-Replayed: true`, instead of acting twice. The same key with another "
            "body is refused (422); while the first request runs, a retry gets 409."
        ),
    ),
]
REPLAYED: Final = "Idempotent-Replayed"
log = structlog.get_logger("zenhire.idempotency")
_VALID: Final = re.compile(KEY_PATTERN)

Run = Callable[[], Awaitable[Response[Any]]]
LinkResponder = Callable[..., Response[Any]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Idempotency:
    keys: IdempotencyKeys
    clock: Clock
    replay: ReplayRequest

    async def run(
        self,
        request: Request[Any, Any, Any],
        key: str | None,
        run: Run,
        link: LinkResponder | None = None,
        scope: IdempotencyScope | None = None,
    ) -> Response[Any]:
        """Execute ``run`` at most once per ``key`` of ``scope`` (default: the calling API
        key's client); ``link`` re-renders a link replay."""
        if key is None:
            return await run()
        if not _VALID.fullmatch(key):
            raise invalid("Idempotency-Key", "1-255 printable ASCII characters")
        if scope is None:
            scope = client_scope(principal_of(request).client_id)
        fingerprint = hashlib.sha256(
            b"\n".join([request.method.encode(), request.url.path.encode(), await request.body()])
        ).hexdigest()
        record = await self.keys.claim(scope, key, fingerprint, self.clock.now())
        if record is None:
            return await self._first(scope, key, run, link is not None)
        answer = await self.replay(
            ReplayRequestCommand(
                record=record, fingerprint=fingerprint, issues_link=link is not None
            )
        )
        if isinstance(answer, StoredAnswer):
            response: Response[Any] = Response(
                answer.body, status_code=answer.status_code, media_type=MediaType.JSON
            )
        else:
            assert link is not None  # noqa: S101  # a link answer only for a link request
            response = link(answer)
        response.headers[REPLAYED] = "true"
        return response

    @asynccontextmanager
    async def _lease(self, scope: IdempotencyScope, key: str) -> AsyncIterator[None]:
        """Renew the claim while the request runs, so it outlives a dead process by at most
        ``CLAIM_LEASE``; a failed renewal is logged and retried at the next tick."""

        async def renew() -> None:
            while True:
                await asyncio.sleep(CLAIM_RENEW_EVERY.total_seconds())
                try:
                    await self.keys.renew(scope, key, self.clock.now())
                except Exception as error:  # the request itself goes on
                    log.warning("idempotency_renew_failed", error_type=type(error).__name__)

        renewing = asyncio.create_task(renew())
        try:
            yield
        finally:
            renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewing

    async def _first(
        self, scope: IdempotencyScope, key: str, run: Run, link: bool
    ) -> Response[Any]:
        try:
            async with self._lease(scope, key):
                response = await run()
        except BaseException:
            await self.keys.release(scope, key)
            raise
        status = response.status_code or 200
        if not 200 <= status < 300:
            await self.keys.release(scope, key)
            return response
        if link:
            await self.keys.finish(scope, key, status, None, SessionId(response.content.id))
        else:
            await self.keys.finish(scope, key, status, msgspec.json.encode(response.content), None)
        return response
