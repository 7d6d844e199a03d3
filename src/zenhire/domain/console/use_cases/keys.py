"""A client's people reach their own keys only, and revoke them."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.console.actor import Actor
from zenhire.domain.errors import NotFoundError
from zenhire.domain.model.clients import ApiKey
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.ports import ApiKeys, Clock, UnitOfWork


async def own_key(keys: ApiKeys, actor: Actor, key_id: ApiKeyId) -> ApiKey:
    """The actor's client's key; unknown or another client's → NOT_FOUND (nothing is told
    about other clients' keys)."""
    key = await keys.get(key_id)
    if key is None or key.client_id != actor.client_id:
        raise NotFoundError("No such API key.")
    return key


@dataclass(frozen=True, slots=True, kw_only=True)
class RevokeOwnKey:
    """Revoke one of the client's keys (again: no change). It fails auth from then on."""

    keys: ApiKeys
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, actor: Actor, key_id: ApiKeyId) -> ApiKey:
        await own_key(self.keys, actor, key_id)
        key = await self.keys.revoke(key_id, self.clock.now())
        assert key is not None  # noqa: S101  # found just above, inside this unit of work
        await self.uow.commit()
        return key
