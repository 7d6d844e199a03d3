"""Memory adapters for clients, projects, API keys and the credit ledger."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import datetime
from uuid import UUID

from zenhire.adapters.memory.keyset import newest_first
from zenhire.adapters.memory.store import MemoryStore, MemoryTransaction, clone
from zenhire.domain.model.clients import ApiKey, Client, ClientChanges, Project
from zenhire.domain.model.ids import ApiKeyId, ClientId, LedgerEntryId, ProjectId, SessionId
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.pagination import PageRequest, SeqPageRequest
from zenhire.domain.ports import ApiKeys, ClientFilter, Clients, Credits, Projects


class _Adapter:
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx


class MemoryClients(_Adapter, Clients):
    async def add(self, client: Client) -> None:
        store = await self.tx.begin()
        self.tx.put(store.clients, client.id, dataclasses.replace(clone(client), balance=0))
        self.tx.put(store.ledger, client.id, [])

    async def get(self, client_id: ClientId) -> Client | None:
        store = await self.tx.begin()
        client = store.clients.get(client_id)
        return None if client is None else clone(client)

    async def update(self, client_id: ClientId, changes: ClientChanges) -> Client | None:
        store = await self.tx.begin()
        current = store.clients.get(client_id)
        if current is None:
            return None
        updated = changes.apply(clone(current))
        self.tx.put(store.clients, client_id, updated)
        return clone(updated)

    async def live_count(self, client_id: ClientId) -> int:
        store = await self.tx.begin()
        return store.live_count(client_id)

    async def list(self, where: ClientFilter, page: PageRequest) -> list[tuple[Client, int]]:
        store = await self.tx.begin()
        rows = [
            c
            for c in store.clients.values()
            if (where.active is None or c.active == where.active)
            and (where.name_prefix is None or c.name.startswith(where.name_prefix))
        ]
        return [(clone(c), store.live_count(c.id)) for c in newest_first(rows, page)]


class MemoryProjects(_Adapter, Projects):
    async def add(self, project: Project) -> None:
        store = await self.tx.begin()
        self.tx.put(store.projects, project.id, project)

    async def get(self, project_id: ProjectId) -> Project | None:
        store = await self.tx.begin()
        return store.projects.get(project_id)

    async def list(self, client_id: ClientId, page: PageRequest) -> list[Project]:
        store = await self.tx.begin()
        return newest_first((p for p in store.projects.values() if p.client_id == client_id), page)


class MemoryApiKeys(_Adapter, ApiKeys):
    async def add(self, key: ApiKey) -> None:
        store = await self.tx.begin()
        self.tx.put(store.keys, key.id, clone(key))
        self.tx.put(store.key_digests, key.digest, key.id)

    async def get(self, key_id: ApiKeyId) -> ApiKey | None:
        store = await self.tx.begin()
        key = store.keys.get(key_id)
        return None if key is None else _out(store, key)

    async def find_by_digest(self, digest: bytes) -> tuple[ApiKey, Client] | None:
        store = await self.tx.begin()
        key_id = store.key_digests.get(digest)
        key = None if key_id is None else store.keys[key_id]
        if key is None or key.revoked_at is not None:
            return None
        return _out(store, key), clone(store.clients[key.client_id])

    async def revoke(self, key_id: ApiKeyId, now: datetime) -> ApiKey | None:
        store = await self.tx.begin()
        key = store.keys.get(key_id)
        if key is None:
            return None
        if key.revoked_at is None:
            key = dataclasses.replace(clone(key), revoked_at=now)
            self.tx.put(store.keys, key_id, key)
        return _out(store, key)

    async def list(
        self, client_id: ClientId, include_revoked: bool, page: PageRequest
    ) -> list[ApiKey]:
        store = await self.tx.begin()
        rows = (
            k
            for k in store.keys.values()
            if k.client_id == client_id and (include_revoked or k.revoked_at is None)
        )
        return [_out(store, k) for k in newest_first(rows, page)]


def _out(store: MemoryStore, key: ApiKey) -> ApiKey:
    """A copy of the key with its last use, which the rate counter keeps beside it."""
    return dataclasses.replace(clone(key), last_used_at=store.key_last_used.get(key.id))


class MemoryCredits(_Adapter, Credits):
    async def balance(self, client_id: ClientId) -> int:
        store = await self.tx.begin()
        client = store.clients.get(client_id)
        return 0 if client is None else client.balance

    async def post(
        self,
        *,
        entry_id: UUID,
        client_id: ClientId,
        kind: LedgerKind,
        amount: int,
        session_id: SessionId | None,
        reason: str | None,
        now: datetime,
    ) -> LedgerEntry:
        store = await self.tx.begin()  # the store's lock: rows are appended in seq order
        client = store.clients[client_id]
        balance = client.balance + amount
        self.tx.put(store.clients, client_id, dataclasses.replace(client, balance=balance))
        rows = store.ledger[client_id]
        seq = rows[-1].seq + 1 if rows else 1
        entry = LedgerEntry(
            LedgerEntryId(entry_id), client_id, kind, amount, balance, session_id, reason, now, seq
        )
        self.tx.append(rows, entry)
        return entry

    async def recent(self, client_id: ClientId, limit: int) -> list[LedgerEntry]:
        """Newest ``seq`` first (rows are held in ``seq`` order)."""
        store = await self.tx.begin()
        return list(reversed(store.ledger.get(client_id, [])[-limit:]))

    async def list(
        self, client_id: ClientId, kind: LedgerKind | None, page: SeqPageRequest
    ) -> list[LedgerEntry]:
        store = await self.tx.begin()
        below = page.after.seq if page.after is not None else None
        rows = (
            e
            for e in reversed(store.ledger.get(client_id, []))
            if (kind is None or e.kind is kind) and (below is None or e.seq < below)
        )
        return list(itertools.islice(rows, page.limit + 1))
