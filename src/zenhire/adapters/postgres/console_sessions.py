"""Postgres adapters for console sessions and the console's login failures."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from zenhire.adapters.postgres.statements import alone, read, write
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.console.model import (
    LOGIN_WINDOW,
    ConsoleSession,
    ConsoleUserId,
    LoginWindow,
)
from zenhire.domain.console.ports import ConsoleSessions, LoginFailures
from zenhire.domain.model.ids import ClientId

ADD: Final = write(
    "INSERT INTO console_sessions (digest, user_id, client_id, created_at, last_seen_at)"
    " VALUES ($1, $2, $3, $4, $5)"
)
GET: Final = read(
    "SELECT digest, user_id, client_id, created_at, last_seen_at FROM console_sessions"
    " WHERE digest = $1"
)
TOUCH: Final = write("UPDATE console_sessions SET last_seen_at = $2 WHERE digest = $1")
END: Final = write("DELETE FROM console_sessions WHERE digest = $1")
END_OF_USER: Final = write(
    "DELETE FROM console_sessions WHERE user_id = $1 AND digest IS DISTINCT FROM $2"
)
END_OF_CLIENT: Final = write("DELETE FROM console_sessions WHERE client_id = $1")
WINDOW: Final = read(
    "SELECT started, failures FROM console_login_failures WHERE email = $1 AND started > $2"
)
# One atomic upsert: concurrent failures from any process each add exactly one; a window that
# has ended starts over at this failure.
RECORD: Final = alone("""
INSERT INTO console_login_failures AS w (email, started, failures) VALUES ($1, $2, 1)
ON CONFLICT (email) DO UPDATE SET
    started = CASE WHEN w.started > $3 THEN w.started ELSE EXCLUDED.started END,
    failures = CASE WHEN w.started > $3 THEN w.failures + 1 ELSE 1 END
RETURNING started, failures
""")


class PostgresConsoleSessions(ConsoleSessions):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, session: ConsoleSession) -> None:
        self.tx.stage(
            ADD,
            session.digest,
            session.user_id,
            session.client_id,
            session.created_at,
            session.last_seen_at,
        )

    async def get(self, digest: bytes) -> ConsoleSession | None:
        row = await self.tx.fetchrow(GET, digest)
        return None if row is None else ConsoleSession(**dict(row))

    async def touch(self, digest: bytes, at: datetime) -> None:
        self.tx.stage(TOUCH, digest, at)

    async def delete(self, digest: bytes) -> None:
        self.tx.stage(END, digest)

    async def delete_of_user(self, user_id: ConsoleUserId, keep: bytes | None = None) -> None:
        self.tx.stage(END_OF_USER, user_id, keep)

    async def delete_of_client(self, client_id: ClientId) -> None:
        self.tx.stage(END_OF_CLIENT, client_id)


class PostgresLoginFailures(LoginFailures):
    """Every process counts into the same row; each count commits on its own."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def window(self, email: str, now: datetime) -> LoginWindow | None:
        row = await self.tx.fetchrow(WINDOW, email, now - LOGIN_WINDOW)
        return None if row is None else LoginWindow(row["started"], row["failures"])

    async def record(self, email: str, now: datetime) -> LoginWindow:
        row = await self.tx.fetchrow(RECORD, email, now, now - LOGIN_WINDOW)
        assert row is not None  # noqa: S101  # an upsert with RETURNING answers one row
        return LoginWindow(row["started"], row["failures"])
