"""Postgres adapter for failed authentication attempts: one row per caller, one statement each."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from zenhire.adapters.postgres.db import Db
from zenhire.domain.model.failed_auth import FAILURE_WINDOW, FailureWindow
from zenhire.domain.ports import FailedAuthCounter

_WINDOW: Final = (
    "SELECT started, failures FROM failed_auth_windows WHERE caller = $1 AND started > $2"
)
# One atomic upsert: concurrent failures from any process each add exactly one, and a window
# that has ended starts over at this failure.
_RECORD: Final = """
INSERT INTO failed_auth_windows AS w (caller, started, failures) VALUES ($1, $2, 1)
ON CONFLICT (caller) DO UPDATE SET
    started = CASE WHEN w.started > $3 THEN w.started ELSE EXCLUDED.started END,
    failures = CASE WHEN w.started > $3 THEN w.failures + 1 ELSE 1 END
RETURNING started, failures
"""
_PRUNE: Final = "DELETE FROM failed_auth_windows WHERE started < $1"


class PostgresFailedAuthCounter(FailedAuthCounter):
    """Every process and host counts into the same row, so the limit never multiplies. Each
    statement runs alone on the request's connection (a failure stays counted though the
    request fails), like the rate-limit hit."""

    def __init__(self, db: Db) -> None:
        self.db = db

    async def window(self, caller: str, now: datetime) -> FailureWindow | None:
        row = await self.db.fetchrow(_WINDOW, caller, now - FAILURE_WINDOW)
        return None if row is None else FailureWindow(row["started"], row["failures"])

    async def record(self, caller: str, now: datetime) -> FailureWindow:
        rows = await self.db.fetch_alone(_RECORD, caller, now, now - FAILURE_WINDOW)
        return FailureWindow(rows[0]["started"], rows[0]["failures"])

    async def prune(self, before: datetime) -> None:
        await self.db.fetch_alone(_PRUNE, before)
