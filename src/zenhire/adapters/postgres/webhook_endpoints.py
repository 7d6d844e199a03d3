"""Postgres adapter for webhook endpoints (a deleted endpoint stays, marked, for its history)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from zenhire.adapters.postgres.statements import lock, read, write
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.adapters.postgres.webhook_rows import endpoint
from zenhire.domain.model.ids import ClientId
from zenhire.domain.ports.webhook_endpoints import WebhookEndpoints
from zenhire.domain.webhooks.model import EndpointId, WebhookEndpoint

_COLUMNS: Final = (
    "id, client_id, url, events, description, enabled, disabled_reason, secret,"
    " previous_secret, previous_secret_expires_at, failing_since, created_at, updated_at"
)
SAVE: Final = write(f"""
INSERT INTO webhook_endpoints ({_COLUMNS})
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (id) DO UPDATE SET url = $3, events = $4, description = $5, enabled = $6,
    disabled_reason = $7, secret = $8, previous_secret = $9, previous_secret_expires_at = $10,
    failing_since = $11, updated_at = $13
""")
_LIVE: Final = "deleted_at IS NULL"
# FOR NO KEY UPDATE, as everywhere the client row is locked (``waiting_line.LOCK_AND_READ``).
LOCK_CLIENT: Final = lock("SELECT 1 FROM clients WHERE id = $1 FOR NO KEY UPDATE")
COUNT: Final = read(f"SELECT count(*) AS n FROM webhook_endpoints WHERE client_id = $1 AND {_LIVE}")
GET: Final = read(f"SELECT {_COLUMNS} FROM webhook_endpoints WHERE id = $1 AND {_LIVE}")
LIST: Final = read(
    f"SELECT {_COLUMNS} FROM webhook_endpoints WHERE client_id = $1 AND {_LIVE}"
    " ORDER BY created_at DESC, id DESC"
)
# Deleting an endpoint cancels what it still had pending, in the same statement.
CANCEL: Final = write("""
WITH gone AS (UPDATE webhook_endpoints SET deleted_at = $2 WHERE id = $1)
UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL
WHERE endpoint_id = $1 AND status = 'pending'
""")


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
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def lock_count(self, client_id: ClientId) -> int:
        await self.tx.fetchrow(LOCK_CLIENT, client_id)
        row = await self.tx.fetchrow(COUNT, client_id)
        return int(row["n"]) if row else 0

    async def add(self, endpoint: WebhookEndpoint) -> None:
        await self.save(endpoint)

    async def get(self, endpoint_id: EndpointId) -> WebhookEndpoint | None:
        row = await self.tx.fetchrow(GET, endpoint_id)
        return None if row is None else endpoint(row)

    async def list(self, client_id: ClientId) -> list[WebhookEndpoint]:
        return [endpoint(r) for r in await self.tx.fetch(LIST, client_id)]

    async def save(self, endpoint: WebhookEndpoint) -> None:
        self.tx.stage(SAVE, *endpoint_args(endpoint))

    async def delete(self, endpoint_id: EndpointId, now: datetime) -> None:
        self.tx.stage(CANCEL, endpoint_id, now)
