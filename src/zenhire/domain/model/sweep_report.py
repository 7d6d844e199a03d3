"""What one sweep closed, by kind (the sweeper logs it and counts it in its metrics)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SweepReport:
    timed_out: int
    links_expired: int
    waiters_dropped: int

    @property
    def total(self) -> int:
        return self.timed_out + self.links_expired + self.waiters_dropped
