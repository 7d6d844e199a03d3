"""A client's people rotate one of their own keys (the operator's key creation reused)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.console.actor import Actor
from zenhire.domain.console.use_cases.keys import own_key
from zenhire.domain.errors import NotFoundError
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.ports import ApiKeys, Clock
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand, IssuedKey


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
