"""Postgres adapter for webhook deliveries; the dispatcher's claim and record statements are
in ``webhook_dispatch``."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final

from zenhire.adapters.postgres import webhook_dispatch
from zenhire.adapters.postgres.filters import Filters
from zenhire.adapters.postgres.statements import read, write
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.adapters.postgres.webhook_rows import DELIVERY_COLUMNS, delivery
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports.webhook_deliveries import (
    AttemptRecord,
    Claim,
    PendingStats,
    WebhookDeliveries,
)
from zenhire.domain.webhooks.model import (
    DeliveryStatus,
    EndpointId,
    WebhookDelivery,
    WebhookDeliveryId,
)

GET: Final = read(f"SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1")
PAGE: Final = Filters(
    f"SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint_id = $1",
    "ORDER BY created_at DESC, id DESC LIMIT {}",
    status="status = {}",
    event_type="event_type = {}",
    after="(created_at, id) < ({}, {})",
)
# A fresh claim token voids the outcome of any attempt still running.
RETRY: Final = write(f"""
UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2,
    claim_token = nextval('webhook_claim_tokens')
WHERE id = $1 RETURNING {DELIVERY_COLUMNS}
""")
STATS: Final = read(
    "SELECT count(*) AS pending, min(created_at) AS oldest FROM webhook_deliveries"
    " WHERE status = 'pending'"
)


class PostgresWebhookDeliveries(WebhookDeliveries):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def get(self, delivery_id: WebhookDeliveryId) -> WebhookDelivery | None:
        row = await self.tx.fetchrow(GET, delivery_id)
        return None if row is None else delivery(row)

    async def list(
        self,
        endpoint_id: EndpointId,
        status: DeliveryStatus | None,
        event_type: str | None,
        page: PageRequest,
    ) -> list[WebhookDelivery]:
        query = PAGE.query(endpoint_id)
        if status is not None:
            query.where("status", status.value)
        if event_type is not None:
            query.where("event_type", event_type)
        if page.after is not None:
            query.where("after", page.after.created_at, page.after.id)
        statement, args = query.finish(page.limit + 1)
        return [delivery(r) for r in await self.tx.fetch(statement, *args)]

    async def retry(self, delivery_id: WebhookDeliveryId, now: datetime) -> WebhookDelivery:
        row = await self.tx.fetchrow(RETRY, delivery_id, now)
        assert row is not None  # noqa: S101  # the use case read it in this request
        return delivery(row)

    async def stats(self) -> PendingStats:
        row = await self.tx.fetchrow(STATS)
        assert row is not None  # noqa: S101  # an aggregate always answers one row
        return PendingStats(int(row["pending"]), row["oldest"])

    async def claim(
        self,
        now: datetime,
        lease_until: datetime,
        limit: int,
        room: Mapping[EndpointId, int],
        per_endpoint: int,
    ) -> builtins.list[Claim]:
        return await webhook_dispatch.claim(self.tx, now, lease_until, limit, room, per_endpoint)

    async def record(self, attempts: Sequence[AttemptRecord]) -> set[WebhookDeliveryId]:
        return await webhook_dispatch.record(self.tx, attempts)
