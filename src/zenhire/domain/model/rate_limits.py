"""Fixed one-minute request budgets per API key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

WINDOW: Final = timedelta(minutes=1)


def window_start(now: datetime) -> datetime:
    """The start of the minute ``now`` falls in (windows are aligned to the clock)."""
    return now.replace(second=0, microsecond=0)


@dataclass(frozen=True, slots=True)
class RateDecision:
    limit: int
    used: int
    reset_seconds: int

    @property
    def allowed(self) -> bool:
        return self.used <= self.limit

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


def decide(limit: int, used: int, now: datetime) -> RateDecision:
    """``used`` counts this request; reset is the whole seconds left in the window (≥ 1)."""
    left = window_start(now) + WINDOW - now
    return RateDecision(limit, used, max(1, int(left.total_seconds() + 0.999)))
