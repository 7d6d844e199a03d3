"""Memory adapter for accepted S2S signatures (one process: dict operations are atomic)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from zenhire.domain.ports import SeenSignatures


class MemorySeenSignatures(SeenSignatures):
    def __init__(self) -> None:
        self.entries: dict[bytes, tuple[str, datetime]] = {}

    async def remember(
        self, digests: Sequence[bytes], path: str, now: datetime, forget_before: datetime
    ) -> dict[bytes, str]:
        # No await between the read and the write: no other request can interleave.
        paths: dict[bytes, str] = {}
        for digest in digests:
            found = self.entries.get(digest)
            if found is None or found[1] < forget_before:
                found = self.entries[digest] = (path, now)
            paths[digest] = found[0]
        return paths

    async def forget(self, before: datetime, limit: int) -> int:
        old = [d for d, (_, at) in self.entries.items() if at < before][:limit]
        for digest in old:
            del self.entries[digest]
        return len(old)
