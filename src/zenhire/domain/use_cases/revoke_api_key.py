"""Revoke an API key (operator)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.clients import ApiKey
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.model.ownership import found
from zenhire.domain.ports.api_keys import ApiKeys
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class RevokeApiKey:
    """Revoke a key (again: same answer); unknown → NOT_FOUND. It fails auth from then on."""

    keys: ApiKeys
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, key_id: ApiKeyId) -> ApiKey:
        key = found(await self.keys.revoke(key_id, self.clock.now()), "No such API key.")
        await self.uow.commit()
        return key
