"""Postgres adapters for console users and their one-time invites."""

from __future__ import annotations

from typing import Any, Final

from zenhire.adapters.postgres.statements import columns, lock, read, write
from zenhire.adapters.postgres.tables import console_users
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.console.model import ConsoleUser, ConsoleUserId, Invite, Role
from zenhire.domain.console.ports import ConsoleUsers, Invites
from zenhire.domain.errors import ConflictError
from zenhire.domain.model.ids import ClientId

_COLUMNS: Final = columns(console_users)
# Run at once (not staged), so a taken email is this request's CONFLICT, not a failed commit.
ADD: Final = write(
    f"INSERT INTO console_users ({_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"
    " ON CONFLICT (email) DO NOTHING RETURNING id"
)
GET: Final = read(f"SELECT {_COLUMNS} FROM console_users WHERE id = $1")
BY_EMAIL: Final = read(f"SELECT {_COLUMNS} FROM console_users WHERE email = $1")
SAVE: Final = write("UPDATE console_users SET role = $2, password_hash = $3 WHERE id = $1")
REMOVE: Final = write("DELETE FROM console_users WHERE id = $1")  # invites, sessions cascade
OF_CLIENT: Final = read(
    f"SELECT {_COLUMNS} FROM console_users WHERE client_id = $1 ORDER BY created_at, id"
)
LOCK_OWNERS: Final = lock(
    "SELECT id FROM console_users WHERE client_id = $1 AND role = 'owner' FOR UPDATE"
)
DROP_INVITES: Final = write("DELETE FROM console_invites WHERE user_id = $1")
ADD_INVITE: Final = write(
    "INSERT INTO console_invites (digest, user_id, expires_at) VALUES ($1, $2, $3)"
)
TAKE_INVITE: Final = write(
    "DELETE FROM console_invites WHERE digest = $1 RETURNING digest, user_id, expires_at"
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
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, user: ConsoleUser) -> None:
        row = await self.tx.fetchrow(
            ADD,
            user.id,
            user.client_id,
            user.email,
            user.role.value,
            user.password_hash,
            user.created_at,
        )
        if row is None:
            raise ConflictError("A console user with this email exists.")

    async def get(self, user_id: ConsoleUserId) -> ConsoleUser | None:
        row = await self.tx.fetchrow(GET, user_id)
        return None if row is None else _user(row)

    async def by_email(self, email: str) -> ConsoleUser | None:
        row = await self.tx.fetchrow(BY_EMAIL, email)
        return None if row is None else _user(row)

    async def save(self, user: ConsoleUser) -> None:
        self.tx.stage(SAVE, user.id, user.role.value, user.password_hash)

    async def remove(self, user_id: ConsoleUserId) -> None:
        self.tx.stage(REMOVE, user_id)

    async def of_client(self, client_id: ClientId) -> list[ConsoleUser]:
        return [_user(r) for r in await self.tx.fetch(OF_CLIENT, client_id)]

    async def lock_owners(self, client_id: ClientId) -> int:
        return len(await self.tx.fetch(LOCK_OWNERS, client_id))


class PostgresInvites(Invites):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def replace(self, invite: Invite) -> None:
        self.tx.stage(DROP_INVITES, invite.user_id)
        self.tx.stage(ADD_INVITE, invite.digest, invite.user_id, invite.expires_at)

    async def take(self, digest: bytes) -> Invite | None:
        row = await self.tx.fetchrow(TAKE_INVITE, digest)
        if row is None:
            return None
        return Invite(digest=row["digest"], user_id=row["user_id"], expires_at=row["expires_at"])
