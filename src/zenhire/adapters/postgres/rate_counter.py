"""Postgres adapter for per-key request counts: one atomic upsert per request."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from zenhire.adapters.postgres.tables import rate_windows as t
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.ports import RateCounter


class PostgresRateCounter(RateCounter):
    """Every process and host increments the same row, so the budget never multiplies."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def hit(self, key_id: ApiKeyId, window_start: datetime) -> int:
        statement = pg_insert(t).values(key_id=key_id, window_start=window_start, count=1)
        statement = statement.on_conflict_do_update(
            index_elements=[t.c.key_id, t.c.window_start], set_={"count": t.c.count + 1}
        )
        async with self.engine.begin() as connection:
            result = await connection.execute(statement.returning(t.c.count))
            return int(result.scalar_one())

    async def prune(self, before: datetime) -> None:
        async with self.engine.begin() as connection:
            await connection.execute(delete(t).where(t.c.window_start < before))
