"""Integrator API keys, stored as digests."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from zenhire.domain.model.clients import ApiKey, Client
from zenhire.domain.model.ids import ApiKeyId, ClientId
from zenhire.domain.pagination import PageRequest


class ApiKeys(Protocol):
    async def add(self, key: ApiKey) -> None:
        """Insert the key (its digest, never the raw key). No lock."""
        ...

    async def get(self, key_id: ApiKeyId) -> ApiKey | None:
        """The key, revoked or not, or None. No lock."""
        ...

    async def find_by_digest(self, digest: bytes) -> tuple[ApiKey, Client] | None:
        """The key and its client when the digest names a key that is not revoked; None for an
        unknown or a revoked digest alike (one lookup either way, so the two cannot be told
        apart by the answer or the work). No lock."""
        ...

    async def revoke(self, key_id: ApiKeyId, now: datetime) -> ApiKey | None:
        """Mark revoked (keeping an earlier revocation time); None when unknown. Row-locks the
        key until the unit of work ends."""
        ...

    async def list(
        self, client_id: ClientId, include_revoked: bool, page: PageRequest
    ) -> list[ApiKey]:
        """The client's keys (revoked ones only if asked), newest first, after
        ``page.after``, at most ``page.limit + 1``. No lock."""
        ...
