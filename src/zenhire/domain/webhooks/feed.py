"""Use cases over events and deliveries: ping, delivery list, manual retry, the
reconciliation feed, and the ``credits.low`` event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from zenhire.domain.errors import DeliveryCancelledError, NotFoundError, ResourceForbiddenError
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.ledger import LedgerEntry
from zenhire.domain.pagination import Page, PageRequest, paginate
from zenhire.domain.ports import Clock, Ids, UnitOfWork
from zenhire.domain.ports.webhook_deliveries import WebhookDeliveries
from zenhire.domain.ports.webhook_endpoints import WebhookEndpoints
from zenhire.domain.ports.webhook_events import EventFilter, WebhookEvents
from zenhire.domain.webhooks.manage import EndpointRef, owned_endpoint
from zenhire.domain.webhooks.model import (
    EVENTS_KEPT,
    DeliveryStatus,
    WebhookDelivery,
    WebhookDeliveryId,
    WebhookEvent,
    WebhookEventId,
    WebhookEventType,
)

PURGE_BATCH: Final = 1_000
PURGE_BATCHES_PER_SWEEP: Final = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class PingEndpoint:
    """Queue a ``ping`` event to this endpoint only (sent while the endpoint is enabled)."""

    endpoints: WebhookEndpoints
    events: WebhookEvents
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, ref: EndpointRef) -> WebhookEvent:
        endpoint = await owned_endpoint(self.endpoints, ref.endpoint_id, ref.client_id)
        event = WebhookEvent(
            id=WebhookEventId(self.ids.new_id()),
            client_id=ref.client_id,
            type=WebhookEventType.PING.value,
            session_id=None,
            created_at=self.clock.now(),
            data={},
        )
        await self.events.emit(event, only=endpoint.id)
        await self.uow.commit()
        return event


@dataclass(frozen=True, slots=True, kw_only=True)
class ListDeliveriesQuery:
    ref: EndpointRef
    status: DeliveryStatus | None
    event_type: str | None
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListDeliveries:
    """An endpoint's deliveries, newest first (404 unknown, 403 another client's)."""

    endpoints: WebhookEndpoints
    deliveries: WebhookDeliveries

    async def __call__(self, query: ListDeliveriesQuery) -> Page[WebhookDelivery]:
        endpoint = await owned_endpoint(self.endpoints, query.ref.endpoint_id, query.ref.client_id)
        rows = await self.deliveries.list(endpoint.id, query.status, query.event_type, query.page)
        return paginate(rows, query.page.limit)


@dataclass(frozen=True, slots=True)
class DeliveryRef:
    client_id: ClientId
    delivery_id: WebhookDeliveryId


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryDelivery:
    """Make a delivery due now; attempts go on (a ``failed`` one too; a ``delivered`` one is
    sent again with the same ``webhook-id``); a ``cancelled`` one → DELIVERY_CANCELLED."""

    deliveries: WebhookDeliveries
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, ref: DeliveryRef) -> WebhookDelivery:
        delivery = await self.deliveries.get(ref.delivery_id)
        if delivery is None:
            raise NotFoundError()
        if delivery.client_id != ref.client_id:
            raise ResourceForbiddenError()
        if delivery.status is DeliveryStatus.CANCELLED:
            raise DeliveryCancelledError()
        retried = await self.deliveries.retry(delivery.id, self.clock.now())
        await self.uow.commit()
        return retried


@dataclass(frozen=True, slots=True)
class ListEventsQuery:
    where: EventFilter
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListEvents:
    """The caller's events of the last 30 days, newest first: the source of truth to
    reconcile with after missed deliveries."""

    events: WebhookEvents

    async def __call__(self, query: ListEventsQuery) -> Page[WebhookEvent]:
        return paginate(await self.events.list(query.where, query.page), query.page.limit)


@dataclass(frozen=True, slots=True, kw_only=True)
class PurgeWebhookEvents:
    """Forget events older than 30 days with their deliveries, in bounded batches that each
    commit (the sweeper runs it); return how many events went."""

    events: WebhookEvents
    clock: Clock
    uow: UnitOfWork

    async def __call__(self) -> int:
        before = self.clock.now() - EVENTS_KEPT
        purged = 0
        for _ in range(PURGE_BATCHES_PER_SWEEP):
            count = await self.events.purge(before, PURGE_BATCH)
            await self.uow.commit()
            purged += count
            if count < PURGE_BATCH:
                break
        return purged


def credits_low(
    event_id: WebhookEventId,
    client_id: ClientId,
    balance_before: int,
    balance: int,
    minimum: int,
    now: datetime,
) -> WebhookEvent | None:
    """The ``credits.low`` event when a posting took the balance from at least ``minimum`` to
    below it; None otherwise (a balance already low does not repeat it)."""
    if not balance < minimum <= balance_before:
        return None
    return WebhookEvent(
        id=event_id,
        client_id=client_id,
        type=WebhookEventType.CREDITS_LOW.value,
        session_id=None,
        created_at=now,
        data={"balance": balance, "minimum": minimum},
    )


async def report_low_balance(
    events: WebhookEvents, ids: Ids, entry: LedgerEntry, minimum: int
) -> None:
    """After a ledger posting, in its transaction: emit ``credits.low`` if it took the balance
    below ``minimum`` (a charge or an adjustment)."""
    event = credits_low(
        WebhookEventId(ids.new_id()),
        entry.client_id,
        entry.balance_after - entry.amount,
        entry.balance_after,
        minimum,
        entry.created_at,
    )
    if event is not None:
        await events.emit(event)
