"""Use cases over a client's webhook endpoints (api.md §11.1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from zenhire.domain.errors import (
    NotFoundError,
    ResourceForbiddenError,
    WebhookEndpointLimitError,
    invalid,
)
from zenhire.domain.model.ids import ClientId
from zenhire.domain.ports import Clock, Ids, UnitOfWork
from zenhire.domain.ports.resolver import Resolver
from zenhire.domain.ports.webhook_endpoints import WebhookEndpoints
from zenhire.domain.ports.webhook_random import WebhookRandom
from zenhire.domain.webhooks.model import (
    ALL_EVENTS,
    ENDPOINTS_PER_CLIENT,
    EndpointId,
    WebhookEndpoint,
    WebhookEventType,
)
from zenhire.domain.webhooks.urls import UrlRules, check_url

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
