"""A session's row, its new events and their webhook outbox entries, written in one statement
(data-modifying CTEs)."""

from __future__ import annotations

from typing import Any, Literal

from zenhire.adapters.postgres import hot_sql, mapping
from zenhire.adapters.postgres.webhook_outbox import session_outbox_args
from zenhire.domain.model.sessions import Session


def session_write(kind: Literal["insert", "update"], session: Session) -> tuple[Any, ...]:
    """SQL and arguments writing ``session`` and its pending events (which are then cleared)."""
    args = hot_sql.session_args(mapping.session_values(session))
    for e in session.pending_events:
        args += [e.session_id, e.type.value, e.at, hot_sql.json_text(e.data)]
    outbox = session_outbox_args(session, session.pending_events)  # same statement: same tx
    args += outbox
    sql = hot_sql.session_write(kind, len(session.pending_events), len(outbox) // 4)
    session.pending_events.clear()
    return (sql, *args)
