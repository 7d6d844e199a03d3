"""Postgres adapters for clients, projects, API keys and the credit ledger."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import func, insert, select, update

from zenhire.adapters.postgres import hot_sql, mapping
from zenhire.adapters.postgres.db import Db
from zenhire.adapters.postgres.keyset import newest_first
from zenhire.adapters.postgres.tables import api_keys, clients, ledger_entries, projects, sessions
from zenhire.domain.model.clients import ApiKey, Client, ClientChanges, Project
from zenhire.domain.model.ids import ApiKeyId, ClientId, LedgerEntryId, ProjectId, SessionId
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.pagination import PageRequest, SeqPageRequest
from zenhire.domain.ports import ApiKeys, ClientFilter, Clients, Credits, Projects


class _Adapter:
    def __init__(self, db: Db) -> None:
        self.db = db


class PostgresClients(_Adapter, Clients):
    async def add(self, client: Client) -> None:
        await self.db.execute(
            insert(clients).values(
                id=client.id,
                name=client.name,
                active=client.active,
                permissions=list(client.permissions),
                max_concurrent_interviews=client.max_concurrent_interviews,
                created_at=client.created_at,
                balance=0,
            )
        )

    async def get(self, client_id: ClientId) -> Client | None:
        row = (await self.db.execute(select(clients).where(clients.c.id == client_id))).first()
        return None if row is None else mapping.client(row._mapping)

    async def update(self, client_id: ClientId, changes: ClientChanges) -> Client | None:
        """One UPDATE that sets only the sent columns: it waits for a concurrent writer's row
        lock and then applies to the row that writer committed, so neither change is lost."""
        values = changes.sent()
        if not values:
            return await self.get(client_id)
        if "permissions" in values:
            values["permissions"] = list(values["permissions"])
        statement = (
            update(clients).where(clients.c.id == client_id).values(**values).returning(clients)
        )
        row = (await self.db.execute(statement)).first()
        return None if row is None else mapping.client(row._mapping)

    async def live_count(self, client_id: ClientId) -> int:
        row = await self.db.fetchrow(hot_sql.LIVE_COUNT, client_id)
        assert row is not None  # noqa: S101  # an aggregate always answers one row
        return int(row["live"])

    async def list(self, where: ClientFilter, page: PageRequest) -> list[tuple[Client, int]]:
        live = (
            select(func.count())
            .where(sessions.c.client_id == clients.c.id, sessions.c.status == "active")
            .scalar_subquery()
            .label("live")
        )
        query = select(clients, live)
        if where.active is not None:
            query = query.where(clients.c.active.is_(where.active))
        if where.name_prefix is not None:
            query = query.where(clients.c.name.startswith(where.name_prefix, autoescape=True))
        rows = await self.db.execute(newest_first(query, clients.c.created_at, clients.c.id, page))
        return [(mapping.client(r._mapping), int(r.live)) for r in rows]


class PostgresProjects(_Adapter, Projects):
    async def add(self, project: Project) -> None:
        await self.db.execute(
            insert(projects).values(
                id=project.id,
                client_id=project.client_id,
                name=project.name,
                created_at=project.created_at,
            )
        )

    async def get(self, project_id: ProjectId) -> Project | None:
        row = (await self.db.execute(select(projects).where(projects.c.id == project_id))).first()
        return None if row is None else mapping.project(row)

    async def list(self, client_id: ClientId, page: PageRequest) -> list[Project]:
        query = select(projects).where(projects.c.client_id == client_id)
        rows = await self.db.execute(
            newest_first(query, projects.c.created_at, projects.c.id, page)
        )
        return [mapping.project(r) for r in rows]


class PostgresApiKeys(_Adapter, ApiKeys):
    async def add(self, key: ApiKey) -> None:
        await self.db.execute(
            insert(api_keys).values(
                id=key.id,
                client_id=key.client_id,
                project_id=key.project_id,
                digest=key.digest,
                prefix=key.prefix,
                name=key.name,
                expires_at=key.expires_at,
                allowed_ips=list(key.allowed_ips),
                rate_limit_per_minute=key.rate_limit_per_minute,
                created_at=key.created_at,
                revoked_at=key.revoked_at,
            )
        )

    async def get(self, key_id: ApiKeyId) -> ApiKey | None:
        row = (await self.db.execute(select(api_keys).where(api_keys.c.id == key_id))).first()
        return None if row is None else mapping.api_key(row)

    async def find_by_digest(self, digest: bytes) -> tuple[ApiKey, Client] | None:
        """One round trip: the key joined to its client; a revoked key is filtered out by the
        database, so it costs exactly what an unknown one does."""
        key_cols = [c.label(f"k_{c.name}") for c in api_keys.c]
        query = (
            select(*key_cols, clients)
            .join(clients, clients.c.id == api_keys.c.client_id)
            .where(api_keys.c.digest == digest, api_keys.c.revoked_at.is_(None))
        )
        row = (await self.db.execute(query)).first()
        if row is None:
            return None
        return mapping.api_key_from(row._mapping, prefix="k_"), mapping.client(row._mapping)

    async def revoke(self, key_id: ApiKeyId, now: datetime) -> ApiKey | None:
        await self.db.execute(
            update(api_keys)
            .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return await self.get(key_id)

    async def list(
        self, client_id: ClientId, include_revoked: bool, page: PageRequest
    ) -> list[ApiKey]:
        query = select(api_keys).where(api_keys.c.client_id == client_id)
        if not include_revoked:
            query = query.where(api_keys.c.revoked_at.is_(None))
        rows = await self.db.execute(
            newest_first(query, api_keys.c.created_at, api_keys.c.id, page)
        )
        return [mapping.api_key(r) for r in rows]


class PostgresCredits(_Adapter, Credits):
    async def balance(self, client_id: ClientId) -> int:
        row = await self.db.fetchrow(hot_sql.BALANCE, client_id)
        return 0 if row is None else int(row["balance"])

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
        """Moves the balance and takes the next ``seq`` with one UPDATE (row lock), and
        appends the row it reports."""
        moved = await self.db.fetchrow(hot_sql.BALANCE_MOVE, client_id, amount, writes=True)
        assert moved is not None  # noqa: S101  # ledger rows are only posted for known clients
        balance, seq = int(moved["balance"]), int(moved["ledger_seq"])
        entry = LedgerEntry(
            LedgerEntryId(entry_id), client_id, kind, amount, balance, session_id, reason, now, seq
        )
        self.db.stage_sql(
            hot_sql.LEDGER_INSERT,
            entry.id,
            client_id,
            kind.value,
            amount,
            balance,
            session_id,
            reason,
            now,
            seq,
        )
        return entry

    async def recent(self, client_id: ClientId, limit: int) -> list[LedgerEntry]:
        query = (
            select(ledger_entries)
            .where(ledger_entries.c.client_id == client_id)
            .order_by(ledger_entries.c.seq.desc())
            .limit(limit)
        )
        return [mapping.ledger_entry(r) for r in await self.db.execute(query)]

    async def list(
        self, client_id: ClientId, kind: LedgerKind | None, page: SeqPageRequest
    ) -> list[LedgerEntry]:
        query = select(ledger_entries).where(ledger_entries.c.client_id == client_id)
        if kind is not None:
            query = query.where(ledger_entries.c.kind == kind.value)
        if page.after is not None:
            query = query.where(ledger_entries.c.seq < page.after.seq)
        query = query.order_by(ledger_entries.c.seq.desc()).limit(page.limit + 1)
        return [mapping.ledger_entry(r) for r in await self.db.execute(query)]
