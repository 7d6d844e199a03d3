"""Memory adapters for webhook endpoints, the outbox and deliveries (same contracts as the
Postgres ones; the store's lock serialises every transaction, so claims never overlap)."""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime

from zenhire.adapters.ids import Uuid7Ids
from zenhire.adapters.memory.keyset import newest_first
from zenhire.adapters.memory.store import MemoryStore, MemoryTransaction, clone
from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.sessions import Session
from zenhire.domain.pagination import PageRequest
from zenhire.domain.webhooks.model import (
    WEBHOOK_TYPE_OF_AUDIT,
    DeliveryStatus,
    DisabledReason,
    EndpointId,
    WebhookDelivery,
    WebhookDeliveryId,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventId,
)
from zenhire.domain.webhooks.payloads import session_summary, with_persona
from zenhire.domain.webhooks.ports import (
    AttemptRecord,
    Claim,
    EventFilter,
    PendingStats,
    WebhookDeliveries,
    WebhookEndpoints,
    WebhookEvents,
)

_ids = Uuid7Ids()


def emit_session_event(
    tx: MemoryTransaction, store: MemoryStore, session: Session, e: SessionEvent
) -> None:
    """The outbox hook of ``MemorySessions.save``: the webhook event an audit event stands
    for, written in the same transaction (none for a reconnect)."""
    type_ = WEBHOOK_TYPE_OF_AUDIT.get(e.type)
    if type_ is None:
        return
    persona = store.personas[session.persona_id]
    summary = with_persona(session_summary(session), persona.role_name, persona.language)
    event = WebhookEvent(
        id=WebhookEventId(_ids.new_id()),
        client_id=session.client_id,
        type=type_.value,
        session_id=session.id,
        created_at=e.at,
        data={"session": summary},
    )
    _write_event(tx, store, event, None)


def _write_event(
    tx: MemoryTransaction, store: MemoryStore, event: WebhookEvent, only: EndpointId | None
) -> None:
    tables = store.webhooks
    tx.put(tables.events, event.id, event)
    for endpoint in list(tables.endpoints.values()):
        if tables.deleted.get(endpoint.id):
            continue
        if only is not None:
            if endpoint.id != only:
                continue
        elif not (
            endpoint.client_id == event.client_id and endpoint.enabled
        ) or not endpoint.subscribed(event.type):
            continue
        delivery = WebhookDelivery(
            id=WebhookDeliveryId(_ids.new_id()),
            event_id=event.id,
            event_type=event.type,
            endpoint_id=endpoint.id,
            client_id=endpoint.client_id,
            status=DeliveryStatus.PENDING,
            attempts=0,
            last_attempt_at=None,
            last_status_code=None,
            last_error=None,
            next_attempt_at=event.created_at,
            delivered_at=None,
            created_at=event.created_at,
        )
        tx.put(tables.deliveries, delivery.id, delivery)


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
        _write_event(self.tx, store, event, only)

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


