"""Claims on ``Idempotency-Key``s and the outcomes they remember."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from zenhire.domain.model.idempotency import IdempotencyRecord, IdempotencyScope
from zenhire.domain.model.ids import SessionId


class IdempotencyKeys(Protocol):
    """Claims live outside the request's unit of work: a claim must be visible to every
    process at once, and survive the request's rollback. Each method commits on its own."""

    async def claim(
        self, scope: IdempotencyScope, key: str, fingerprint: str, now: datetime
    ) -> IdempotencyRecord | None:
        """None when this call now owns the key (new, expired or stale); else the record.
        Of concurrent claims of one key, in any process, exactly one owns it."""
        ...

    async def finish(
        self,
        scope: IdempotencyScope,
        key: str,
        status_code: int,
        body: bytes | None,
        session_id: SessionId | None,
    ) -> None:
        """Remember the outcome of the owned claim."""
        ...

    async def renew(self, scope: IdempotencyScope, key: str, now: datetime) -> None:
        """Extend the owned, still running claim's lease to ``now`` + ``CLAIM_LEASE``."""
        ...

    async def release(self, scope: IdempotencyScope, key: str) -> None:
        """Forget an owned claim whose request failed, so the key may be retried."""
        ...

    async def purge_expired(self, before: datetime, limit: int) -> int:
        """Delete up to ``limit`` keys created before ``before`` in one short transaction of
        their own, skipping keys another transaction holds; return how many."""
        ...
