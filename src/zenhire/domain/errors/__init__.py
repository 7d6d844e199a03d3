"""Domain errors: one class per public error code, one module per family.

The domain knows codes, never HTTP statuses; ``entrypoints.http.errors`` holds the one table
from class to status. ``catalog()`` lists every error class, so that table (and every list
derived from it) can be checked for completeness. This package re-exports every class, so
``from zenhire.domain.errors import X`` names any of them.
"""

from __future__ import annotations

from zenhire.domain.errors.artifacts import ArtifactNotReadyError, ArtifactUnavailableError
from zenhire.domain.errors.auth import (
    ApiKeyExpiredError,
    ClientInactiveError,
    InvalidAdminTokenError,
    InvalidApiKeyError,
    InvalidSignatureError,
    IpNotAllowedError,
    MissingApiKeyError,
    MissingPermissionError,
    RateLimitExceededError,
    SignatureExpiredError,
    SignatureReusedError,
    TooManyFailedAttemptsError,
)
from zenhire.domain.errors.base import (
    DomainError,
    FieldProblem,
    InvalidCursorError,
    InvalidInputError,
    invalid,
)
from zenhire.domain.errors.console import (
    InviteInvalidError,
    LastOwnerError,
    LoginFailedError,
    LoginThrottledError,
    NotSignedInError,
    RoleForbiddenError,
)
from zenhire.domain.errors.idempotency import (
    IdempotencyInProgressError,
    IdempotencyKeyMismatchError,
    IdempotencyKeyUsedError,
)
from zenhire.domain.errors.resources import (
    InsufficientCreditsError,
    NotFoundError,
    PersonaArchivedError,
    PersonaLimitError,
    ResourceForbiddenError,
)
from zenhire.domain.errors.sessions import (
    DeliveryConflictError,
    InvalidTokenError,
    SessionActiveError,
    SessionCompletedError,
    SessionEndedError,
    SessionMismatchError,
    SessionNotActiveError,
    SessionNotEndedError,
    TokenExpiredError,
)
from zenhire.domain.errors.storage import (
    AdmissionStateChangedError,
    ConflictError,
    StorageUnavailableError,
)
from zenhire.domain.errors.webhooks import (
    DeliveryCancelledError,
    InsecureWebhookUrlError,
    PrivateWebhookUrlError,
    WebhookEndpointLimitError,
)


def catalog() -> list[type[DomainError]]:
    """Every concrete error class (each with its own ``code``), in definition order."""
    found: list[type[DomainError]] = []
    pending = list(DomainError.__subclasses__())
    while pending:
        cls = pending.pop(0)
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


__all__ = [
    "AdmissionStateChangedError",
    "ApiKeyExpiredError",
    "ArtifactNotReadyError",
    "ArtifactUnavailableError",
    "ClientInactiveError",
    "ConflictError",
    "DeliveryCancelledError",
    "DeliveryConflictError",
    "DomainError",
    "FieldProblem",
    "IdempotencyInProgressError",
    "IdempotencyKeyMismatchError",
    "IdempotencyKeyUsedError",
    "InsecureWebhookUrlError",
    "InsufficientCreditsError",
    "InvalidAdminTokenError",
    "InvalidApiKeyError",
    "InvalidCursorError",
    "InvalidInputError",
    "InvalidSignatureError",
    "InvalidTokenError",
    "InviteInvalidError",
    "IpNotAllowedError",
    "LastOwnerError",
    "LoginFailedError",
    "LoginThrottledError",
    "MissingApiKeyError",
    "MissingPermissionError",
    "NotFoundError",
    "NotSignedInError",
    "PersonaArchivedError",
    "PersonaLimitError",
    "PrivateWebhookUrlError",
    "RateLimitExceededError",
    "ResourceForbiddenError",
    "RoleForbiddenError",
    "SessionActiveError",
    "SessionCompletedError",
    "SessionEndedError",
    "SessionMismatchError",
    "SessionNotActiveError",
    "SessionNotEndedError",
    "SignatureExpiredError",
    "SignatureReusedError",
    "StorageUnavailableError",
    "TokenExpiredError",
    "TooManyFailedAttemptsError",
    "WebhookEndpointLimitError",
    "invalid",
]
