"""Postgres adapters for console sessions and the console's login failures."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from zenhire.adapters.postgres.failure_windows import (
    PostgresFailureWindows,
    prune_statement,
    record_statement,
    window_statement,
)
from zenhire.adapters.postgres.statements import read, write
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.console.model import LOGIN_WINDOW, ConsoleSession, ConsoleUserId
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
WINDOW: Final = window_statement("console_login_failures", "email")
RECORD: Final = record_statement("console_login_failures", "email")
PRUNE: Final = prune_statement("console_login_failures", "email")


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


class PostgresLoginFailures(PostgresFailureWindows, LoginFailures):
    """Windows of 15 minutes per email."""

    length = LOGIN_WINDOW
    window_sql, record_sql, prune_sql = WINDOW, RECORD, PRUNE
