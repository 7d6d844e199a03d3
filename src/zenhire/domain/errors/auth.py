"""Authentication, authorization and request budgets: who may call, and how often."""

from __future__ import annotations

from zenhire.domain.errors.base import DomainError


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
