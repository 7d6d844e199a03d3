"""The dispatcher's two statements: claim due deliveries, record an attempt's outcome.

A claim takes, per enabled endpoint, its oldest due deliveries up to the room this process
has for it (``FOR UPDATE SKIP LOCKED``: concurrent claimers in any process take disjoint
rows), pushes their ``next_attempt_at`` to the lease's end and stamps a fresh claim token. It
commits at once; no lock is held while the receiver answers. The outcome is written only if
the token is still the delivery's (a manual retry or a claim after the lease voids it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Final

from zenhire.adapters.postgres.statements import write
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.adapters.postgres.webhook_rows import DELIVERY_COLUMNS, delivery, endpoint, event
from zenhire.domain.webhooks.model import EndpointId
from zenhire.domain.webhooks.ports import AttemptRecord, Claim

_EP: Final = (
    "id, client_id, url, events, description, enabled, disabled_reason, secret,"
    " previous_secret, previous_secret_expires_at, failing_since, created_at, updated_at"
)
# $1 now, $2 lease end, $3 limit, $4/$5 endpoints with their room, $6 default room.
CLAIM: Final = write(f"""
WITH room AS (
    SELECT * FROM unnest($4::uuid[], $5::int[]) AS r(endpoint_id, room)
), chosen AS (
    SELECT d.id
    FROM webhook_endpoints AS ep
    LEFT JOIN room ON room.endpoint_id = ep.id
    CROSS JOIN LATERAL (
        SELECT id FROM webhook_deliveries
        WHERE endpoint_id = ep.id AND status = 'pending' AND next_attempt_at <= $1
        ORDER BY next_attempt_at
        LIMIT coalesce(room.room, $6)
        FOR UPDATE SKIP LOCKED
    ) AS d
    WHERE ep.enabled AND ep.deleted_at IS NULL AND coalesce(room.room, $6) > 0
    LIMIT $3
), claimed AS (
    UPDATE webhook_deliveries AS w
    SET next_attempt_at = $2, claim_token = nextval('webhook_claim_tokens')
    FROM chosen WHERE w.id = chosen.id
    RETURNING {", ".join("w." + c.strip() for c in DELIVERY_COLUMNS.split(","))},
              w.claim_token
)
SELECT c.*,
       {", ".join(f"ep.{c.strip()} AS ep_{c.strip()}" for c in _EP.split(","))},
       ev.id AS ev_id, ev.client_id AS ev_client_id, ev.type AS ev_type,
       ev.session_id AS ev_session_id, ev.created_at AS ev_created_at, ev.data AS ev_data
FROM claimed AS c
JOIN webhook_endpoints AS ep ON ep.id = c.endpoint_id
JOIN webhook_events AS ev ON ev.id = c.event_id
""")
# $1 id, $2 token, $3 at, $4 delivered, $5 status code, $6 error, $7 next attempt,
# $8 disable when failing since this instant or earlier. The endpoint row is written only
# when its failing state changes, so a busy endpoint's row is not a point of contention.
RECORD: Final = write("""
WITH d AS (
    UPDATE webhook_deliveries
    SET status = CASE WHEN $4 THEN 'delivered' WHEN $7::timestamptz IS NULL THEN 'failed'
                      ELSE 'pending' END,
        attempts = attempts + 1, last_attempt_at = $3, last_status_code = $5,
        last_error = $6, next_attempt_at = $7,
        delivered_at = CASE WHEN $4 THEN $3 ELSE delivered_at END
    WHERE id = $1 AND claim_token = $2 AND status = 'pending'
    RETURNING endpoint_id
), ep AS (
    UPDATE webhook_endpoints AS ep
    SET failing_since = CASE WHEN $4 THEN NULL ELSE coalesce(ep.failing_since, $3) END,
        enabled = ep.enabled AND ($4 OR coalesce(ep.failing_since, $3) > $8),
        disabled_reason = CASE
            WHEN ep.enabled AND NOT $4 AND coalesce(ep.failing_since, $3) <= $8
            THEN 'FAILING_FOR_3_DAYS' ELSE ep.disabled_reason END,
        updated_at = CASE
            WHEN ep.enabled AND NOT $4 AND coalesce(ep.failing_since, $3) <= $8
            THEN $3 ELSE ep.updated_at END
    FROM d
    WHERE ep.id = d.endpoint_id AND CASE
        WHEN $4 THEN ep.failing_since IS NOT NULL
        ELSE ep.failing_since IS NULL OR (ep.enabled AND ep.failing_since <= $8) END
)
SELECT count(*) AS written FROM d
""")


async def claim(
    tx: Transaction,
    now: datetime,
    lease_until: datetime,
    limit: int,
    room: Mapping[EndpointId, int],
    per_endpoint: int,
) -> list[Claim]:
    rows = await tx.fetch(
        CLAIM, now, lease_until, limit, list(room), list(room.values()), per_endpoint
    )
    return [
        Claim(
            delivery=delivery(r),
            token=r["claim_token"],
            endpoint=endpoint(r, "ep_"),
            event=event(r, "ev_"),
        )
        for r in rows
    ]


async def record(tx: Transaction, a: AttemptRecord) -> bool:
    row = await tx.fetchrow(
        RECORD,
        a.delivery_id,
        a.token,
        a.at,
        a.delivered,
        a.status_code,
        a.error,
        a.next_attempt_at,
        a.disable_if_failing_since,
    )
    return row is not None and row["written"] == 1
