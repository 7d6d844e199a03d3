"""Failed authentication attempts per caller: a window of 60 s from the first failure."""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

FAILURE_WINDOW: Final = timedelta(seconds=60)
UNKNOWN_CALLER: Final = "unknown"
_IPV6_BLOCK: Final = 64  # one host's share of IPv6 addresses (a /64 is handed out whole)


def caller_bucket(caller: str | None) -> str:
    """What failures are counted against: an IPv4 address as is, the /64 network of an IPv6
    address (a single host owns every address in it, so counting addresses one by one would
    give it 2⁶⁴ budgets), ``unknown`` for a caller that could not be told, any other text
    (a test transport's name) as is."""
    if caller is None:
        return UNKNOWN_CALLER
    try:
        address = ipaddress.ip_address(caller)
    except ValueError:
        return caller
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, _IPV6_BLOCK), strict=False))
    return str(address)


@dataclass(frozen=True, slots=True)
class FailureWindow:
    """``failures`` counted since ``started`` (the first failure of the window)."""

    started: datetime
    failures: int

    @property
    def ends(self) -> datetime:
        return self.started + FAILURE_WINDOW

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
            return FailureWindow(self.started, self.failures + 1)
        return FailureWindow(now, 1)
