"""Postgres adapter for per-key request counts: one atomic upsert per request."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete

from zenhire.adapters.postgres import hot_sql
from zenhire.adapters.postgres.db import Db
from zenhire.adapters.postgres.tables import rate_windows as t
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.ports import RateCounter


class PostgresRateCounter(RateCounter):
    """Every process and host increments the same row, so the budget never multiplies.

    The increment runs on the request's own connection as a statement of its own: one round
    trip, no second pooled connection per request, and the row lock is held for one statement,
    not for the request.
    """

    def __init__(self, db: Db) -> None:
        self.db = db

    async def hit(self, key_id: ApiKeyId, window_start: datetime) -> int:
        rows = await self.db.fetch_alone(hot_sql.RATE_HIT, key_id, window_start)
        return int(rows[0]["count"])

    async def prune(self, before: datetime) -> None:
        await self.db.execute_alone(delete(t).where(t.c.window_start < before))
