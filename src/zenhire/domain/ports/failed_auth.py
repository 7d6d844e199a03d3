"""Failed authentication attempts per caller."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from zenhire.domain.model.failure_window import FailureWindow


class FailedAuthCounter(Protocol):
    """Failed authentication attempts per caller bucket, each counted in a ``FailureWindow``
    of ``FAILURE_WINDOW`` (60 s from its first failure), shared by every process (outside the
    unit of work: a failure is counted even though its request fails)."""

    async def window(self, caller: str, now: datetime) -> FailureWindow | None:
        """The caller's window if one is open at ``now`` (began less than 60 s before).
        No lock."""
        ...

    async def record(self, caller: str, now: datetime) -> FailureWindow:
        """Count one failure atomically, in the open window or in a new one starting at
        ``now``; return the window including it."""
        ...

    async def prune(self, before: datetime, limit: int) -> int:
        """Forget up to ``limit`` windows that began before ``before``, committed on their own;
        return how many. A window another process is counting into at that moment is skipped
        (left for a later call), and one that began at or after ``before`` is kept."""
        ...
