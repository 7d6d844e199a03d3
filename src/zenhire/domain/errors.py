"""Domain errors: one class per public error code.

The domain knows codes, never HTTP statuses; ``entrypoints.http.errors`` maps each class to
its status. ``details`` carries the code-specific, secret-free extra data of the envelope.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


class DomainError(Exception):
    """Base of every expected failure; ``code`` is the stable public catalog string."""

    code: ClassVar[str] = "INTERNAL_ERROR"
    default_message: ClassVar[str] = "Internal error."

    def __init__(self, message: str | None = None, details: Mapping[str, Any] | None = None):
        self.message = message or self.default_message
        self.details = dict(details) if details else None
        super().__init__(self.message)


class FieldProblem:
    """One invalid input field: its dotted path and what is wrong with it."""

    __slots__ = ("field", "problem")

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "problem": self.problem}


class InvalidInputError(DomainError):
    code = "INVALID_INPUT"
    default_message = "The request is invalid."

    def __init__(self, problems: list[FieldProblem], message: str | None = None) -> None:
        super().__init__(message, {"fields": [p.as_dict() for p in problems]})
        self.problems = problems


def invalid(field: str, problem: str) -> InvalidInputError:
    """Shorthand for a one-field ``InvalidInputError``."""
    return InvalidInputError([FieldProblem(field, problem)])


class InvalidCursorError(DomainError):
    code = "INVALID_CURSOR"
    default_message = "The cursor cannot be decoded."


# --- authentication and authorization -------------------------------------------------------


class MissingApiKeyError(DomainError):
    code = "MISSING_API_KEY"
    default_message = "An API key is required (X-API-Key or Authorization: Bearer)."


class InvalidApiKeyError(DomainError):
    code = "INVALID_API_KEY"
    default_message = "The API key is invalid."


class ApiKeyExpiredError(DomainError):
    code = "API_KEY_EXPIRED"
    default_message = "The API key has expired."


class ClientInactiveError(DomainError):
    code = "CLIENT_INACTIVE"
    default_message = "The client is deactivated."


class IpNotAllowedError(DomainError):
    code = "IP_NOT_ALLOWED"
    default_message = "The caller's address is not on the key's allow-list."


class MissingPermissionError(DomainError):
    code = "MISSING_PERMISSION"
    default_message = "The client lacks the required permission."


class InvalidAdminTokenError(DomainError):
    code = "INVALID_ADMIN_TOKEN"
    default_message = "The admin token is missing or wrong."


class InvalidSignatureError(DomainError):
    code = "INVALID_SIGNATURE"
    default_message = "The request signature is missing, malformed or wrong."


class SignatureExpiredError(DomainError):
    code = "SIGNATURE_EXPIRED"
    default_message = "The request signature timestamp is outside the allowed window."


class SignatureReusedError(DomainError):
    code = "SIGNATURE_REUSED"
    default_message = "This signature was already accepted on another path; sign each request."


# --- resources -------------------------------------------------------------------------------


class NotFoundError(DomainError):
    code = "NOT_FOUND"
    default_message = "No such resource."


class ResourceForbiddenError(DomainError):
    code = "RESOURCE_FORBIDDEN"
    default_message = "The resource belongs to another client."


class PersonaArchivedError(DomainError):
    code = "PERSONA_ARCHIVED"
    default_message = "The persona is archived."


class PersonaLimitError(DomainError):
    code = "PERSONA_LIMIT"
    default_message = "The client holds the most active personas allowed; archive one first."

    def __init__(self, limit: int) -> None:
        super().__init__(None, {"limit": limit})


class InsufficientCreditsError(DomainError):
    code = "INSUFFICIENT_CREDITS"
    default_message = "The credit balance is below the minimum to start."

    def __init__(self, balance: int, minimum: int) -> None:
        super().__init__(None, {"balance": balance, "minimum": minimum})


# --- session lifecycle -----------------------------------------------------------------------


class InvalidTokenError(DomainError):
    code = "INVALID_TOKEN"
    default_message = "Unknown or revoked token."


class TokenExpiredError(DomainError):
    code = "TOKEN_EXPIRED"
    default_message = "The candidate link has expired."


class SessionEndedError(DomainError):
    code = "SESSION_ENDED"
    default_message = "The session has ended."

    def __init__(self, status: str, error_code: str | None) -> None:
        super().__init__(None, {"status": status, "error_code": error_code})


class SessionNotActiveError(DomainError):
    code = "SESSION_NOT_ACTIVE"
    default_message = "The session has not started."


class SessionMismatchError(DomainError):
    code = "SESSION_MISMATCH"
    default_message = (
        "interview_svc_session_id differs from the one recorded when the session was verified."
    )


class DeliveryConflictError(DomainError):
    code = "DELIVERY_CONFLICT"
    default_message = "This delivery_id was already used with a different body."


class SessionCompletedError(DomainError):
    code = "SESSION_COMPLETED"
    default_message = "A completed session cannot be re-invited."


class SessionActiveError(DomainError):
    code = "SESSION_ACTIVE"
    default_message = "A live session cannot be re-invited."


class SessionNotEndedError(DomainError):
    code = "SESSION_NOT_ENDED"
    default_message = "The session has not ended; its current link is still valid."


class ArtifactNotReadyError(DomainError):
    code = "ARTIFACT_NOT_READY"
    default_message = "The artifact is not available yet."

    def __init__(self, status: str) -> None:
        super().__init__(None, {"status": status})


class ArtifactUnavailableError(DomainError):
    code = "ARTIFACT_UNAVAILABLE"
    default_message = "The artifact is recorded but missing from the store."

    @classmethod
    def too_large(cls, limit_bytes: int) -> ArtifactUnavailableError:
        return cls(
            f"The artifact is larger than the {limit_bytes} bytes served.",
            {"limit_bytes": limit_bytes},
        )


# --- infrastructure --------------------------------------------------------------------------


class StorageUnavailableError(DomainError):
    code = "STORAGE_UNAVAILABLE"
    default_message = "The database is unreachable; retry shortly."


class ConflictError(DomainError):
    """A write lost a race it cannot recover from (e.g. a unique constraint)."""

    code = "CONFLICT"
    default_message = "The request conflicts with the current state; retry."


# --- idempotency keys ------------------------------------------------------------------------


class IdempotencyKeyMismatchError(DomainError):
    code = "IDEMPOTENCY_KEY_MISMATCH"
    default_message = "This Idempotency-Key was used with a different method, path or body."


class IdempotencyInProgressError(DomainError):
    code = "IDEMPOTENCY_IN_PROGRESS"
    default_message = "A request with this Idempotency-Key is still running; retry shortly."


class IdempotencyKeyUsedError(DomainError):
    code = "IDEMPOTENCY_KEY_USED"
    default_message = "The session created with this Idempotency-Key has moved on."

    def __init__(self, session_id: str) -> None:
        super().__init__(None, {"session_id": session_id})


class TooManyFailedAttemptsError(DomainError):
    code = "TOO_MANY_FAILED_ATTEMPTS"
    default_message = (
        "Too many failed authentication attempts from this address; retry after the reset."
    )

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(None, None)
        self.retry_after_seconds = retry_after_seconds


class RateLimitExceededError(DomainError):
    code = "RATE_LIMIT_EXCEEDED"
    default_message = "The API key's per-minute request budget is spent; retry after the reset."

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(None, None)
        self.retry_after_seconds = retry_after_seconds
