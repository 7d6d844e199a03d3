"""Webhook deliveries: reads, manual retry, the dispatcher's claims and outcomes."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from zenhire.domain.pagination import PageRequest
from zenhire.domain.webhooks.model import (
    DeliveryStatus,
    EndpointId,
    WebhookDelivery,
    WebhookDeliveryId,
    WebhookEndpoint,
    WebhookEvent,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A delivery taken for one attempt; ``token`` tells this claim from a later one."""

    delivery: WebhookDelivery
    token: int
    endpoint: WebhookEndpoint
    event: WebhookEvent


@dataclass(frozen=True, slots=True, kw_only=True)
class AttemptRecord:
    delivery_id: WebhookDeliveryId
    token: int
    endpoint_id: EndpointId
    at: datetime
    delivered: bool
    status_code: int | None
    error: str | None
    next_attempt_at: datetime | None  # None after a failure: the delivery is ``failed``
    disable_if_failing_since: datetime  # endpoint failing since then or earlier → disabled


@dataclass(frozen=True, slots=True)
class PendingStats:
    pending: int
    oldest_created_at: datetime | None


class WebhookDeliveries(Protocol):
    async def get(self, delivery_id: WebhookDeliveryId) -> WebhookDelivery | None: ...

    async def list(
        self,
        endpoint_id: EndpointId,
        status: DeliveryStatus | None,
        event_type: str | None,
        page: PageRequest,
    ) -> list[WebhookDelivery]:
        """Newest first, after ``page.after``, at most ``page.limit + 1``."""
        ...

    async def retry(self, delivery_id: WebhookDeliveryId, now: datetime) -> WebhookDelivery:
        """Make the delivery ``pending`` and due at ``now`` (any earlier claim is void)."""
        ...

    async def claim(
        self,
        now: datetime,
        lease_until: datetime,
        limit: int,
        room: Mapping[EndpointId, int],
        per_endpoint: int,
    ) -> builtins.list[Claim]:
        """Take up to ``limit`` pending deliveries due at ``now`` of enabled endpoints, at most
        ``room[endpoint]`` (else ``per_endpoint``) of each, skipping rows another transaction
        holds; each is not due again before ``lease_until`` (a claimer that dies leaves it due
        then). Visible to others at commit."""
        ...

    async def record(self, attempts: Sequence[AttemptRecord]) -> set[WebhookDeliveryId]:
        """Write each attempt's outcome if its claim ``token`` is still the delivery's own (a
        claim overtaken by a retry or a later claim writes nothing); return the deliveries
        written. Then each endpoint's failing state: a success among them ends its failing
        streak; otherwise the streak starts (if it had not) and the endpoint is disabled when
        failing since an attempt's ``disable_if_failing_since`` or earlier. One statement."""
        ...

    async def stats(self) -> PendingStats: ...
