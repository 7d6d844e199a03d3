"""The memory adapters' one rule for counting failures in fixed windows per key (one process:
dict updates are atomic), shared by the failed-auth counter and the console's login failures."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from zenhire.domain.model.failure_window import FailureWindow


class MemoryFailureWindows:
    """Each key's latest ``FailureWindow`` of ``length`` (set by the subclass): a failure
    counts in the open window, or starts a new one at its instant once that window ended."""

    length: ClassVar[timedelta]

    def __init__(self) -> None:
        self.windows: dict[str, FailureWindow] = {}

    async def window(self, key: str, now: datetime) -> FailureWindow | None:
        found = self.windows.get(key)
        return found if found is not None and found.is_open(now) else None

    async def record(self, key: str, now: datetime) -> FailureWindow:
        found = self.windows.get(key)
        counted = FailureWindow.first(now, self.length) if found is None else found.counting(now)
        self.windows[key] = counted
        return counted

    async def prune(self, before: datetime, limit: int) -> int:
        """Forget up to ``limit`` windows that began before ``before``; return how many."""
        ended = [k for k, w in self.windows.items() if w.started < before][:limit]
        for key in ended:
            del self.windows[key]
        return len(ended)
