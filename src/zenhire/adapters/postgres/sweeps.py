"""The sweeper's batches: claim, close and return in one statement, events in another."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Final

from zenhire.adapters.postgres.session_rows import json_text, session
from zenhire.adapters.postgres.statements import Statement, columns, write
from zenhire.adapters.postgres.tables import sessions
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.adapters.postgres.webhook_outbox import BATCH_OUTBOX, batch_outbox_args
from zenhire.domain.model.events import EventType
from zenhire.domain.model.sessions import LINK_EXPIRED, SESSION_TIMEOUT
from zenhire.domain.model.sweep_event_data import link_expired_data, timed_out_data
from zenhire.domain.webhooks.model import WebhookEventType


def _close_due(status: str, due_column: str) -> str:
    """CTEs ``due`` (up to $2 sessions in ``status`` with ``due_column`` ≤ $1, skipping rows
    others hold) and ``closed`` (those set ``failed`` with error code $3 at $1, returning
    every session column and ``due_at``)."""
    return f"""
    due AS (
        SELECT id FROM sessions WHERE status = '{status}' AND {due_column} <= $1
        ORDER BY {due_column} LIMIT $2
        FOR UPDATE SKIP LOCKED
    ), closed AS (
        UPDATE sessions AS s SET status = 'failed', error_code = $3, ended_at = $1
        FROM due WHERE s.id = due.id
        RETURNING {columns(sessions, "s")}, s.{due_column} AS due_at
    )"""


TIME_OUT_OVERDUE: Final = write(f"WITH {_close_due('active', 'deadline_at')} SELECT * FROM closed")
# Expired links also leave the waiting line.
EXPIRE_LINKS: Final = write(f"""WITH {_close_due("initiated", "expires_at")}, left_line AS (
    DELETE FROM waiters AS w USING closed WHERE w.session_id = closed.id
)
SELECT * FROM closed""")
# One event per session of a batch, in one statement whatever the batch size.
EVENTS_OF_MANY: Final = write(
    "INSERT INTO session_events (session_id, type, at, data)"
    " SELECT unnest($1::uuid[]), $2, $3, unnest($4::jsonb[])"
)


class SessionSweeps:
    """The ``Sessions`` methods the sweeper calls; each batch is a few round trips, whatever
    its size: one statement closes it, one records its events, one its webhook outbox."""

    tx: Transaction

    async def time_out_overdue(self, now: datetime, limit: int) -> int:
        return await self._close_batch(
            TIME_OUT_OVERDUE, now, limit, SESSION_TIMEOUT, EventType.TIMED_OUT, timed_out_data
        )

    async def expire_links(self, now: datetime, limit: int) -> int:
        return await self._close_batch(
            EXPIRE_LINKS, now, limit, LINK_EXPIRED, EventType.LINK_EXPIRED, link_expired_data
        )

    async def _close_batch(
        self,
        statement: Statement,
        now: datetime,
        limit: int,
        error_code: str,
        event: EventType,
        data_of: Callable[[datetime | None], dict[str, Any]],
    ) -> int:
        closed = await self.tx.fetch(statement, now, limit, error_code)
        if closed:
            self.tx.stage(
                EVENTS_OF_MANY,
                [r["id"] for r in closed],
                event.value,
                now,
                [json_text(data_of(r["due_at"])) for r in closed],
            )
            self.tx.stage(  # the batch's webhook outbox, set-based, same transaction
                BATCH_OUTBOX,
                *batch_outbox_args(
                    [session(r) for r in closed], WebhookEventType.SESSION_FAILED, now
                ),
            )
        return len(closed)
