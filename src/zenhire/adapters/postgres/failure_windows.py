"""The PostgreSQL adapters' one rule for counting failures in fixed windows, shared by the
failed-auth counter (``failed_auth_windows`` by caller) and the console's login failures
(``console_login_failures`` by email): a table of one row per key with the window's
``started`` and ``failures``. Each adapter declares its two statements once, from these
builders, and runs them through ``PostgresFailureWindows``."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from zenhire.adapters.postgres.statements import Statement, alone, read
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.failure_window import FailureWindow


def window_statement(table: str, key: str) -> Statement:
    """The key's window ($1) if it began after $2 (``now - length``: still open)."""
    return read(f"SELECT started, failures FROM {table} WHERE {key} = $1 AND started > $2")


def record_statement(table: str, key: str) -> Statement:
    """One atomic upsert counting a failure of the key ($1) at $2 in its window, which is still
    open if it began after $3 (``now - length``): concurrent failures from any process each
    add exactly one, and a window that has ended starts over at this failure. Runs alone, so
    the failure stays counted though its request fails."""
    return alone(f"""
INSERT INTO {table} AS w ({key}, started, failures) VALUES ($1, $2, 1)
ON CONFLICT ({key}) DO UPDATE SET
    started = CASE WHEN w.started > $3 THEN w.started ELSE EXCLUDED.started END,
    failures = CASE WHEN w.started > $3 THEN w.failures + 1 ELSE 1 END
RETURNING started, failures
""")


def prune_statement(table: str, key: str) -> Statement:
    """Delete up to $2 windows that began before $1, committed on their own. Rows a concurrent
    count holds are skipped, and the lock re-reads ``started``, so a window a count has just
    begun again is kept. No order and no index: once pruned, the table holds one window's
    length of keys only, and the scan stops at the limit."""
    return alone(f"""
DELETE FROM {table} WHERE {key} IN (
    SELECT {key} FROM {table} WHERE started < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
)""")


class PostgresFailureWindows:
    """A port counting failures in windows of ``length`` per key, over the table of the
    subclass's three statements (``window_statement``, ``record_statement``,
    ``prune_statement``). Every process and host counts into the same row, so a limit never
    multiplies; each count and each batch pruned commits on its own, on the request's
    connection (a failure stays counted though its request fails)."""

    length: ClassVar[timedelta]
    window_sql: ClassVar[Statement]
    record_sql: ClassVar[Statement]
    prune_sql: ClassVar[Statement]

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def window(self, key: str, now: datetime) -> FailureWindow | None:
        row = await self.tx.fetchrow(self.window_sql, key, now - self.length)
        return None if row is None else FailureWindow(row["started"], row["failures"], self.length)

    async def record(self, key: str, now: datetime) -> FailureWindow:
        row = await self.tx.fetchrow(self.record_sql, key, now, now - self.length)
        assert row is not None  # noqa: S101  # an upsert with RETURNING answers one row
        return FailureWindow(row["started"], row["failures"], self.length)

    async def prune(self, before: datetime, limit: int) -> int:
        return await self.tx.execute(self.prune_sql, before, limit)
