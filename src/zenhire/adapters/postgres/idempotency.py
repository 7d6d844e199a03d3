"""Postgres adapter for idempotency keys: short transactions of their own, on the engine."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from zenhire.adapters.postgres.tables import idempotency_keys as t
from zenhire.domain.model.idempotency import (
    CLAIM_LEASE,
    REMEMBER_FOR,
    IdempotencyRecord,
    IdempotencyScope,
)
from zenhire.domain.model.ids import SessionId
from zenhire.domain.ports import IdempotencyKeys


class PostgresIdempotencyKeys(IdempotencyKeys):
    """``claim`` is one conditional upsert: exactly one caller, in any process, owns a key."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def claim(
        self, scope: IdempotencyScope, key: str, fingerprint: str, now: datetime
    ) -> IdempotencyRecord | None:
        fresh = {
            "fingerprint": fingerprint,
            "running": True,
            "status_code": None,
            "body": None,
            "session_id": None,
            "created_at": now,
        }
        insert = pg_insert(t).values(scope=scope, key=key, **fresh)
        statement = insert.on_conflict_do_update(
            index_elements=[t.c.scope, t.c.key],
            set_=fresh,
            where=or_(
                t.c.created_at < now - REMEMBER_FOR,
                t.c.running & (t.c.created_at < now - CLAIM_LEASE),
            ),
        ).returning(t.c.key)
        async with self.engine.begin() as connection:
            if (await connection.execute(statement)).first() is not None:
                return None
            row = (
                await connection.execute(select(t).where(t.c.scope == scope, t.c.key == key))
            ).one()
        return IdempotencyRecord(
            IdempotencyScope(row.scope),
            row.key,
            row.fingerprint,
            row.running,
            row.status_code,
            bytes(row.body) if row.body is not None else None,
            SessionId(row.session_id) if row.session_id else None,
            row.created_at,
        )

    async def finish(
        self,
        scope: IdempotencyScope,
        key: str,
        status_code: int,
        body: bytes | None,
        session_id: SessionId | None,
    ) -> None:
        async with self.engine.begin() as connection:
            await connection.execute(
                update(t)
                .where(t.c.scope == scope, t.c.key == key)
                .values(running=False, status_code=status_code, body=body, session_id=session_id)
            )

    async def purge_expired(self, before: datetime, limit: int) -> int:
        # Rows are locked (skipping those a claim holds) before they are deleted, so a claim
        # re-taking an expired key either wins and the purge skips it, or waits and inserts anew.
        old = (
            select(t.c.scope, t.c.key)
            .where(t.c.created_at < before)
            .order_by(t.c.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .cte("old")
        )
        statement = delete(t).where(
            t.c.scope == old.c.scope, t.c.key == old.c.key, t.c.created_at < before
        )
        async with self.engine.begin() as connection:
            return (await connection.execute(statement)).rowcount

    async def renew(self, scope: IdempotencyScope, key: str, now: datetime) -> None:
        async with self.engine.begin() as connection:
            await connection.execute(
                update(t)
                .where(t.c.scope == scope, t.c.key == key, t.c.running)
                .values(created_at=now)
            )

    async def release(self, scope: IdempotencyScope, key: str) -> None:
        async with self.engine.begin() as connection:
            await connection.execute(
                delete(t).where(t.c.scope == scope, t.c.key == key, t.c.running)
            )
