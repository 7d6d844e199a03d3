"""Use cases changing a webhook endpoint: its settings, its deletion, its secret."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Final

from zenhire.domain.ports import Clock, UnitOfWork
from zenhire.domain.ports.resolver import Resolver
from zenhire.domain.ports.webhook_endpoints import WebhookEndpoints
from zenhire.domain.ports.webhook_random import WebhookRandom
from zenhire.domain.webhooks.manage import EndpointRef, check_events, owned_endpoint
from zenhire.domain.webhooks.model import (
    DisabledReason,
    WebhookEndpoint,
)
from zenhire.domain.webhooks.urls import UrlRules, check_url

DEFAULT_OVERLAP_SECONDS: Final = 86_400


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateEndpointCommand:
    ref: EndpointRef
    url: str | None = None
    events: tuple[str, ...] | None = None
    description: str | None = None
    description_set: bool = False
    enabled: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateEndpoint:
    """Change URL (the rules hold again), events, description or ``enabled``; disabling
    records ``DISABLED_BY_CLIENT``, re-enabling clears the reason and the failing streak."""

    endpoints: WebhookEndpoints
    resolver: Resolver
    rules: UrlRules
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: UpdateEndpointCommand) -> WebhookEndpoint:
        endpoint = await owned_endpoint(
            self.endpoints, command.ref.endpoint_id, command.ref.client_id
        )
        changed = replace(endpoint, updated_at=self.clock.now())
        if command.url is not None:
            await check_url(command.url, self.rules, self.resolver)
            changed.url = command.url
        if command.events is not None:
            changed.events = check_events(command.events)
        if command.description_set:
            changed.description = command.description
        if command.enabled is False and endpoint.enabled:
            changed.enabled, changed.disabled_reason = False, DisabledReason.DISABLED_BY_CLIENT
        elif command.enabled is True:
            changed.enabled, changed.disabled_reason, changed.failing_since = True, None, None
        await self.endpoints.save(changed)
        await self.uow.commit()
        return changed


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteEndpoint:
    """Delete the endpoint; its pending deliveries are cancelled."""

    endpoints: WebhookEndpoints
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, ref: EndpointRef) -> WebhookEndpoint:
        endpoint = await owned_endpoint(self.endpoints, ref.endpoint_id, ref.client_id)
        await self.endpoints.delete(endpoint.id, self.clock.now())
        await self.uow.commit()
        return endpoint


@dataclass(frozen=True, slots=True, kw_only=True)
class RotateSecretCommand:
    ref: EndpointRef
    expire_previous_after_seconds: int = DEFAULT_OVERLAP_SECONDS


@dataclass(frozen=True, slots=True, kw_only=True)
class RotateSecret:
    """A new signing secret, returned once; deliveries are signed with the old one too until
    ``expire_previous_after_seconds`` (0–604,800) have passed."""

    endpoints: WebhookEndpoints
    random: WebhookRandom
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: RotateSecretCommand) -> str:
        endpoint = await owned_endpoint(
            self.endpoints, command.ref.endpoint_id, command.ref.client_id
        )
        now = self.clock.now()
        secret = self.random.mint_secret()
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_expires_at = now + timedelta(
            seconds=command.expire_previous_after_seconds
        )
        endpoint.secret = secret
        endpoint.updated_at = now
        await self.endpoints.save(endpoint)
        await self.uow.commit()
        return secret
