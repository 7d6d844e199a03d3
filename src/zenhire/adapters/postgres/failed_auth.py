"""Postgres adapter for failed authentication attempts: one row per caller, one statement each."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from zenhire.adapters.postgres.statements import alone, read
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.failed_auth import FAILURE_WINDOW, FailureWindow
from zenhire.domain.ports import FailedAuthCounter

WINDOW: Final = read(
    "SELECT started, failures FROM failed_auth_windows WHERE caller = $1 AND started > $2"
)
# One atomic upsert: concurrent failures from any process each add exactly one, and a window
# that has ended starts over at this failure.
RECORD: Final = alone("""
INSERT INTO failed_auth_windows AS w (caller, started, failures) VALUES ($1, $2, 1)
ON CONFLICT (caller) DO UPDATE SET
    started = CASE WHEN w.started > $3 THEN w.started ELSE EXCLUDED.started END,
    failures = CASE WHEN w.started > $3 THEN w.failures + 1 ELSE 1 END
RETURNING started, failures
""")
PRUNE: Final = alone("DELETE FROM failed_auth_windows WHERE started < $1")


class PostgresFailedAuthCounter(FailedAuthCounter):
    """Every process and host counts into the same row, so the limit never multiplies. Each
    write runs alone on the request's connection (a failure stays counted though the request
    fails), like the rate-limit hit."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def window(self, caller: str, now: datetime) -> FailureWindow | None:
        row = await self.tx.fetchrow(WINDOW, caller, now - FAILURE_WINDOW)
        return None if row is None else FailureWindow(row["started"], row["failures"])

    async def record(self, caller: str, now: datetime) -> FailureWindow:
        row = await self.tx.fetchrow(RECORD, caller, now, now - FAILURE_WINDOW)
        assert row is not None  # noqa: S101  # an upsert with RETURNING answers one row
        return FailureWindow(row["started"], row["failures"])

    async def prune(self, before: datetime) -> None:
        await self.tx.execute(PRUNE, before)
