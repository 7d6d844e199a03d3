"""Memory adapter for failed authentication attempts: windows of 60 s per caller bucket."""

from __future__ import annotations

from datetime import datetime

from zenhire.adapters.memory.failure_windows import MemoryFailureWindows
from zenhire.domain.model.failed_auth import FAILURE_WINDOW
from zenhire.domain.ports import FailedAuthCounter


class MemoryFailedAuthCounter(MemoryFailureWindows, FailedAuthCounter):
    length = FAILURE_WINDOW

    async def prune(self, before: datetime) -> None:
        self.forget_started_before(before)
