"""Memory adapter for failed authentication attempts: windows of 60 s per caller bucket."""

from __future__ import annotations

from zenhire.adapters.memory.failure_windows import MemoryFailureWindows
from zenhire.domain.model.failed_auth import FAILURE_WINDOW
from zenhire.domain.ports import FailedAuthCounter


class MemoryFailedAuthCounter(MemoryFailureWindows, FailedAuthCounter):
    length = FAILURE_WINDOW
