"""Memory adapter for failed authentication attempts (one process: dict updates are atomic)."""

from __future__ import annotations

from datetime import datetime

from zenhire.domain.model.failed_auth import FailureWindow
from zenhire.domain.ports import FailedAuthCounter


class MemoryFailedAuthCounter(FailedAuthCounter):
    def __init__(self) -> None:
        self.windows: dict[str, FailureWindow] = {}

    async def window(self, caller: str, now: datetime) -> FailureWindow | None:
        found = self.windows.get(caller)
        return found if found is not None and found.is_open(now) else None

    async def record(self, caller: str, now: datetime) -> FailureWindow:
        found = self.windows.get(caller)
        counted = FailureWindow(now, 1) if found is None else found.counting(now)
        self.windows[caller] = counted
        return counted

    async def prune(self, before: datetime) -> None:
        for caller in [c for c, w in self.windows.items() if w.started < before]:
            del self.windows[caller]
