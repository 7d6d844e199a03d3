"""Memory adapter for per-key request counts."""

from __future__ import annotations

from datetime import datetime

from zenhire.adapters.memory.store import MemoryStore
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.ports import RateCounter


class MemoryRateCounter(RateCounter):
    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self.counts: dict[tuple[ApiKeyId, datetime], int] = {}

    async def hit(self, key_id: ApiKeyId, window_start: datetime) -> int:
        count = self.counts.get((key_id, window_start), 0) + 1
        self.counts[(key_id, window_start)] = count
        if count == 1:
            last = self.store.key_last_used.get(key_id)
            self.store.key_last_used[key_id] = max(last or window_start, window_start)
        return count

    async def prune(self, before: datetime) -> None:
        for slot in [s for s in self.counts if s[1] < before]:
            del self.counts[slot]
