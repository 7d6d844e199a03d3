"""Console error codes: the console renders each as a page (statuses in the one table)."""

from __future__ import annotations

from zenhire.domain.errors.base import DomainError


class LoginFailedError(DomainError):
    """One answer for an unknown email, a pending user and a wrong password."""

    code = "LOGIN_FAILED"
    default_message = "The email or password is not right."


class LoginThrottledError(DomainError):
    code = "LOGIN_THROTTLED"
    default_message = "Too many failed logins for this email; try again later."

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(None, None)
        self.retry_after_seconds = retry_after_seconds


class NotSignedInError(DomainError):
    """No console session, or one that ended (logout, timeout, removal, deactivation)."""

    code = "NOT_SIGNED_IN"
    default_message = "Please sign in."


class RoleForbiddenError(DomainError):
    code = "ROLE_FORBIDDEN"
    default_message = "Your role does not allow this change."


class LastOwnerError(DomainError):
    code = "LAST_OWNER"
    default_message = "The last owner cannot be removed or demoted; make someone else owner first."


class InviteInvalidError(DomainError):
    """Unknown, used or expired invite: one answer for all three."""

    code = "INVITE_INVALID"
    default_message = "This invite link is not valid any more; ask for a new one."
