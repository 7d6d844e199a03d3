"""Postgres adapter for failed authentication attempts: one row per caller, one statement each."""

from __future__ import annotations

from typing import Final

from zenhire.adapters.postgres.failure_windows import (
    PostgresFailureWindows,
    prune_statement,
    record_statement,
    window_statement,
)
from zenhire.domain.model.failed_auth import FAILURE_WINDOW
from zenhire.domain.ports import FailedAuthCounter

WINDOW: Final = window_statement("failed_auth_windows", "caller")
RECORD: Final = record_statement("failed_auth_windows", "caller")
PRUNE: Final = prune_statement("failed_auth_windows", "caller")


class PostgresFailedAuthCounter(PostgresFailureWindows, FailedAuthCounter):
    """Windows of 60 s per caller bucket, like the rate-limit hit written alone."""

    length = FAILURE_WINDOW
    window_sql, record_sql, prune_sql = WINDOW, RECORD, PRUNE
