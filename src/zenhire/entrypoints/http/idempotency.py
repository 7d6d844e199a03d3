"""``Idempotency-Key`` handling (api.md §10.1) around the create endpoints.

Same key, method, path and body → the first status and body again, with
``Idempotent-Replayed: true``. Link responses are never stored (they carry a raw token):
their replay mints a fresh link while the session is still ``initiated``. Only successful
outcomes are remembered; a failed attempt releases the key so it can be retried.
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

from zenhire.domain.errors import (
    IdempotencyInProgressError,
    IdempotencyKeyMismatchError,
    invalid,
)
from zenhire.domain.model.idempotency import CLAIM_RENEW_EVERY, IdempotencyScope, client_scope
from zenhire.domain.model.ids import SessionId
from zenhire.domain.ports import Clock, IdempotencyKeys
from zenhire.domain.use_cases.refresh_link import RefreshLink
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
    refresh: RefreshLink

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
        if record.fingerprint != fingerprint:
            raise IdempotencyKeyMismatchError()
        if record.running:
            raise IdempotencyInProgressError()
        if record.session_id is not None and link is not None:
            response = link(await self.refresh(record.session_id))
        else:
            response = Response(
                record.body or b"",
                status_code=record.status_code or 200,
                media_type=MediaType.JSON,
            )
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
