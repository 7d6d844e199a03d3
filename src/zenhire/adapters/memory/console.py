"""Memory adapters of the console's ports, over the shared store and its transactions."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import UTC, date, datetime

from zenhire.adapters.memory.failure_windows import MemoryFailureWindows
from zenhire.adapters.memory.keyset import newest_first
from zenhire.adapters.memory.store import MemoryTransaction, clone
from zenhire.domain.console.model import (
    LOGIN_WINDOW,
    AuditEntry,
    ConsoleSession,
    ConsoleUser,
    ConsoleUserId,
    Invite,
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
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.pagination import PageRequest


class MemoryConsoleUsers(ConsoleUsers):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def add(self, user: ConsoleUser) -> None:
        store = await self.tx.begin()
        if any(u.email == user.email for u in store.console_users.values()):
            raise ConflictError("A console user with this email exists.")
        self.tx.put(store.console_users, user.id, clone(user))

    async def get(self, user_id: ConsoleUserId) -> ConsoleUser | None:
        store = await self.tx.begin()
        user = store.console_users.get(user_id)
        return None if user is None else clone(user)

    async def by_email(self, email: str) -> ConsoleUser | None:
        store = await self.tx.begin()
        found = next((u for u in store.console_users.values() if u.email == email), None)
        return None if found is None else clone(found)

    async def save(self, user: ConsoleUser) -> None:
        store = await self.tx.begin()
        self.tx.put(store.console_users, user.id, clone(user))

    async def remove(self, user_id: ConsoleUserId) -> None:
        store = await self.tx.begin()
        self.tx.delete(store.console_users, user_id)
        for digest in [d for d, i in store.console_invites.items() if i.user_id == user_id]:
            self.tx.delete(store.console_invites, digest)
        for digest in [d for d, s in store.console_sessions.items() if s.user_id == user_id]:
            self.tx.delete(store.console_sessions, digest)

    async def of_client(self, client_id: ClientId) -> list[ConsoleUser]:
        store = await self.tx.begin()
        users = [clone(u) for u in store.console_users.values() if u.client_id == client_id]
        return sorted(users, key=lambda u: (u.created_at, u.id))

    async def lock_owners(self, client_id: ClientId) -> int:
        store = await self.tx.begin()  # the store's lock serialises every transaction
        return sum(
            1
            for u in store.console_users.values()
            if u.client_id == client_id and u.role is Role.OWNER
        )


class MemoryInvites(Invites):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def replace(self, invite: Invite) -> None:
        store = await self.tx.begin()
        for digest in [d for d, i in store.console_invites.items() if i.user_id == invite.user_id]:
            self.tx.delete(store.console_invites, digest)
        self.tx.put(store.console_invites, invite.digest, invite)

    async def take(self, digest: bytes) -> Invite | None:
        store = await self.tx.begin()
        invite = store.console_invites.get(digest)
        self.tx.delete(store.console_invites, digest)
        return invite


class MemoryConsoleSessions(ConsoleSessions):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def add(self, session: ConsoleSession) -> None:
        store = await self.tx.begin()
        self.tx.put(store.console_sessions, session.digest, session)

    async def get(self, digest: bytes) -> ConsoleSession | None:
        store = await self.tx.begin()
        return store.console_sessions.get(digest)

    async def touch(self, digest: bytes, at: datetime) -> None:
        store = await self.tx.begin()
        found = store.console_sessions.get(digest)
        if found is not None:
            self.tx.put(store.console_sessions, digest, dataclasses.replace(found, last_seen_at=at))

    async def delete(self, digest: bytes) -> None:
        store = await self.tx.begin()
        self.tx.delete(store.console_sessions, digest)

    async def delete_of_user(self, user_id: ConsoleUserId, keep: bytes | None = None) -> None:
        store = await self.tx.begin()
        for digest, session in list(store.console_sessions.items()):
            if session.user_id == user_id and digest != keep:
                self.tx.delete(store.console_sessions, digest)

    async def delete_of_client(self, client_id: ClientId) -> None:
        store = await self.tx.begin()
        for digest, session in list(store.console_sessions.items()):
            if session.client_id == client_id:
                self.tx.delete(store.console_sessions, digest)


class MemoryLoginFailures(MemoryFailureWindows, LoginFailures):
    """Windows of 15 minutes per email, written outside any transaction."""

    length = LOGIN_WINDOW


class MemoryAuditLog(AuditLog):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def add(self, entry: AuditEntry) -> None:
        store = await self.tx.begin()
        self.tx.append(store.audit.setdefault(entry.client_id, []), entry)

    async def list(self, client_id: ClientId, page: PageRequest) -> list[AuditEntry]:
        store = await self.tx.begin()
        return newest_first(store.audit.get(client_id, []), page)


class MemoryConsoleStats(ConsoleStats):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def daily(self, client_id: ClientId, since: datetime) -> list[DayFigures]:
        store = await self.tx.begin()
        counts: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0, 0])

        def count(at: datetime | None, column: int, amount: int = 1) -> None:
            if at is not None and at >= since:
                counts[at.astimezone(UTC).date()][column] += amount

        for s in store.sessions.values():
            if s.client_id != client_id:
                continue
            count(s.created_at, 0)
            if s.status is SessionStatus.COMPLETED:
                count(s.completed_at, 1)
            elif s.status is SessionStatus.FAILED:
                count(s.ended_at, 2)
        for row in store.ledger.get(client_id, []):
            if row.kind is LedgerKind.CHARGE:
                count(row.created_at, 3, -row.amount)
        return [DayFigures(day, *values) for day, values in sorted(counts.items())]

    async def waiting(self, client_id: ClientId) -> int:
        store = await self.tx.begin()
        return len(store.waiters.get(client_id, {}))
