"""Postgres adapters of the console's ports (plain SQL on the request's connection)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from zenhire.adapters.postgres.db import Db
from zenhire.domain.console.model import (
    LOGIN_WINDOW,
    AuditAction,
    AuditEntry,
    ConsoleSession,
    ConsoleUser,
    ConsoleUserId,
    Invite,
    LoginWindow,
    Role,
)
from zenhire.domain.console.ports import (
    AuditLog,
    ConsoleSessions,
    ConsoleStats,
    ConsoleUsers,
    DayFigures,
    Invites,
    LoginFailures,
)
from zenhire.domain.errors import ConflictError
from zenhire.domain.model.ids import ClientId
from zenhire.domain.pagination import PageRequest

# A fixed column list (no input reaches the SQL text; values are $n parameters).
_USER_COLUMNS: Final = "id, client_id, email, role, password_hash, created_at"
# Run at once (not staged), so a taken email is this request's CONFLICT, not a failed commit.
_ADD_USER: Final = (
    "INSERT INTO console_users (id, client_id, email, role, password_hash, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING RETURNING id"
)
_USER: Final = f"SELECT {_USER_COLUMNS} FROM console_users WHERE id = $1"  # noqa: S608
_USER_BY_EMAIL: Final = f"SELECT {_USER_COLUMNS} FROM console_users WHERE email = $1"  # noqa: S608
_SAVE_USER: Final = "UPDATE console_users SET role = $2, password_hash = $3 WHERE id = $1"
_REMOVE_USER: Final = "DELETE FROM console_users WHERE id = $1"  # invites, sessions cascade
_USERS_OF: Final = (
    f"SELECT {_USER_COLUMNS} FROM console_users WHERE client_id = $1"  # noqa: S608
    " ORDER BY created_at, id"
)
_LOCK_OWNERS: Final = (
    "SELECT id FROM console_users WHERE client_id = $1 AND role = 'owner' FOR UPDATE"
)


def _user(row: Any) -> ConsoleUser:
    return ConsoleUser(
        id=row["id"],
        client_id=row["client_id"],
        email=row["email"],
        role=Role(row["role"]),
        password_hash=row["password_hash"],
        created_at=row["created_at"],
    )


class PostgresConsoleUsers(ConsoleUsers):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def add(self, user: ConsoleUser) -> None:
        row = await self.db.fetchrow(
            _ADD_USER,
            user.id,
            user.client_id,
            user.email,
            user.role.value,
            user.password_hash,
            user.created_at,
            writes=True,
        )
        if row is None:
            raise ConflictError("A console user with this email exists.")

    async def get(self, user_id: ConsoleUserId) -> ConsoleUser | None:
        row = await self.db.fetchrow(_USER, user_id)
        return None if row is None else _user(row)

    async def by_email(self, email: str) -> ConsoleUser | None:
        row = await self.db.fetchrow(_USER_BY_EMAIL, email)
        return None if row is None else _user(row)

    async def save(self, user: ConsoleUser) -> None:
        self.db.stage_sql(_SAVE_USER, user.id, user.role.value, user.password_hash)

    async def remove(self, user_id: ConsoleUserId) -> None:
        self.db.stage_sql(_REMOVE_USER, user_id)

    async def of_client(self, client_id: ClientId) -> list[ConsoleUser]:
        return [_user(r) for r in await self.db.fetch(_USERS_OF, client_id)]

    async def lock_owners(self, client_id: ClientId) -> int:
        return len(await self.db.fetch(_LOCK_OWNERS, client_id, writes=True))


_DROP_INVITES: Final = "DELETE FROM console_invites WHERE user_id = $1"
_ADD_INVITE: Final = "INSERT INTO console_invites (digest, user_id, expires_at) VALUES ($1, $2, $3)"
_TAKE_INVITE: Final = (
    "DELETE FROM console_invites WHERE digest = $1 RETURNING digest, user_id, expires_at"
)


class PostgresInvites(Invites):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def replace(self, invite: Invite) -> None:
        self.db.stage_sql(_DROP_INVITES, invite.user_id)
        self.db.stage_sql(_ADD_INVITE, invite.digest, invite.user_id, invite.expires_at)

    async def take(self, digest: bytes) -> Invite | None:
        row = await self.db.fetchrow(_TAKE_INVITE, digest, writes=True)
        if row is None:
            return None
        return Invite(digest=row["digest"], user_id=row["user_id"], expires_at=row["expires_at"])


_ADD_SESSION: Final = (
    "INSERT INTO console_sessions (digest, user_id, client_id, created_at, last_seen_at)"
    " VALUES ($1, $2, $3, $4, $5)"
)
_SESSION: Final = (
    "SELECT digest, user_id, client_id, created_at, last_seen_at FROM console_sessions"
    " WHERE digest = $1"
)
_TOUCH: Final = "UPDATE console_sessions SET last_seen_at = $2 WHERE digest = $1"
_END: Final = "DELETE FROM console_sessions WHERE digest = $1"
_END_OF_USER: Final = (
    "DELETE FROM console_sessions WHERE user_id = $1 AND digest IS DISTINCT FROM $2"
)
_END_OF_CLIENT: Final = "DELETE FROM console_sessions WHERE client_id = $1"


class PostgresConsoleSessions(ConsoleSessions):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def add(self, session: ConsoleSession) -> None:
        self.db.stage_sql(
            _ADD_SESSION,
            session.digest,
            session.user_id,
            session.client_id,
            session.created_at,
            session.last_seen_at,
        )

    async def get(self, digest: bytes) -> ConsoleSession | None:
        row = await self.db.fetchrow(_SESSION, digest)
        return None if row is None else ConsoleSession(**dict(row))

    async def touch(self, digest: bytes, at: datetime) -> None:
        self.db.stage_sql(_TOUCH, digest, at)

    async def delete(self, digest: bytes) -> None:
        self.db.stage_sql(_END, digest)

    async def delete_of_user(self, user_id: ConsoleUserId, keep: bytes | None = None) -> None:
        self.db.stage_sql(_END_OF_USER, user_id, keep)

    async def delete_of_client(self, client_id: ClientId) -> None:
        self.db.stage_sql(_END_OF_CLIENT, client_id)


_WINDOW: Final = (
    "SELECT started, failures FROM console_login_failures WHERE email = $1 AND started > $2"
)
# One atomic upsert: concurrent failures from any process each add exactly one; a window that
# has ended starts over at this failure.
_RECORD: Final = """
INSERT INTO console_login_failures AS w (email, started, failures) VALUES ($1, $2, 1)
ON CONFLICT (email) DO UPDATE SET
    started = CASE WHEN w.started > $3 THEN w.started ELSE EXCLUDED.started END,
    failures = CASE WHEN w.started > $3 THEN w.failures + 1 ELSE 1 END
