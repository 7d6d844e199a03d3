"""Postgres adapter for per-key request counts: one atomic upsert per request."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from zenhire.adapters.postgres.statements import alone
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.ports import RateCounter

# The window's first request also stamps the key's last use: one write per key and minute,
# in the same round trip (the UPDATE's condition on the count is checked before any scan).
HIT: Final = alone("""
WITH hit AS (
    INSERT INTO rate_windows (key_id, window_start, count) VALUES ($1, $2, 1)
    ON CONFLICT (key_id, window_start) DO UPDATE SET count = rate_windows.count + 1
    RETURNING count
), used AS (
    UPDATE api_keys SET last_used_at = $2
    WHERE id = $1 AND (SELECT count FROM hit) = 1
      AND (last_used_at IS NULL OR last_used_at < $2)
)
SELECT count FROM hit
""")
PRUNE: Final = alone("DELETE FROM rate_windows WHERE window_start < $1")


class PostgresRateCounter(RateCounter):
    """Every process and host increments the same row, so the budget never multiplies.

    The increment runs on the request's own connection as a statement of its own: one round
    trip, no second pooled connection per request, and the row lock is held for one statement,
    not for the request.
    """

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def hit(self, key_id: ApiKeyId, window_start: datetime) -> int:
        row = await self.tx.fetchrow(HIT, key_id, window_start)
        assert row is not None  # noqa: S101  # the CTE's upsert always answers one row
        return int(row["count"])

    async def prune(self, before: datetime) -> None:
        await self.tx.execute(PRUNE, before)
