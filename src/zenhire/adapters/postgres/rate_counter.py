"""Postgres adapter for per-key request counts: one atomic upsert per request."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert

from zenhire.adapters.postgres.db import Db
from zenhire.adapters.postgres.tables import rate_windows as t
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.ports import RateCounter

# Built once: the statement is the same for every request, only its parameters change.
_HIT: Final = (
    pg_insert(t)
    .values(key_id=bindparam("key_id"), window_start=bindparam("window_start"), count=1)
    .on_conflict_do_update(
        index_elements=[t.c.key_id, t.c.window_start], set_={"count": t.c.count + 1}
    )
    .returning(t.c.count)
)


class PostgresRateCounter(RateCounter):
    """Every process and host increments the same row, so the budget never multiplies.

    The increment runs on the request's own connection as a statement of its own: one round
    trip, no second pooled connection per request, and the row lock is held for one statement,
    not for the request.
    """

    def __init__(self, db: Db) -> None:
        self.db = db

    async def hit(self, key_id: ApiKeyId, window_start: datetime) -> int:
        result = await self.db.execute_alone(_HIT, {"key_id": key_id, "window_start": window_start})
        return int(result.scalar_one())

    async def prune(self, before: datetime) -> None:
        await self.db.execute_alone(delete(t).where(t.c.window_start < before))