RETURNING started, failures
"""


class PostgresLoginFailures(LoginFailures):
    """Every process counts into the same row; each count commits on its own."""

    def __init__(self, db: Db) -> None:
        self.db = db

    async def window(self, email: str, now: datetime) -> LoginWindow | None:
        row = await self.db.fetchrow(_WINDOW, email, now - LOGIN_WINDOW)
        return None if row is None else LoginWindow(row["started"], row["failures"])

    async def record(self, email: str, now: datetime) -> LoginWindow:
        rows = await self.db.fetch_alone(_RECORD, email, now, now - LOGIN_WINDOW)
        return LoginWindow(rows[0]["started"], rows[0]["failures"])


_ADD_AUDIT: Final = (
    "INSERT INTO console_audit (id, client_id, created_at, actor, action, subject, ip)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7)"
)
_AUDIT_FIRST: Final = (
    "SELECT * FROM console_audit WHERE client_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
)
_AUDIT_AFTER: Final = (
    "SELECT * FROM console_audit WHERE client_id = $1 AND (created_at, id) < ($3, $4)"
    " ORDER BY created_at DESC, id DESC LIMIT $2"
)


class PostgresAuditLog(AuditLog):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def add(self, entry: AuditEntry) -> None:
        self.db.stage_sql(
            _ADD_AUDIT,
            entry.id,
            entry.client_id,
            entry.created_at,
            entry.actor,
            entry.action.value,
            entry.subject,
            entry.ip,
        )

    async def list(self, client_id: ClientId, page: PageRequest) -> list[AuditEntry]:
        after = page.after
        rows = (
            await self.db.fetch(_AUDIT_FIRST, client_id, page.limit + 1)
            if after is None
            else await self.db.fetch(
                _AUDIT_AFTER, client_id, page.limit + 1, after.created_at, after.id
            )
        )
        return [
            AuditEntry(
                id=r["id"],
                client_id=r["client_id"],
                created_at=r["created_at"],
                actor=r["actor"],
                action=AuditAction(r["action"]),
                subject=r["subject"],
                ip=r["ip"],
            )
            for r in rows
        ]


# Each branch uses an index: (client_id, created_at), the partial completed/failed indexes,
# and the ledger's (client_id, created_at).
_DAILY: Final = """
SELECT day, sum(created)::int AS created, sum(completed)::int AS completed,
       sum(failed)::int AS failed, sum(charged)::bigint AS credits_charged
FROM (
  SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS created,
         0 AS completed, 0 AS failed, 0 AS charged
  FROM sessions WHERE client_id = $1 AND created_at >= $2 GROUP BY 1
  UNION ALL
  SELECT (completed_at AT TIME ZONE 'UTC')::date, 0, count(*), 0, 0
  FROM sessions WHERE client_id = $1 AND status = 'completed' AND completed_at >= $2 GROUP BY 1
  UNION ALL
  SELECT (ended_at AT TIME ZONE 'UTC')::date, 0, 0, count(*), 0
  FROM sessions WHERE client_id = $1 AND status = 'failed' AND ended_at >= $2 GROUP BY 1
  UNION ALL
  SELECT (created_at AT TIME ZONE 'UTC')::date, 0, 0, 0, -sum(amount)
  FROM ledger_entries WHERE client_id = $1 AND kind = 'charge' AND created_at >= $2 GROUP BY 1
) AS figures
GROUP BY day ORDER BY day
"""
_WAITING: Final = "SELECT count(*) FROM waiters WHERE client_id = $1"


class PostgresConsoleStats(ConsoleStats):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def daily(self, client_id: ClientId, since: datetime) -> list[DayFigures]:
        rows = await self.db.fetch(_DAILY, client_id, since)
        return [
            DayFigures(
                r["day"], r["created"], r["completed"], r["failed"], int(r["credits_charged"])
            )
            for r in rows
        ]

    async def waiting(self, client_id: ClientId) -> int:
        row = await self.db.fetchrow(_WAITING, client_id)
        return 0 if row is None else int(row[0])
