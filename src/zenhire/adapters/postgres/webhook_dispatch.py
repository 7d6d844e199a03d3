"""The dispatcher's two statements: claim due deliveries, record an attempt's outcome.

A claim takes, per enabled endpoint, its oldest due deliveries up to the room this process
has for it (``FOR UPDATE SKIP LOCKED``: concurrent claimers in any process take disjoint
rows), pushes their ``next_attempt_at`` to the lease's end and stamps a fresh claim token. It
commits at once; no lock is held while the receiver answers. The outcome is written only if
the token is still the delivery's (a manual retry or a claim after the lease voids it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final

from zenhire.adapters.postgres.statements import write
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.adapters.postgres.webhook_rows import DELIVERY_COLUMNS, delivery, endpoint, event
from zenhire.domain.ports.webhook_deliveries import AttemptRecord, Claim
from zenhire.domain.webhooks.model import EndpointId, WebhookDeliveryId

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
# Per attempt, arrays in step: $1 delivery, $2 token, $3 at, $4 delivered, $5 status code,
# $6 error, $7 next attempt, $8 disable when failing since this instant or earlier. The
# endpoint rows are written only when their failing state changes (a busy endpoint's row is
# not a point of contention), locked first in id order (two dispatchers' batches never wait
# for each other in a circle).
RECORD: Final = write("""
WITH a AS (
    SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::bool[], $5::int[],
                         $6::text[], $7::timestamptz[], $8::timestamptz[])
        AS a(id, token, at, delivered, code, error, next_at, disable_before)
), d AS (
    UPDATE webhook_deliveries AS w
    SET status = CASE WHEN a.delivered THEN 'delivered' WHEN a.next_at IS NULL THEN 'failed'
                      ELSE 'pending' END,
        attempts = w.attempts + 1, last_attempt_at = a.at, last_status_code = a.code,
        last_error = a.error, next_attempt_at = a.next_at,
        delivered_at = CASE WHEN a.delivered THEN a.at ELSE w.delivered_at END
    FROM a
    WHERE w.id = a.id AND w.claim_token = a.token AND w.status = 'pending'
    RETURNING w.id, w.endpoint_id, a.delivered, a.at, a.disable_before
), per AS (
    SELECT endpoint_id, bool_or(delivered) AS ok, min(at) AS first_at, max(at) AS last_at,
           max(disable_before) AS disable_before
    FROM d GROUP BY endpoint_id
), due AS (
    SELECT ep.id FROM webhook_endpoints AS ep JOIN per ON per.endpoint_id = ep.id
    WHERE CASE WHEN per.ok THEN ep.failing_since IS NOT NULL
               ELSE ep.failing_since IS NULL
                    OR (ep.enabled AND ep.failing_since <= per.disable_before) END
    ORDER BY ep.id
    FOR NO KEY UPDATE OF ep
), ep AS (
    UPDATE webhook_endpoints AS ep
    SET failing_since = CASE WHEN per.ok THEN NULL
                             ELSE coalesce(ep.failing_since, per.first_at) END,
        enabled = ep.enabled AND (per.ok
                                  OR coalesce(ep.failing_since, per.first_at)
                                     > per.disable_before),
        disabled_reason = CASE
            WHEN ep.enabled AND NOT per.ok
                 AND coalesce(ep.failing_since, per.first_at) <= per.disable_before
            THEN 'FAILING_FOR_3_DAYS' ELSE ep.disabled_reason END,
        updated_at = CASE
            WHEN ep.enabled AND NOT per.ok
                 AND coalesce(ep.failing_since, per.first_at) <= per.disable_before
            THEN per.last_at ELSE ep.updated_at END
    FROM per JOIN due ON due.id = per.endpoint_id
    WHERE ep.id = per.endpoint_id
)
SELECT id FROM d
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


async def record(tx: Transaction, attempts: Sequence[AttemptRecord]) -> set[WebhookDeliveryId]:
    if not attempts:
        return set()
    rows = await tx.fetch(
        RECORD,
        [a.delivery_id for a in attempts],
        [a.token for a in attempts],
        [a.at for a in attempts],
        [a.delivered for a in attempts],
        [a.status_code for a in attempts],
        [a.error for a in attempts],
        [a.next_attempt_at for a in attempts],
        [a.disable_if_failing_since for a in attempts],
    )
    return {WebhookDeliveryId(r["id"]) for r in rows}
