"""Time-ordered UUIDv7 ids (RFC 9562 §5.7): index-friendly and unguessable.

Within one process the ids only grow: the 12 bits after the version are a counter, started
at a random value each millisecond and raised for each further id in it (RFC 9562 §6.2,
method 1), so ids minted in one instant keep the order they were minted in (events of one
instant list in the order they happened). A counter that overflows borrows the next
millisecond.
"""

from __future__ import annotations

import secrets
import threading
import time
from typing import Final
from uuid import UUID

from zenhire.domain.ports import Ids

_COUNTER_BITS: Final = 12
_COUNTER_MAX: Final = (1 << _COUNTER_BITS) - 1
_lock = threading.Lock()
_last = (0, 0)  # (milliseconds, counter) of the newest id


def _next_stamp() -> tuple[int, int]:
    """The (milliseconds, counter) of the next id: after the last one, never before it."""
    global _last  # one sequence per process, shared by every Ids
    now = time.time_ns() // 1_000_000
    with _lock:
        millis, counter = _last
        if now > millis:
            # Start low in the counter's range, leaving room for ids of the same millisecond.
            millis, counter = now, secrets.randbits(_COUNTER_BITS - 1)
        elif counter < _COUNTER_MAX:
            counter += 1
        else:
            millis, counter = millis + 1, 0
        _last = (millis, counter)
    return millis, counter


def uuid7() -> UUID:
    """48-bit Unix milliseconds, version 7, a 12-bit counter, variant 10, 62 random bits."""
    millis, counter = _next_stamp()
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= secrets.randbits(62)
    return UUID(int=value)


class Uuid7Ids(Ids):
    def new_id(self) -> UUID:
        return uuid7()
