"""A fixed window of counted failures: the API's failed-authentication throttle per caller
(60 s) and the console's login throttle per email (15 minutes) count alike."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class FailureWindow:
    """``failures`` counted since ``started`` (the first failure of the window); the window
    stays open for ``length`` from then, and the next failure after it starts a new one."""

    started: datetime
    failures: int
    length: timedelta

    @classmethod
    def first(cls, now: datetime, length: timedelta) -> FailureWindow:
        """A new window of ``length`` opened by one failure at ``now``."""
        return cls(now, 1, length)

    @property
    def ends(self) -> datetime:
        return self.started + self.length

    def is_open(self, now: datetime) -> bool:
        return now < self.ends

    def retry_after(self, now: datetime, limit: int) -> int | None:
        """Whole seconds (≥ 1) until the window ends when ``limit`` failures are already
        counted in it (``limit`` 0: never); None while the caller may still try."""
        if limit <= 0 or self.failures < limit or not self.is_open(now):
            return None
        return max(1, math.ceil((self.ends - now).total_seconds()))

    def counting(self, now: datetime) -> FailureWindow:
        """The window after one more failure at ``now``: this one, or a new one if it ended."""
        if self.is_open(now):
            return FailureWindow(self.started, self.failures + 1, self.length)
        return FailureWindow.first(now, self.length)
