"""Memory adapters for webhook endpoints and the events feed (same contracts as the Postgres
ones; the store's lock serialises every transaction)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from zenhire.adapters.memory.keyset import newest_first
from zenhire.adapters.memory.store import MemoryTransaction, clone
from zenhire.adapters.memory.webhook_outbox import write_event
from zenhire.domain.model.ids import ClientId
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports.webhook_endpoints import WebhookEndpoints
from zenhire.domain.ports.webhook_events import EventFilter, WebhookEvents
from zenhire.domain.webhooks.model import (
    DeliveryStatus,
    EndpointId,
    WebhookEndpoint,
    WebhookEvent,
)


class MemoryWebhookEndpoints(WebhookEndpoints):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def lock_count(self, client_id: ClientId) -> int:
        store = await self.tx.begin()
        t = store.webhooks
        return sum(
            1 for e in t.endpoints.values() if e.client_id == client_id and not t.deleted.get(e.id)
        )

    async def add(self, endpoint: WebhookEndpoint) -> None:
        await self.save(endpoint)

    async def get(self, endpoint_id: EndpointId) -> WebhookEndpoint | None:
        store = await self.tx.begin()
        found = store.webhooks.endpoints.get(endpoint_id)
        return None if found is None or store.webhooks.deleted.get(endpoint_id) else clone(found)

    async def list(self, client_id: ClientId) -> list[WebhookEndpoint]:
        store = await self.tx.begin()
        t = store.webhooks
        mine = [
            clone(e)
            for e in t.endpoints.values()
            if e.client_id == client_id and not t.deleted.get(e.id)
        ]
        return sorted(mine, key=lambda e: (e.created_at, e.id), reverse=True)

    async def save(self, endpoint: WebhookEndpoint) -> None:
        store = await self.tx.begin()
        self.tx.put(store.webhooks.endpoints, endpoint.id, clone(endpoint))

    async def delete(self, endpoint_id: EndpointId, now: datetime) -> None:  # noqa: ARG002
        store = await self.tx.begin()
        t = store.webhooks
        self.tx.put(t.deleted, endpoint_id, True)
        for d in list(t.deliveries.values()):
            if d.endpoint_id == endpoint_id and d.status is DeliveryStatus.PENDING:
                cancelled = dataclasses.replace(
                    d, status=DeliveryStatus.CANCELLED, next_attempt_at=None
                )
                self.tx.put(t.deliveries, d.id, cancelled)


class MemoryWebhookEvents(WebhookEvents):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def emit(self, event: WebhookEvent, only: EndpointId | None = None) -> None:
        store = await self.tx.begin()
        write_event(self.tx, store, event, only)

    async def list(self, where: EventFilter, page: PageRequest) -> list[WebhookEvent]:
        store = await self.tx.begin()
        rows = [
            e
            for e in store.webhooks.events.values()
            if e.client_id == where.client_id
            and (where.type is None or e.type == where.type)
            and (where.session_id is None or e.session_id == where.session_id)
            and (where.created_after is None or e.created_at >= where.created_after)
        ]
        return [clone(e) for e in newest_first(rows, page)]

    async def purge(self, before: datetime, limit: int) -> int:
        store = await self.tx.begin()
        t = store.webhooks
        doomed = [e.id for e in t.events.values() if e.created_at < before][:limit]
        gone = set(doomed)
        for event_id in doomed:
            self.tx.delete(t.events, event_id)
        for d in [d for d in t.deliveries.values() if d.event_id in gone]:
            self.tx.delete(t.deliveries, d.id)
        return len(doomed)
