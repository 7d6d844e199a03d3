"""Time-ordered UUIDv7 ids (RFC 9562 §5.7): index-friendly and unguessable."""

from __future__ import annotations

import secrets
import time
from uuid import UUID

from zenhire.domain.ports import Ids


def uuid7() -> UUID:
    """48-bit Unix milliseconds, version 7, variant 10, 74 random bits."""
    millis = time.time_ns() // 1_000_000
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= secrets.randbits(12) << 64
    value |= 0b10 << 62
    value |= secrets.randbits(62)
    return UUID(int=value)


class Uuid7Ids(Ids):
    def new_id(self) -> UUID:
        return uuid7()
