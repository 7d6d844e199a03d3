"""Postgres adapters for webhook endpoints, the outbox and deliveries (plain SQL)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

import msgspec

from zenhire.adapters.postgres import hot_sql, webhook_dispatch
from zenhire.adapters.postgres.db import Db
from zenhire.adapters.postgres.webhook_outbox import EMIT
from zenhire.adapters.postgres.webhook_rows import DELIVERY_COLUMNS, delivery, endpoint, event
from zenhire.domain.model.ids import ClientId
from zenhire.domain.pagination import PageRequest
from zenhire.domain.webhooks.model import (
    DeliveryStatus,
    EndpointId,
    WebhookDelivery,
    WebhookDeliveryId,
    WebhookEndpoint,
    WebhookEvent,
)
from zenhire.domain.webhooks.ports import (
    AttemptRecord,
    Claim,
    EventFilter,
    PendingStats,
    WebhookDeliveries,
    WebhookEndpoints,
    WebhookEvents,
)

_encoder = msgspec.json.Encoder()
_ENDPOINT_COLUMNS: Final = (
    "id, client_id, url, events, description, enabled, disabled_reason, secret,"
    " previous_secret, previous_secret_expires_at, failing_since, created_at, updated_at"
)
_SAVE_ENDPOINT: Final = f"""
INSERT INTO webhook_endpoints ({_ENDPOINT_COLUMNS})
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (id) DO UPDATE SET url = $3, events = $4, description = $5, enabled = $6,
    disabled_reason = $7, secret = $8, previous_secret = $9, previous_secret_expires_at = $10,
    failing_since = $11, updated_at = $13
"""
_LIVE: Final = "deleted_at IS NULL"
_CANCEL: Final = """
WITH gone AS (UPDATE webhook_endpoints SET deleted_at = $2 WHERE id = $1)
UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL
WHERE endpoint_id = $1 AND status = 'pending'
"""
_PURGE: Final = """
DELETE FROM webhook_events WHERE id IN (
    SELECT id FROM webhook_events WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
)
RETURNING id
"""
_RETRY: Final = f"""
UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2,
    claim_token = nextval('webhook_claim_tokens')
WHERE id = $1 RETURNING {DELIVERY_COLUMNS}
"""
_STATS: Final = (
    "SELECT count(*) AS pending, min(created_at) AS oldest FROM webhook_deliveries"
    " WHERE status = 'pending'"
)


def endpoint_args(e: WebhookEndpoint) -> tuple[Any, ...]:
    return (
        e.id,
        e.client_id,
        e.url,
        list(e.events),
        e.description,
        e.enabled,
        None if e.disabled_reason is None else e.disabled_reason.value,
        e.secret,
        e.previous_secret,
        e.previous_secret_expires_at,
        e.failing_since,
        e.created_at,
        e.updated_at,
    )


class PostgresWebhookEndpoints(WebhookEndpoints):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def lock_count(self, client_id: ClientId) -> int:
        await self.db.fetchrow(hot_sql.CLIENT_FOR_UPDATE, client_id, writes=True)
        row = await self.db.fetchrow(
            f"SELECT count(*) AS n FROM webhook_endpoints WHERE client_id = $1 AND {_LIVE}",
            client_id,
        )
        return int(row["n"]) if row else 0

    async def add(self, endpoint: WebhookEndpoint) -> None:
        await self.save(endpoint)

    async def get(self, endpoint_id: EndpointId) -> WebhookEndpoint | None:
        row = await self.db.fetchrow(
            f"SELECT {_ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1 AND {_LIVE}",
            endpoint_id,
        )
        return None if row is None else endpoint(row)

    async def list(self, client_id: ClientId) -> list[WebhookEndpoint]:
        rows = await self.db.fetch(
            f"SELECT {_ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE client_id = $1 AND {_LIVE}"
            " ORDER BY created_at DESC, id DESC",
            client_id,
        )
        return [endpoint(r) for r in rows]

    async def save(self, endpoint: WebhookEndpoint) -> None:
        self.db.stage_sql(_SAVE_ENDPOINT, *endpoint_args(endpoint))

    async def delete(self, endpoint_id: EndpointId, now: datetime) -> None:
        self.db.stage_sql(_CANCEL, endpoint_id, now)


class PostgresWebhookEvents(WebhookEvents):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def emit(self, event: WebhookEvent, only: EndpointId | None = None) -> None:
        data = _encoder.encode(event.data).decode()
        self.db.stage_sql(EMIT, event.id, event.client_id, event.type, event.created_at, data, only)

    async def list(self, where: EventFilter, page: PageRequest) -> list[WebhookEvent]:
        args: list[Any] = [where.client_id]
        conditions = ["client_id = $1"]
        for template, value in (
            ("type = ${}", where.type),
            ("session_id = ${}", where.session_id),
            ("created_at >= ${}", where.created_after),
        ):
            if value is not None:
                args.append(value)
                conditions.append(template.format(len(args)))
        if page.after is not None:
            args += [page.after.created_at, page.after.id]
            conditions.append(f"(created_at, id) < (${len(args) - 1}, ${len(args)})")
        args.append(page.limit + 1)
        rows = await self.db.fetch(
            "SELECT id, client_id, type, session_id, created_at, data FROM webhook_events"
            f" WHERE {' AND '.join(conditions)}"  # fixed fragments, $n values
            f" ORDER BY created_at DESC, id DESC LIMIT ${len(args)}",
            *args,
        )
        return [event(r) for r in rows]

    async def purge(self, before: datetime, limit: int) -> int:
        return len(await self.db.fetch_alone(_PURGE, before, limit))  # a short transaction


class PostgresWebhookDeliveries(WebhookDeliveries):
    """The dispatcher's claim and record statements are in ``webhook_dispatch``."""

    def __init__(self, db: Db) -> None:
        self.db = db

    async def get(self, delivery_id: WebhookDeliveryId) -> WebhookDelivery | None:
        row = await self.db.fetchrow(
            f"SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1", delivery_id
        )
        return None if row is None else delivery(row)

    async def list(
        self,
        endpoint_id: EndpointId,
        status: DeliveryStatus | None,
        event_type: str | None,
        page: PageRequest,
    ) -> list[WebhookDelivery]:
        args: list[Any] = [endpoint_id]
        conditions = ["endpoint_id = $1"]
        for template, value in (
            ("status = ${}", None if status is None else status.value),
            ("event_type = ${}", event_type),
        ):
            if value is not None:
                args.append(value)
                conditions.append(template.format(len(args)))
        if page.after is not None:
            args += [page.after.created_at, page.after.id]
            conditions.append(f"(created_at, id) < (${len(args) - 1}, ${len(args)})")
        args.append(page.limit + 1)
        rows = await self.db.fetch(
            f"SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries"  # fixed SQL
            f" WHERE {' AND '.join(conditions)}"
            f" ORDER BY created_at DESC, id DESC LIMIT ${len(args)}",
            *args,
        )
        return [delivery(r) for r in rows]

    async def retry(self, delivery_id: WebhookDeliveryId, now: datetime) -> WebhookDelivery:
        row = await self.db.fetchrow(_RETRY, delivery_id, now, writes=True)
        assert row is not None  # noqa: S101  # the use case read it in this request
        return delivery(row)

    async def stats(self) -> PendingStats:
        row = await self.db.fetchrow(_STATS)
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
        return await webhook_dispatch.claim(self.db, now, lease_until, limit, room, per_endpoint)

    async def record(self, attempt: AttemptRecord) -> bool:
        return await webhook_dispatch.record(self.db, attempt)
