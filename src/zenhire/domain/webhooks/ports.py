"""What webhooks need from the world: stores for endpoints, the outbox and deliveries (all
joining the unit of work), name resolution, an HTTP sender and randomness."""

from __future__ import annotations

import builtins
import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.pagination import PageRequest
from zenhire.domain.webhooks.model import (
    DeliveryStatus,
    EndpointId,
    WebhookDelivery,
    WebhookDeliveryId,
    WebhookEndpoint,
    WebhookEvent,
)

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class WebhookEndpoints(Protocol):
    async def lock_count(self, client_id: ClientId) -> int:
        """Lock the client's row until the unit of work ends (so two creations cannot both
        pass the limit) and count its endpoints that are not deleted."""
        ...

    async def add(self, endpoint: WebhookEndpoint) -> None: ...

    async def get(self, endpoint_id: EndpointId) -> WebhookEndpoint | None:
        """The endpoint unless unknown or deleted."""
        ...

    async def list(self, client_id: ClientId) -> list[WebhookEndpoint]:
        """The client's endpoints that are not deleted, newest first."""
        ...

    async def save(self, endpoint: WebhookEndpoint) -> None: ...

    async def delete(self, endpoint_id: EndpointId, now: datetime) -> None:
        """Mark deleted and cancel its pending deliveries."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    client_id: ClientId
    type: str | None = None
    session_id: SessionId | None = None
    created_after: datetime | None = None


class WebhookEvents(Protocol):
    """The transactional outbox. Session events are written by the sessions port itself, in
    the statement that writes the session; this port writes the others."""

    async def emit(self, event: WebhookEvent, only: EndpointId | None = None) -> None:
        """Write the event and one pending delivery per enabled endpoint of its client
        subscribed to its type (only ``only`` when given, subscribed or not), due now."""
        ...

    async def list(self, where: EventFilter, page: PageRequest) -> list[WebhookEvent]:
        """Newest first, after ``page.after``, at most ``page.limit + 1``."""
        ...

    async def purge(self, before: datetime, limit: int) -> int:
        """Delete up to ``limit`` events created before ``before`` with their deliveries."""
        ...


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


class Resolver(Protocol):
    async def resolve(self, host: str) -> list[IpAddress]:
        """The addresses ``host`` resolves to now; empty when it does not resolve."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class OutgoingRequest:
    url: str
    address: IpAddress  # connect here (already checked), send the URL's host as Host
    headers: dict[str, str]
    body: bytes = field(repr=False)
    timeout_seconds: float


@dataclass(frozen=True, slots=True)
class SendResult:
    """``status_code`` None: no answer (``error`` says why); ``body_head``: at most 4 KiB."""

    status_code: int | None
    body_head: bytes
    error: str | None


class Sender(Protocol):
    async def post(self, request: OutgoingRequest) -> SendResult:
        """One POST, redirects not followed, within the timeout; never raises for the
        receiver's behaviour (refusal, timeout, reset) — that is a ``SendResult``."""
        ...


class WebhookRandom(Protocol):
    def mint_secret(self) -> str:
        """``whsec_`` + base64 of 32 random bytes."""
        ...

    def jitter(self) -> float:
        """Uniform in [−0.2, 0.2]."""
        ...
