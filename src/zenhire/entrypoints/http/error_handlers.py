"""The app's exception handlers: every failure as the public error envelope.

A domain error takes its status from the one table (``errors``); Litestar's own refusals take
theirs from ``errors.HTTP_CODES``; anything else is the store's (``StorageFaults`` says what
it means) or a bug (500, logged once by the access line). The clock stamps the envelope.
"""

from __future__ import annotations

from typing import Any

import structlog
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap

from zenhire.domain import errors as e
from zenhire.domain.ports import Clock
from zenhire.domain.timefmt import iso
from zenhire.entrypoints.http.errors import (
    HTTP_CODES,
    PAYLOAD_TOO_LARGE_MESSAGE,
    RETRY_AFTER_SECONDS,
    status_for,
)
from zenhire.entrypoints.http.field_problems import field_problems
from zenhire.entrypoints.http.request_id import FAILURE, request_id_of
from zenhire.entrypoints.storage_faults import StorageFaults

log = structlog.get_logger("zenhire.http")
Request_ = Request[Any, Any, Any]


class ErrorHandlers:
    def __init__(self, clock: Clock, faults: StorageFaults) -> None:
        self._clock = clock
        self._faults = faults

    def mapping(self) -> ExceptionHandlersMap:
        return {
            e.DomainError: self.domain_error,
            HTTPException: self.http_error,
            Exception: self.internal_error,
        }

    def envelope(
        self,
        request: Request_,
        status: int,
        code: str,
        message: str,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        retry_after: int | None = None,
    ) -> Response[dict[str, Any]]:
        body: dict[str, Any] = {
            "code": code,
            "message": message,
            "timestamp": iso(self._clock.now()),
            "requestId": request_id_of(request.scope),
        }
        if details:
            body["details"] = details
        extra = dict(headers or {})
        if (retry := retry_after or RETRY_AFTER_SECONDS.get(status)) is not None:
            body["retryAfterSeconds"] = retry
            extra["Retry-After"] = str(retry)
        return Response(
            {"error": body}, status_code=status, headers=extra, media_type=MediaType.JSON
        )

    def domain_error(self, request: Request_, exc: Exception) -> Response[Any]:
        assert isinstance(exc, e.DomainError)  # noqa: S101
        status = status_for(type(exc), s2s=bool(request.route_handler.opt.get("s2s")))
        retry = (
            exc.retry_after_seconds
            if isinstance(exc, e.RateLimitExceededError | e.TooManyFailedAttemptsError)
            else None
        )
        return self.envelope(request, status, exc.code, exc.message, exc.details, retry_after=retry)

    def http_error(self, request: Request_, exc: Exception) -> Response[Any]:
        assert isinstance(exc, HTTPException)  # noqa: S101
        status = exc.status_code
        if status >= HTTP_500_INTERNAL_SERVER_ERROR:
            return self.internal_error(request, exc)
        code = HTTP_CODES.get(status, "HTTP_ERROR")
        details = None
        message = exc.detail or "Request failed."
        if isinstance(exc, ValidationException) or status == 400:
            code, message = e.InvalidInputError.code, "The request is invalid."
            details = {"fields": field_problems(exc)}
        elif status == 413:
            message = PAYLOAD_TOO_LARGE_MESSAGE
        headers = {k: v for k, v in (exc.headers or {}).items() if k.lower() == "allow"}
        return self.envelope(request, status, code, message, details, headers)

    def internal_error(self, request: Request_, exc: Exception) -> Response[Any]:
        translated = self._faults(exc)
        if translated is not None:
            log.warning("storage_unavailable", error_type=type(exc).__name__, error=str(exc)[:300])
            return self.domain_error(request, translated)
        # Logged once, by the access line (error level, request id, this traceback).
        request.scope.setdefault("state", {})[FAILURE] = exc
        return self.envelope(request, 500, HTTP_CODES[500], e.DomainError.default_message)