class MemoryWebhookDeliveries(WebhookDeliveries):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def get(self, delivery_id: WebhookDeliveryId) -> WebhookDelivery | None:
        store = await self.tx.begin()
        return store.webhooks.deliveries.get(delivery_id)

    async def list(
        self,
        endpoint_id: EndpointId,
        status: DeliveryStatus | None,
        event_type: str | None,
        page: PageRequest,
    ) -> list[WebhookDelivery]:
        store = await self.tx.begin()
        rows = [
            d
            for d in store.webhooks.deliveries.values()
            if d.endpoint_id == endpoint_id
            and (status is None or d.status is status)
            and (event_type is None or d.event_type == event_type)
        ]
        return newest_first(rows, page)

    async def retry(self, delivery_id: WebhookDeliveryId, now: datetime) -> WebhookDelivery:
        store = await self.tx.begin()
        t = store.webhooks
        retried = dataclasses.replace(
            t.deliveries[delivery_id], status=DeliveryStatus.PENDING, next_attempt_at=now
        )
        self.tx.put(t.deliveries, delivery_id, retried)
        self.tx.put(t.claims, delivery_id, self._next_token(store))
        return retried

    async def claim(
        self,
        now: datetime,
        lease_until: datetime,
        limit: int,
        room: Mapping[EndpointId, int],
        per_endpoint: int,
    ) -> builtins.list[Claim]:
        store = await self.tx.begin()
        t = store.webhooks
        due = sorted(
            (
                d
                for d in t.deliveries.values()
                if d.status is DeliveryStatus.PENDING
                and d.next_attempt_at is not None
                and d.next_attempt_at <= now
                and t.endpoints[d.endpoint_id].enabled
            ),
            key=lambda d: (d.next_attempt_at or now, d.id),
        )
        taken: dict[EndpointId, int] = {}
        claims: list[Claim] = []
        for d in due:
            if len(claims) == limit:
                break
            if taken.get(d.endpoint_id, 0) >= room.get(d.endpoint_id, per_endpoint):
                continue
            taken[d.endpoint_id] = taken.get(d.endpoint_id, 0) + 1
            token = self._next_token(store)
            self.tx.put(t.claims, d.id, token)
            leased = dataclasses.replace(d, next_attempt_at=lease_until)
            self.tx.put(t.deliveries, d.id, leased)
            claims.append(
                Claim(
                    delivery=d,
                    token=token,
                    endpoint=clone(t.endpoints[d.endpoint_id]),
                    event=t.events[d.event_id],
                )
            )
        return claims

    async def record(self, attempts: Sequence[AttemptRecord]) -> set[WebhookDeliveryId]:
        written = {a.delivery_id for a in attempts if await self._record_one(a)}
        t = (await self.tx.begin()).webhooks
        by_endpoint: dict[EndpointId, list[AttemptRecord]] = {}
        for a in attempts:
            if a.delivery_id in written:
                by_endpoint.setdefault(a.endpoint_id, []).append(a)
        for endpoint_id, mine in by_endpoint.items():
            endpoint = t.endpoints.get(endpoint_id)
            if endpoint is not None:
                self.tx.put(t.endpoints, endpoint_id, _after_attempts(endpoint, mine))
        return written

    async def _record_one(self, attempt: AttemptRecord) -> bool:
        store = await self.tx.begin()
        t = store.webhooks
        current = t.deliveries.get(attempt.delivery_id)
        if current is None or t.claims.get(attempt.delivery_id) != attempt.token:
            return False
        if current.status is not DeliveryStatus.PENDING:
            return False
        if attempt.delivered:
            status = DeliveryStatus.DELIVERED
        elif attempt.next_attempt_at is None:
            status = DeliveryStatus.FAILED
        else:
            status = DeliveryStatus.PENDING
        written = dataclasses.replace(
            current,
            status=status,
            attempts=current.attempts + 1,
            last_attempt_at=attempt.at,
            last_status_code=attempt.status_code,
            last_error=attempt.error,
            next_attempt_at=attempt.next_attempt_at,
            delivered_at=attempt.at if attempt.delivered else current.delivered_at,
        )
        self.tx.put(t.deliveries, attempt.delivery_id, written)
        self.tx.delete(t.claims, attempt.delivery_id)
        return True

    async def stats(self) -> PendingStats:
        store = await self.tx.begin()
        pending = [
            d.created_at
            for d in store.webhooks.deliveries.values()
            if d.status is DeliveryStatus.PENDING
        ]
        return PendingStats(len(pending), min(pending, default=None))

    def _next_token(self, store: MemoryStore) -> int:
        seq = store.webhooks.claim_seq
        seq[0] += 1
        return seq[0]


def _after_attempts(endpoint: WebhookEndpoint, attempts: list[AttemptRecord]) -> WebhookEndpoint:
    """The endpoint's failing streak after some attempts; disabled once it lasts too long."""
    changed = clone(endpoint)
    if any(a.delivered for a in attempts):
        changed.failing_since = None
        return changed
    first = min(a.at for a in attempts)
    changed.failing_since = changed.failing_since or first
    if changed.enabled and changed.failing_since <= max(
        a.disable_if_failing_since for a in attempts
    ):
        changed.enabled = False
        changed.disabled_reason = DisabledReason.FAILING_FOR_3_DAYS
        changed.updated_at = max(a.at for a in attempts)
    return changed
