"""Use cases over a client's webhook endpoints (api.md §11.1)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Final

from zenhire.domain.errors import (
    NotFoundError,
    ResourceForbiddenError,
    WebhookEndpointLimitError,
    invalid,
)
from zenhire.domain.model.ids import ClientId
from zenhire.domain.ports import Clock, Ids, UnitOfWork
from zenhire.domain.webhooks.model import (
    ALL_EVENTS,
    ENDPOINTS_PER_CLIENT,
    DisabledReason,
    EndpointId,
    WebhookEndpoint,
    WebhookEventType,
)
from zenhire.domain.webhooks.ports import Resolver, WebhookEndpoints, WebhookRandom
from zenhire.domain.webhooks.urls import UrlRules, check_url

DEFAULT_OVERLAP_SECONDS: Final = 86_400
SUBSCRIBABLE: Final = frozenset(t.value for t in WebhookEventType if t is not WebhookEventType.PING)


def check_events(events: tuple[str, ...]) -> tuple[str, ...]:
    """Distinct known types, or ``("*",)`` when ``"*"`` is among them (every type, including
    those added later); ``ping`` goes to its endpoint unasked."""
    if not events:
        raise invalid("events", 'must name at least one event type, or be ["*"]')
    if len(set(events)) != len(events):
        raise invalid("events", "must not repeat a type")
    if ALL_EVENTS in events:
        return (ALL_EVENTS,)
    for i, name in enumerate(events):
        if name not in SUBSCRIBABLE:
            raise invalid(f"events[{i}]", f"unknown event type {name!r}")
    return events


async def owned_endpoint(
    endpoints: WebhookEndpoints, endpoint_id: EndpointId, client_id: ClientId
) -> WebhookEndpoint:
    endpoint = await endpoints.get(endpoint_id)
    if endpoint is None:
        raise NotFoundError()
    if endpoint.client_id != client_id:
        raise ResourceForbiddenError()
    return endpoint


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateEndpointCommand:
    client_id: ClientId
    url: str
    events: tuple[str, ...] = (ALL_EVENTS,)
    description: str | None = None


@dataclass(frozen=True, slots=True)
class EndpointWithSecret:
    endpoint: WebhookEndpoint
    secret: str = field(repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateEndpoint:
    """Register a receiver: the URL rules hold (https; no private address), the events are
    known types or ``["*"]``, a client keeps at most 10 endpoints. The signing secret is
    returned here and on rotation only."""

    endpoints: WebhookEndpoints
    resolver: Resolver
    rules: UrlRules
    random: WebhookRandom
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: CreateEndpointCommand) -> EndpointWithSecret:
        events = check_events(command.events)
        await check_url(command.url, self.rules, self.resolver)
        if await self.endpoints.lock_count(command.client_id) >= ENDPOINTS_PER_CLIENT:
            raise WebhookEndpointLimitError(details={"limit": ENDPOINTS_PER_CLIENT})
        now = self.clock.now()
        secret = self.random.mint_secret()
        endpoint = WebhookEndpoint(
            id=EndpointId(self.ids.new_id()),
            client_id=command.client_id,
            url=command.url,
            events=events,
            description=command.description,
            enabled=True,
            disabled_reason=None,
            secret=secret,
            created_at=now,
            updated_at=now,
        )
        await self.endpoints.add(endpoint)
        await self.uow.commit()
        return EndpointWithSecret(endpoint, secret)


@dataclass(frozen=True, slots=True)
class EndpointRef:
    client_id: ClientId
    endpoint_id: EndpointId


@dataclass(frozen=True, slots=True, kw_only=True)
class GetEndpoint:
    """One of the caller's endpoints (404 unknown or deleted, 403 another client's)."""

    endpoints: WebhookEndpoints

    async def __call__(self, ref: EndpointRef) -> WebhookEndpoint:
        return await owned_endpoint(self.endpoints, ref.endpoint_id, ref.client_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class ListEndpoints:
    """The caller's endpoints, newest first (at most 10, so never paginated)."""

    endpoints: WebhookEndpoints

    async def __call__(self, client_id: ClientId) -> list[WebhookEndpoint]:
        return await self.endpoints.list(client_id)


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
