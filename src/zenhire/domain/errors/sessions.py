"""The session lifecycle: tokens, admission, completion, re-invites."""

from __future__ import annotations

from zenhire.domain.errors.base import DomainError


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
