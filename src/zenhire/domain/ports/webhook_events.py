"""The webhook outbox and the events feed (joining the unit of work)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.pagination import PageRequest
from zenhire.domain.webhooks.model import EndpointId, WebhookEvent


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
