"""The transactional outbox in SQL: webhook events written by the very statement that writes
the change they report, and one pending delivery per enabled, subscribed endpoint.

The session's summary is computed from the entity (``domain.webhooks.payloads``); the
persona's role and language are added in SQL from its row (they never change).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import msgspec

from zenhire.adapters.ids import Uuid7Ids
from zenhire.adapters.postgres.statements import write
from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.sessions import Session
from zenhire.domain.webhooks.model import WEBHOOK_TYPE_OF_AUDIT, WebhookEventType
from zenhire.domain.webhooks.payloads import session_summary

_DATA: Final = (
    "jsonb_build_object('session', v.summary"
    " || jsonb_build_object('role_name', p.role_name, 'language', p.language))"
)
# After a CTE ``outbox`` returning (id, client_id, type, created_at): the deliveries.
FAN_OUT: Final = """
INSERT INTO webhook_deliveries (id, event_id, event_type, endpoint_id, client_id, status,
                                next_attempt_at, created_at)
SELECT gen_random_uuid(), o.id, o.type, ep.id, ep.client_id, 'pending', o.created_at,
       o.created_at
FROM outbox AS o
JOIN webhook_endpoints AS ep
  ON ep.client_id = o.client_id AND ep.enabled AND ep.deleted_at IS NULL
 AND ('*' = ANY (ep.events) OR o.type = ANY (ep.events))
"""
_RETURNING: Final = "RETURNING id, client_id, type, created_at"
_encoder = msgspec.json.Encoder()
_ids = Uuid7Ids()


def _json(value: Any) -> str:
    return _encoder.encode(value).decode()


def session_outbox_args(session: Session, events: Sequence[SessionEvent]) -> list[Any]:
    """Four arguments per audit event, in step with ``events``: id, type, at, summary (JSON
    text); all four NULL for an event integrators do not hear of (a reconnect), which the
    statement skips. One row per audit event, heard of or not, keeps the statement's text a
    function of the event count alone: a reconnect runs the statement an admission already
    prepared on the connection instead of preparing its own (one round trip). Ids are
    time-ordered, so events of one instant list in the order they happened."""
    heard = [e.type in WEBHOOK_TYPE_OF_AUDIT for e in events]
    summary = _json(session_summary(session)) if any(heard) else None
    args: list[Any] = []
    for e, heard_of in zip(events, heard, strict=True):
        if heard_of:
            args += [_ids.new_id(), WEBHOOK_TYPE_OF_AUDIT[e.type].value, e.at, summary]
        else:
            args += [None, None, None, None]
    return args


def session_outbox(first: int, count: int, client: int, session: int, persona: int) -> str:
    """CTE ``outbox`` and the fan-out for ``count`` audit events whose arguments start at
    ``$first`` (see ``session_outbox_args``; rows with a NULL type are skipped);
    ``client``/``session``/``persona`` number the session's own parameters."""
    rows = ", ".join(
        f"(${first + 4 * i}::uuid, ${first + 4 * i + 1}::text,"
        f" ${first + 4 * i + 2}::timestamptz, ${first + 4 * i + 3}::jsonb)"
        for i in range(count)
    )
    return f"""outbox AS (
    INSERT INTO webhook_events (id, client_id, type, session_id, created_at, data)
    SELECT v.id, ${client}, v.type, ${session}, v.at, {_DATA}
    FROM (VALUES {rows}) AS v(id, type, at, summary) JOIN personas AS p ON p.id = ${persona}
    WHERE v.type IS NOT NULL
    {_RETURNING}
) {FAN_OUT}"""


# A sweeper batch's events, set-based: $1 session ids, $2 summaries, $3 client ids,
# $4 persona ids, $7 event ids (arrays in step), $5 the type, $6 the instant.
BATCH_OUTBOX: Final = write(f"""
WITH outbox AS (
    INSERT INTO webhook_events (id, client_id, type, session_id, created_at, data)
    SELECT v.id, v.client_id, $5, v.session_id, $6, {_DATA}
    FROM unnest($1::uuid[], $2::jsonb[], $3::uuid[], $4::uuid[], $7::uuid[])
         AS v(session_id, summary, client_id, persona_id, id)
    JOIN personas AS p ON p.id = v.persona_id
    {_RETURNING}
) {FAN_OUT}""")


def batch_outbox_args(
    closed: Sequence[Session], type_: WebhookEventType, at: Any
) -> tuple[Any, ...]:
    return (
        [s.id for s in closed],
        [_json(session_summary(s)) for s in closed],
        [s.client_id for s in closed],
        [s.persona_id for s in closed],
        type_.value,
        at,
        [_ids.new_id() for _ in closed],
    )


# One event not about a session's state ($1 id, $2 client, $3 type, $4 at, $5 data): fanned
# out to subscribed endpoints, or to endpoint $6 alone when it is not null (ping).
EMIT: Final = write("""
WITH outbox AS (
    INSERT INTO webhook_events (id, client_id, type, session_id, created_at, data)
    VALUES ($1, $2, $3, NULL, $4, $5::jsonb)
    RETURNING id, client_id, type, created_at
)
INSERT INTO webhook_deliveries (id, event_id, event_type, endpoint_id, client_id, status,
                                next_attempt_at, created_at)
SELECT gen_random_uuid(), o.id, o.type, ep.id, ep.client_id, 'pending', o.created_at,
       o.created_at
FROM outbox AS o
JOIN webhook_endpoints AS ep ON ep.client_id = o.client_id AND ep.deleted_at IS NULL
 AND CASE WHEN $6::uuid IS NULL
          THEN ep.enabled AND ('*' = ANY (ep.events) OR o.type = ANY (ep.events))
          ELSE ep.id = $6::uuid END
""")
