"""Postgres adapter for webhook events (the outbox; its statements in ``webhook_outbox``)."""

from __future__ import annotations

from datetime import datetime
from typing import Final

import msgspec

from zenhire.adapters.postgres.filters import Filters
from zenhire.adapters.postgres.statements import alone
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.adapters.postgres.webhook_outbox import EMIT
from zenhire.adapters.postgres.webhook_rows import event
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports.webhook_events import EventFilter, WebhookEvents
from zenhire.domain.webhooks.model import EndpointId, WebhookEvent

_encoder = msgspec.json.Encoder()
PAGE: Final = Filters(
    "SELECT id, client_id, type, session_id, created_at, data FROM webhook_events"
    " WHERE client_id = $1",
    "ORDER BY created_at DESC, id DESC LIMIT {}",
    type="type = {}",
    session_id="session_id = {}",
    created_after="created_at >= {}",
    after="(created_at, id) < ({}, {})",
)
# One short statement of its own, whatever the sweep holds.
PURGE: Final = alone("""
DELETE FROM webhook_events WHERE id IN (
    SELECT id FROM webhook_events WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
)
""")


class PostgresWebhookEvents(WebhookEvents):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def emit(self, event: WebhookEvent, only: EndpointId | None = None) -> None:
        data = _encoder.encode(event.data).decode()
        self.tx.stage(EMIT, event.id, event.client_id, event.type, event.created_at, data, only)

    async def list(self, where: EventFilter, page: PageRequest) -> list[WebhookEvent]:
        query = PAGE.query(where.client_id)
        for name, value in (
            ("type", where.type),
            ("session_id", where.session_id),
            ("created_after", where.created_after),
        ):
            if value is not None:
                query.where(name, value)
        if page.after is not None:
            query.where("after", page.after.created_at, page.after.id)
        statement, args = query.finish(page.limit + 1)
        return [event(r) for r in await self.tx.fetch(statement, *args)]

    async def purge(self, before: datetime, limit: int) -> int:
        return await self.tx.execute(PURGE, before, limit)
