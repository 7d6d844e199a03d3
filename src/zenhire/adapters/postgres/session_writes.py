"""A session's row and its new events, written in one statement (a data-modifying CTE)."""

from __future__ import annotations

from typing import Any, Literal

from zenhire.adapters.postgres import hot_sql, mapping
from zenhire.domain.model.sessions import Session


def session_write(kind: Literal["insert", "update"], session: Session) -> tuple[Any, ...]:
    """SQL and arguments writing ``session`` and its pending events (which are then cleared)."""
    args = hot_sql.session_args(mapping.session_values(session))
    for e in session.pending_events:
        args += [e.session_id, e.type.value, e.at, hot_sql.json_text(e.data)]
    sql = hot_sql.session_write(kind, len(session.pending_events))
    session.pending_events.clear()
    return (sql, *args)
