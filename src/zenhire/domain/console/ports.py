"""What the console's use cases need from the world, one Protocol per role.

Writes join the current unit of work (``zenhire.domain.ports.UnitOfWork``), except the login
failure count, which is written on its own so a failed attempt stays counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from zenhire.domain.console.model import (
    AuditEntry,
    ConsoleSession,
    ConsoleUser,
    ConsoleUserId,
    Invite,
)
from zenhire.domain.model.failure_window import FailureWindow
from zenhire.domain.model.ids import ClientId
from zenhire.domain.pagination import PageRequest


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str:
        """An Argon2id hash (parameters and salt encoded in it)."""
        ...

    def verify(self, password_hash: str, password: str) -> bool:
        """True when ``password`` matches; never raises for a mismatch."""
        ...

    def verify_dummy(self, password: str) -> None:
        """The same work as ``verify`` against a fixed hash: unknown emails cost the same."""
        ...


class ConsoleSecrets(Protocol):
    def mint(self) -> tuple[str, bytes]:
        """A fresh random secret (≥ 256 bits, URL-safe) and its SHA-256 digest."""
        ...

    def digest(self, raw: str) -> bytes:
        """SHA-256 of a raw secret."""
        ...


class ConsoleUsers(Protocol):
    async def add(self, user: ConsoleUser) -> None:
        """Insert; the email (normalised) is unique across clients — ConflictError if taken."""
        ...

    async def get(self, user_id: ConsoleUserId) -> ConsoleUser | None: ...

    async def by_email(self, email: str) -> ConsoleUser | None: ...

    async def save(self, user: ConsoleUser) -> None:
        """Write role and password hash."""
        ...

    async def remove(self, user_id: ConsoleUserId) -> None:
        """Delete the user with its invites and sessions."""
        ...

    async def of_client(self, client_id: ClientId) -> list[ConsoleUser]:
        """The client's users, oldest first."""
        ...

    async def lock_owners(self, client_id: ClientId) -> int:
        """Lock the client's owners until the unit of work ends and count them (the
        last-owner rule holds under concurrent demotions)."""
        ...


class Invites(Protocol):
    async def replace(self, invite: Invite) -> None:
        """Store the user's invite, dropping any earlier one (only the newest link works)."""
        ...

    async def take(self, digest: bytes) -> Invite | None:
        """Delete and return the invite with this digest (one use), or None."""
        ...


class ConsoleSessions(Protocol):
    async def add(self, session: ConsoleSession) -> None: ...

    async def get(self, digest: bytes) -> ConsoleSession | None: ...

    async def touch(self, digest: bytes, at: datetime) -> None:
        """Record a use (the idle timeout counts from the last one)."""
        ...

    async def delete(self, digest: bytes) -> None: ...

    async def delete_of_user(self, user_id: ConsoleUserId, keep: bytes | None = None) -> None:
        """End every session of the user but ``keep``."""
        ...

    async def delete_of_client(self, client_id: ClientId) -> None:
        """End every session of the client's users."""
        ...


class LoginFailures(Protocol):
    """Failed logins per email, each counted in a ``FailureWindow`` of ``LOGIN_WINDOW``
    (15 minutes from its first failure), shared by every process."""

    async def window(self, email: str, now: datetime) -> FailureWindow | None:
        """The email's window if one is open at ``now`` (began less than 15 minutes before),
        or None. No lock."""
        ...

    async def record(self, email: str, now: datetime) -> FailureWindow:
        """Count one failure at once, in the open window or in a new one starting at ``now``,
        in a count every process shares (committed on its own); return the window including
        it."""
        ...

    async def prune(self, before: datetime, limit: int) -> int:
        """Forget up to ``limit`` windows that began before ``before`` (``now - LOGIN_WINDOW``:
        ended, so they no longer count), committed on their own; return how many. A window
        another process is counting into at that moment is skipped (left for a later call),
        and one that began at or after ``before`` is kept, so a count is never lost. A
        forgotten email counts from zero again, as it would once its window ended."""
        ...


class AuditLog(Protocol):
    async def add(self, entry: AuditEntry) -> None: ...

    async def list(self, client_id: ClientId, page: PageRequest) -> list[AuditEntry]:
        """Newest first, after ``page.after``, at most ``page.limit + 1``."""
        ...


@dataclass(frozen=True, slots=True)
class DayFigures:
    """One UTC day of the overview chart."""

    day: date
    created: int = 0
    completed: int = 0
    failed: int = 0
    credits_charged: int = 0


class ConsoleStats(Protocol):
    async def daily(self, client_id: ClientId, since: datetime) -> list[DayFigures]:
        """Per UTC day from ``since``: sessions created, completed and failed (by the day they
        ended) and credits charged; days without any are left out."""
        ...

    async def waiting(self, client_id: ClientId) -> int:
        """Sessions of the client waiting in line for a slot."""
        ...
