"""A short-lived, bounded, in-process memory of resolved API keys.

Every integrator request starts by resolving its key. Keys and the client fields the check
reads (active, permissions) change rarely, so remembering a resolution for a few seconds saves
a database round trip on nearly every request.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from cachetools import TTLCache

from zenhire.domain.model.clients import ApiKey, Client, ClientChanges
from zenhire.domain.model.ids import ApiKeyId, ClientId
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import ApiKeys, ClientFilter, Clients, Clock

Resolved = tuple[ApiKey, Client]
# Registers a callback to run once the current unit of work has committed.
AfterCommit = Callable[[Callable[[], None]], None]


class ApiKeyCache:
    """Resolved keys by digest, each kept at most ``ttl_seconds`` as read off the clock.

    A change made through this process (revoking a key, deactivating a client, changing its
    permissions) forgets the affected entries once it has committed; one made by another
    process is seen within ``ttl_seconds``. Expiry and the IP allow-list are checked on every
    request against the cached key, so they are never late. Only digests are held, never raw
    keys. Unknown and revoked keys are never remembered (the store answers both alike, so
    both cost one lookup every time). ``ttl_seconds`` 0 turns the cache off.

    Why after the commit, and why the generation: a request racing the change may read the
    row as it was before the commit. Forgetting after the commit removes what such a request
    stored before that point; ``generation`` moves on every forget, and a lookup stores its
    answer only if no forget happened since the lookup began, so one that read the old row and
    finishes later is discarded. Once the change has committed and been forgotten, no request
    in this process can be answered from the old row.
    """

    def __init__(self, clock: Clock, ttl_seconds: float, maxsize: int = 10_000) -> None:
        self.enabled = ttl_seconds > 0
        self.generation = 0
        self._entries: TTLCache[bytes, Resolved] = TTLCache(
            maxsize=maxsize, ttl=max(ttl_seconds, 1e-9), timer=lambda: clock.now().timestamp()
        )

    def get(self, digest: bytes) -> Resolved | None:
        return self._entries.get(digest) if self.enabled else None

    def put(self, digest: bytes, resolved: Resolved, generation: int) -> None:
        """Remember ``resolved``, read by a lookup that began at ``generation``, unless
        something was forgotten since (the lookup may then have read a row now changed)."""
        if self.enabled and generation == self.generation:
            self._entries[digest] = resolved

    def forget_key(self, key_id: ApiKeyId) -> None:
        self._forget(lambda key, _: key.id == key_id)

    def forget_client(self, client_id: ClientId) -> None:
        self._forget(lambda _, client: client.id == client_id)

    def _forget(self, matches: Callable[[ApiKey, Client], bool]) -> None:
        self.generation += 1
        for digest, (key, client) in list(self._entries.items()):
            if matches(key, client):
                self._entries.pop(digest, None)


class CachedApiKeys(ApiKeys):
    """``ApiKeys`` that answers ``find_by_digest`` from the cache when it can, and forgets a
    revoked key once the revocation has committed."""

    def __init__(self, inner: ApiKeys, cache: ApiKeyCache, after_commit: AfterCommit) -> None:
        self.inner = inner
        self.cache = cache
        self.after_commit = after_commit

    async def add(self, key: ApiKey) -> None:
        await self.inner.add(key)

    async def get(self, key_id: ApiKeyId) -> ApiKey | None:
        return await self.inner.get(key_id)

    async def find_by_digest(self, digest: bytes) -> Resolved | None:
        if (hit := self.cache.get(digest)) is not None:
            return hit
        generation = self.cache.generation
        found = await self.inner.find_by_digest(digest)
        if found is not None:
            self.cache.put(digest, found, generation)
        return found

    async def revoke(self, key_id: ApiKeyId, now: datetime) -> ApiKey | None:
        revoked = await self.inner.revoke(key_id, now)
        self.after_commit(lambda: self.cache.forget_key(key_id))
        return revoked

    async def list(
        self, client_id: ClientId, include_revoked: bool, page: PageRequest
    ) -> list[ApiKey]:
        return await self.inner.list(client_id, include_revoked, page)


class CacheForgettingClients(Clients):
    """``Clients`` whose updates forget the client's cached keys in this process once they
    have committed."""

    def __init__(self, inner: Clients, cache: ApiKeyCache, after_commit: AfterCommit) -> None:
        self.inner = inner
        self.cache = cache
        self.after_commit = after_commit

    async def add(self, client: Client) -> None:
        await self.inner.add(client)

    async def get(self, client_id: ClientId) -> Client | None:
        return await self.inner.get(client_id)

    async def update(self, client_id: ClientId, changes: ClientChanges) -> Client | None:
        updated = await self.inner.update(client_id, changes)
        self.after_commit(lambda: self.cache.forget_client(client_id))
        return updated

    async def live_count(self, client_id: ClientId) -> int:
        return await self.inner.live_count(client_id)

    async def list(self, where: ClientFilter, page: PageRequest) -> list[tuple[Client, int]]:
        return await self.inner.list(where, page)
