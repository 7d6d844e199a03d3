"""Memory adapter for idempotency keys (one process: plain dict operations are atomic)."""

from __future__ import annotations

from datetime import datetime

from zenhire.domain.model.idempotency import (
    CLAIM_LEASE,
    REMEMBER_FOR,
    IdempotencyRecord,
    IdempotencyScope,
)
from zenhire.domain.model.ids import SessionId
from zenhire.domain.ports import IdempotencyKeys


class MemoryIdempotencyKeys(IdempotencyKeys):
    def __init__(self) -> None:
        self.records: dict[tuple[IdempotencyScope, str], IdempotencyRecord] = {}
        self._claimed_at: dict[tuple[IdempotencyScope, str], datetime] = {}

    async def claim(
        self, scope: IdempotencyScope, key: str, fingerprint: str, now: datetime
    ) -> IdempotencyRecord | None:
        found = self.records.get((scope, key))
        if found is not None:
            expired = found.created_at < now - REMEMBER_FOR
            stale = found.running and found.created_at < now - CLAIM_LEASE
            if not (expired or stale):
                return found
        self.records[(scope, key)] = IdempotencyRecord(
            scope, key, fingerprint, True, None, None, None, now
        )
        return None

    async def finish(
        self,
        scope: IdempotencyScope,
        key: str,
        status_code: int,
        body: bytes | None,
        session_id: SessionId | None,
    ) -> None:
        claimed = self.records[(scope, key)]
        self.records[(scope, key)] = IdempotencyRecord(
            scope,
            key,
            claimed.fingerprint,
            False,
            status_code,
            body,
            session_id,
            claimed.created_at,
        )

    async def renew(self, scope: IdempotencyScope, key: str, now: datetime) -> None:
        found = self.records.get((scope, key))
        if found is not None and found.running:
            self.records[(scope, key)] = IdempotencyRecord(
                scope, key, found.fingerprint, True, None, None, None, now
            )

    async def release(self, scope: IdempotencyScope, key: str) -> None:
        # Only a running claim: a late release by a stale owner keeps the new owner's answer.
        found = self.records.get((scope, key))
        if found is not None and found.running:
            del self.records[(scope, key)]

    async def purge_expired(self, before: datetime, limit: int) -> int:
        expired = [k for k, r in self.records.items() if r.created_at < before][:limit]
        for slot in expired:
            del self.records[slot]
        return len(expired)
