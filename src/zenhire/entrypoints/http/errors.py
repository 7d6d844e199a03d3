"""The one table from domain error to HTTP status (``error_handlers`` renders the envelope)."""

from __future__ import annotations

from typing import Final

from zenhire.domain import errors as e
from zenhire.domain import limits

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
    # The console's own (rendered as pages by entrypoints/console; never an API answer).
    e.LoginFailedError: 401,
    e.NotSignedInError: 401,
    e.RoleForbiddenError: 403,
    e.LastOwnerError: 409,
    e.InviteInvalidError: 410,
    e.LoginThrottledError: 429,
}
# The verify endpoint answers an inactive client with 403 (api.md §6.1 step 5), not 401.
S2S_STATUS_OVERRIDES: Final[dict[type[e.DomainError], int]] = {e.ClientInactiveError: 403}
RETRY_AFTER_SECONDS: Final[dict[int, int]] = {503: 2}

PAYLOAD_TOO_LARGE_MESSAGE: Final = (
    f"The request body is larger than {limits.BODY_MAX_BYTES // 1024} KiB."
)
# Codes of the answers the framework gives before or around a handler (no domain error).
HTTP_CODES: Final = {
    400: e.InvalidInputError.code,
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: e.NotFoundError.code,
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: e.RateLimitExceededError.code,
    500: e.DomainError.code,
    503: "SERVICE_UNAVAILABLE",
}
# Of those, the ones no client meets: the guards raise domain errors (never a bare 401 or
# 403), no route negotiates content (406) or refuses a media type (415), and the service is
# unavailable only as STORAGE_UNAVAILABLE. The API document and the README catalog omit them.
UNSEEN_HTTP_CODES: Final = frozenset(
    {"UNAUTHORIZED", "FORBIDDEN", "NOT_ACCEPTABLE", "UNSUPPORTED_MEDIA_TYPE", "SERVICE_UNAVAILABLE"}
)


def status_for(error: type[e.DomainError], *, s2s: bool) -> int:
    """The HTTP status of a domain error; ``s2s`` for the interview backend's endpoints."""
    status = STATUS.get(error, 400)
    return S2S_STATUS_OVERRIDES.get(error, status) if s2s else status
