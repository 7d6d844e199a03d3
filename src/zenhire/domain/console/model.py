"""Console users, invites, browser sessions, the login throttle's terms and audit entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final, NewType
from uuid import UUID

from zenhire.domain.model.ids import ClientId

ConsoleUserId = NewType("ConsoleUserId", UUID)

INVITE_TTL: Final = timedelta(hours=72)
SESSION_IDLE: Final = timedelta(hours=12)
SESSION_ABSOLUTE: Final = timedelta(days=7)
# A seen session's last use is written at most this often: a page view costs no write.
SESSION_TOUCH_EVERY: Final = timedelta(minutes=1)
# Failed logins per email are counted in a ``FailureWindow`` of this length; once this many
# are counted, the email is refused until the window ends.
LOGIN_WINDOW: Final = timedelta(minutes=15)
LOGIN_FAILURES_ALLOWED: Final = 5
PASSWORD_MIN_LENGTH: Final = 12
PASSWORD_MAX_LENGTH: Final = 1024  # Argon2 hashes any length; a bound keeps the work bounded
EMAIL_MAX_LENGTH: Final = 254
# What an email must look like: something, "@", a domain with a dot; one "@", no space or
# control character. The API schema publishes the same pattern (written with explicit ranges,
# not \s, which regex dialects read differently), so a body it accepts is never refused here.
_NAME: Final = r"[^@\x00-\x20\x7f]+"
EMAIL_PATTERN: Final = rf"^{_NAME}@{_NAME}\.{_NAME}$"


class Role(StrEnum):
    """``owner`` does everything, ``admin`` everything but users, ``viewer`` only reads."""

    OWNER = "owner"
    ADMIN = "admin"
    VIEWER = "viewer"

    @property
    def can_change(self) -> bool:
        return self is not Role.VIEWER

    @property
    def manages_users(self) -> bool:
        return self is Role.OWNER


@dataclass(slots=True, kw_only=True)
class ConsoleUser:
    """A person of one client. ``password_hash`` is None until the invite is accepted."""

    id: ConsoleUserId
    client_id: ClientId
    email: str
    role: Role
    created_at: datetime
    password_hash: str | None = field(default=None, repr=False)

    @property
    def pending(self) -> bool:
        return self.password_hash is None


@dataclass(frozen=True, slots=True, kw_only=True)
class Invite:
    """A one-time invite link, stored only as the SHA-256 digest of its token."""

    digest: bytes = field(repr=False)
    user_id: ConsoleUserId
    expires_at: datetime

    def usable(self, now: datetime) -> bool:
        return now < self.expires_at


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsoleSession:
    """A browser session: the cookie holds a random id, the store only its digest."""

    digest: bytes = field(repr=False)
    user_id: ConsoleUserId
    client_id: ClientId
    created_at: datetime
    last_seen_at: datetime

    def alive(self, now: datetime) -> bool:
        """Within both the idle timeout (12 h) and the absolute one (7 days)."""
        return now < self.last_seen_at + SESSION_IDLE and now < self.created_at + SESSION_ABSOLUTE

    def needs_touch(self, now: datetime) -> bool:
        return now - self.last_seen_at >= SESSION_TOUCH_EVERY


class AuditAction(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105  # an event name
    USER_INVITED = "user_invited"
    INVITE_ACCEPTED = "invite_accepted"
    USER_ROLE_CHANGED = "user_role_changed"
    USER_REMOVED = "user_removed"
    KEY_CREATED = "key_created"
    KEY_REVOKED = "key_revoked"
    KEY_ROTATED = "key_rotated"
    PROJECT_CREATED = "project_created"
    PERSONA_CREATED = "persona_created"
    PERSONA_ARCHIVED = "persona_archived"
    PLAYGROUND_SESSION = "playground_session"
    SESSION_REINVITED = "session_reinvited"
    WEBHOOK_CHANGED = "webhook_changed"


OPERATOR: Final = "operator"  # the actor of changes made through the admin API or CLI


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEntry:
    """Who (an email, or ``operator``) did what, when and from which address."""

    id: UUID
    client_id: ClientId
    created_at: datetime
    actor: str
    action: AuditAction
    subject: str = ""  # what it was done to: a key prefix, an email, a session id — never a secret
    ip: str | None = None


def normalise_email(email: str) -> str:
    """Emails are compared case-insensitively and without surrounding blanks."""
    return email.strip().lower()
