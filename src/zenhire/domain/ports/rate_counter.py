"""Requests per API key and one-minute window."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from zenhire.domain.model.ids import ApiKeyId


class RateCounter(Protocol):
    """Counts requests per key and window, shared by every process (outside the unit of work:
    each call commits on its own)."""

    async def hit(self, key_id: ApiKeyId, window_start: datetime) -> int:
        """Count one request in the window atomically; return the window's count including
        it. The window's first request also records ``window_start`` as the key's
        ``last_used_at``."""
        ...

    async def prune(self, before: datetime) -> None:
        """Forget windows that started before ``before``."""
        ...
