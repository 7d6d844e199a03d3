"""Key changes a client's people make on their own keys (the operator's use cases reused)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.console.actor import Actor
from zenhire.domain.errors import NotFoundError
from zenhire.domain.model.clients import ApiKey
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.ports import ApiKeys, Clock, UnitOfWork
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand, IssuedKey


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


@dataclass(frozen=True, slots=True, kw_only=True)
class RotateOwnKey:
    """A new key with the old one's settings (project, name, expiry, allow-list, rate limit),
    and the old one revoked, in one commit. A revoked key cannot be rotated (NOT_FOUND)."""

    keys: ApiKeys
    clock: Clock
    create: CreateApiKey

    async def __call__(self, actor: Actor, key_id: ApiKeyId) -> IssuedKey:
        old = await own_key(self.keys, actor, key_id)
        if old.revoked_at is not None:
            raise NotFoundError("This key is revoked.")
        await self.keys.revoke(key_id, self.clock.now())
        return await self.create(  # commits the revocation with the new key
            CreateApiKeyCommand(
                client_id=actor.client_id,
                project_id=old.project_id,
                expires_at=old.expires_at,
                allowed_ips=old.allowed_ips,
                name=old.name,
                rate_limit_per_minute=old.rate_limit_per_minute,
            )
        )
