"""Postgres adapter for failed authentication attempts: one row per caller, one statement each."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from zenhire.adapters.postgres.failure_windows import (
    fetch_window,
    prune_statement,
    record_failure,
    record_statement,
    window_statement,
)
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.failed_auth import FAILURE_WINDOW
from zenhire.domain.model.failure_window import FailureWindow
from zenhire.domain.ports import FailedAuthCounter

WINDOW: Final = window_statement("failed_auth_windows", "caller")
RECORD: Final = record_statement("failed_auth_windows", "caller")
PRUNE: Final = prune_statement("failed_auth_windows", "caller")


class PostgresFailedAuthCounter(FailedAuthCounter):
    """Every process and host counts into the same row, so the limit never multiplies. Each
    write runs alone on the request's connection (a failure stays counted though the request
    fails), like the rate-limit hit."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def window(self, caller: str, now: datetime) -> FailureWindow | None:
        return await fetch_window(self.tx, WINDOW, caller, now, FAILURE_WINDOW)

    async def record(self, caller: str, now: datetime) -> FailureWindow:
        return await record_failure(self.tx, RECORD, caller, now, FAILURE_WINDOW)

    async def prune(self, before: datetime, limit: int) -> int:
        return await self.tx.execute(PRUNE, before, limit)
