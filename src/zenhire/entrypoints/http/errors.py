"""The one table from domain error to HTTP status, and the public error envelope."""

from __future__ import annotations

import re
from typing import Any, Final

import structlog
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from zenhire.adapters.clock import SystemClock
from zenhire.adapters.postgres.connection import translate
from zenhire.domain import errors as e
from zenhire.domain import limits
from zenhire.domain.timefmt import iso
from zenhire.entrypoints.http.request_id import FAILURE, request_id_of

STATUS: Final[dict[type[e.DomainError], int]] = {
    e.InvalidInputError: 400,
    e.InvalidCursorError: 400,
    e.MissingApiKeyError: 401,
    e.InvalidApiKeyError: 401,
    e.ApiKeyExpiredError: 401,
    e.ClientInactiveError: 401,
    e.InvalidAdminTokenError: 401,
    e.InvalidSignatureError: 401,
    e.SignatureExpiredError: 401,
    e.SignatureReusedError: 401,
    e.InsufficientCreditsError: 402,
    e.IpNotAllowedError: 403,
    e.MissingPermissionError: 403,
    e.ResourceForbiddenError: 403,
    e.NotFoundError: 404,
    e.InvalidTokenError: 404,
    e.PersonaArchivedError: 409,
    e.PersonaLimitError: 409,
    e.SessionEndedError: 409,
    e.SessionNotActiveError: 409,
    e.DeliveryConflictError: 409,
    e.SessionMismatchError: 409,
    e.SessionCompletedError: 409,
    e.SessionActiveError: 409,
    e.SessionNotEndedError: 409,
    e.ArtifactNotReadyError: 409,
    e.ConflictError: 409,
    e.IdempotencyInProgressError: 409,
    e.IdempotencyKeyUsedError: 409,
    e.TokenExpiredError: 410,
    e.IdempotencyKeyMismatchError: 422,
    e.RateLimitExceededError: 429,
    e.TooManyFailedAttemptsError: 429,
    e.ArtifactUnavailableError: 502,
    e.StorageUnavailableError: 503,
    e.InsecureWebhookUrlError: 400,
    e.PrivateWebhookUrlError: 400,
    e.WebhookEndpointLimitError: 409,
    e.DeliveryCancelledError: 409,
}
# The verify endpoint answers an inactive client with 403 (api.md §6.1 step 5), not 401.
S2S_STATUS_OVERRIDES: Final[dict[type[e.DomainError], int]] = {e.ClientInactiveError: 403}
RETRY_AFTER_SECONDS: Final[dict[int, int]] = {503: 2}

PAYLOAD_TOO_LARGE_MESSAGE: Final = (
    f"The request body is larger than {limits.BODY_MAX_BYTES // 1024} KiB."
)
# Codes of the answers the framework gives before or around a handler (no domain error).
HTTP_CODES: Final = {
    400: "INVALID_INPUT",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "RATE_LIMIT_EXCEEDED",
    500: e.DomainError.code,
    503: "SERVICE_UNAVAILABLE",
}
_LOCATION: Final = re.compile(r" - at `\$\.?(?P<path>[^`]*)`")
_NAMED_FIELD: Final = re.compile(r"(?:unknown|missing required) field `(?P<name>[^`]*)`")
log = structlog.get_logger("zenhire.http")
_CLOCK: Final = SystemClock()


def envelope(
    request: Request[Any, Any, Any],
    status: int,
    code: str,
    message: str,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    retry_after: int | None = None,
) -> Response[dict[str, Any]]:
    request_id = request_id_of(request.scope)
    body: dict[str, Any] = {
        "code": code,
        "message": message,
        "timestamp": iso(_CLOCK.now()),
        "requestId": request_id,
    }
    if details:
        body["details"] = details
    extra = dict(headers or {})
    if (retry := retry_after or RETRY_AFTER_SECONDS.get(status)) is not None:
        body["retryAfterSeconds"] = retry
        extra["Retry-After"] = str(retry)
    return Response({"error": body}, status_code=status, headers=extra, media_type=MediaType.JSON)


def status_for(error: type[e.DomainError], *, s2s: bool) -> int:
    """The HTTP status of a domain error; ``s2s`` for the interview backend's endpoints."""
    status = STATUS.get(error, 400)
    return S2S_STATUS_OVERRIDES.get(error, status) if s2s else status


def domain_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    assert isinstance(exc, e.DomainError)  # noqa: S101
    status = status_for(type(exc), s2s=bool(request.route_handler.opt.get("s2s")))
    retry = (
        exc.retry_after_seconds
        if isinstance(exc, e.RateLimitExceededError | e.TooManyFailedAttemptsError)
        else None
    )
    return envelope(request, status, exc.code, exc.message, exc.details, retry_after=retry)


def http_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    assert isinstance(exc, HTTPException)  # noqa: S101
    status = exc.status_code
    if status >= HTTP_500_INTERNAL_SERVER_ERROR:
        return internal_error_handler(request, exc)
    code = HTTP_CODES.get(status, "HTTP_ERROR")
    details = None
    message = exc.detail or "Request failed."
    if isinstance(exc, ValidationException) or status == 400:
        code, message = "INVALID_INPUT", "The request is invalid."
        details = {"fields": _field_problems(exc)}
    elif status == 413:
        message = PAYLOAD_TOO_LARGE_MESSAGE
    headers = {k: v for k, v in (exc.headers or {}).items() if k.lower() == "allow"}
    return envelope(request, status, code, message, details, headers)


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    translated = translate(exc)
    if translated is not None:
        log.warning("storage_unavailable", error_type=type(exc).__name__, error=str(exc)[:300])
        return domain_error_handler(request, translated)
    # Logged once, by the access line (error level, request id, this traceback).
    request.scope.setdefault("state", {})[FAILURE] = exc
    return envelope(request, 500, HTTP_CODES[500], e.DomainError.default_message)


def field_problem(message: str, key: str = "") -> e.FieldProblem:
    """A msgspec validation message (``Expected `int`, got `str` - at `$.credits```), under
    parameter ``key`` when given, as one ``{field, problem}``; a dict value's position
    (``[...]``) is reported as its dict."""
    where = _LOCATION.search(message)
    text = message[: where.start()] if where else message
    path = [key, where["path"] if where else ""]
    if named := _NAMED_FIELD.search(text):
        path.append(named["name"])
    field = ".".join(p for p in path if p).replace("[...]", "")
    return e.FieldProblem(field or "body", text)


def _field_problems(exc: HTTPException) -> list[dict[str, str]]:
    problems: list[dict[str, str]] = []
    extra = exc.extra if isinstance(exc.extra, list) else []
    for item in extra:
        if not isinstance(item, dict):
            continue
        key = str(item.get("key") or "")
        problem = field_problem(str(item.get("message", "invalid")), "" if key == "data" else key)
        problems.append(problem.as_dict())
    if not problems:
        problems.append({"field": "body", "problem": str(exc.detail or "invalid")})
    return problems


EXCEPTION_HANDLERS: Final = {
    e.DomainError: domain_error_handler,
    HTTPException: http_error_handler,
    Exception: internal_error_handler,
}
