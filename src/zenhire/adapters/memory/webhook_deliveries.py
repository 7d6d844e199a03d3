"""Memory adapter for webhook deliveries: reads, manual retry, the dispatcher's claims and
outcomes (the store's lock serialises every transaction, so claims never overlap)."""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime

from zenhire.adapters.memory.keyset import newest_first
from zenhire.adapters.memory.store import MemoryStore, MemoryTransaction, clone
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports.webhook_deliveries import (
    AttemptRecord,
    Claim,
    PendingStats,
    WebhookDeliveries,
)
from zenhire.domain.webhooks.model import (
    DeliveryStatus,
    DisabledReason,
    EndpointId,
    WebhookDelivery,
    WebhookDeliveryId,
    WebhookEndpoint,
)


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
