"""A session's row: read into the entity, and written with its new events in one statement."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, Final, Literal

import msgspec

from zenhire.adapters.postgres.rows import Row, from_json
from zenhire.adapters.postgres.statements import (
    DECLARED,
    Mode,
    Statement,
    columns,
    placeholders,
)
from zenhire.adapters.postgres.tables import sessions
from zenhire.adapters.postgres.webhook_outbox import session_outbox, session_outbox_args
from zenhire.domain.model.ids import ClientId, PersonaId, ProjectId, SessionId
from zenhire.domain.model.sessions import ConsentMode, Feedback, Session, SessionStatus

SESSION_COLUMNS: Final = columns(sessions)
_NAMES: Final = [c.name for c in sessions.c]
_ID: Final = _NAMES.index("id") + 1
_encoder = msgspec.json.Encoder()


def json_text(value: Any) -> str | None:
    """A jsonb parameter: JSON text (the connection's codec sends it as is)."""
    return None if value is None else _encoder.encode(value).decode()


def session(r: Row, prefix: str = "") -> Session:
    def v(name: str) -> Any:
        return r[prefix + name]

    feedback = from_json(v("feedback"))
    return Session(
        id=SessionId(v("id")),
        client_id=ClientId(v("client_id")),
        persona_id=PersonaId(v("persona_id")),
        project_id=ProjectId(v("project_id")) if v("project_id") else None,
        candidate_ref=v("candidate_ref"),
        consent_mode=ConsentMode(v("consent_mode")),
        tags=tuple(v("tags")) if v("tags") is not None else None,
        metadata=from_json(v("metadata")),
        token_digest=bytes(v("token_digest")),
        expires_at=v("expires_at"),
        created_at=v("created_at"),
        status=SessionStatus(v("status")),
        error_code=v("error_code"),
        source=v("source"),
        invite_count=v("invite_count"),
        started_at=v("started_at"),
        deadline_at=v("deadline_at"),
        ended_at=v("ended_at"),
        completed_at=v("completed_at"),
        duration_sec=v("duration_sec"),
        credit_charged=v("credit_charged"),
        recording_s3_key=v("recording_s3_key"),
        transcript_s3_key=v("transcript_s3_key"),
        interview_svc_session_id=v("interview_svc_session_id"),
        feedback=Feedback(feedback["rating"], feedback.get("comment")) if feedback else None,
    )


def _feedback_text(feedback: Feedback | None) -> str | None:
    if feedback is None:
        return None
    return json_text({"rating": feedback.rating, "comment": feedback.comment})


# The columns are the entity's fields by the same names (``tables.sessions``); a value is
# written as it is unless its field is here. (Reading stays spelled out above: it runs for
# every session a request reads, where a loop over the columns costs twice as much.)
_TO_COLUMN: Final[dict[str, Callable[[Any], Any]]] = {
    "consent_mode": lambda mode: mode.value,
    "status": lambda status: status.value,
    "tags": lambda tags: list(tags) if tags else None,
    "metadata": json_text,
    "feedback": _feedback_text,
}
_WRITING: Final = tuple((name, _TO_COLUMN.get(name)) for name in _NAMES)


def session_args(s: Session) -> list[Any]:
    """Column values in ``sessions`` declaration order, jsonb as JSON text."""
    return [put(getattr(s, n)) if put else getattr(s, n) for n, put in _WRITING]


Kind = Literal["insert", "update"]


@cache
def session_write(kind: Kind, events: int) -> Statement:
    """``INSERT`` or ``UPDATE`` of every session column, then ``events`` event rows and their
    webhook outbox entries (``webhook_outbox``), as one statement: ``$1…$n`` are the columns
    in declaration order, then four per event (session_id, type, at, data), then four per
    event for the outbox (NULL for an event no webhook reports). The text depends on the
    kind and the event count only, so writes of the same shape share one prepared statement
    per connection (an admission's and a reconnect's)."""
    n = len(_NAMES)
    if kind == "insert":
        write = f"INSERT INTO sessions ({SESSION_COLUMNS}) VALUES ({placeholders(n)})"
    else:
        sets = ", ".join(f"{c} = ${i + 1}" for i, c in enumerate(_NAMES) if c != "id")
        write = f"UPDATE sessions SET {sets} WHERE id = ${_ID}"
    if events == 0:
        return Statement(write, Mode.WRITE)
    rows = ", ".join(f"({placeholders(4, n + 4 * e + 1)})" for e in range(events))
    audit = f"INSERT INTO session_events (session_id, type, at, data) VALUES {rows}"
    column = {c: _NAMES.index(c) + 1 for c in ("client_id", "id", "persona_id")}
    outbox = session_outbox(
        n + 4 * events + 1, events, column["client_id"], column["id"], column["persona_id"]
    )
    return Statement(f"WITH written AS ({write}), audit AS ({audit}), {outbox}", Mode.WRITE)


def write(kind: Kind, session: Session) -> tuple[Statement, list[Any]]:
    """The statement writing ``session``, its pending events and their webhook outbox entries
    (the same statement: the same transaction), and its arguments; the events are then
    cleared (they are written)."""
    args = session_args(session)
    for e in session.pending_events:
        args += [e.session_id, e.type.value, e.at, json_text(e.data)]
    args += session_outbox_args(session, session.pending_events)
    statement = session_write(kind, len(session.pending_events))
    session.pending_events.clear()
    return statement, args


DECLARED.extend(session_write(kind, events) for kind in ("insert", "update") for events in (0, 2))
