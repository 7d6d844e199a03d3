"""A session's PostgreSQL row says each field once: the columns are the entity's fields by
name, and what is written reads back as the same session; the statement that writes it
depends on its shape alone."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from uuid import uuid4

from tests.contract.builders import ended, session
from zenhire.adapters.postgres.session_rows import session as read_session
from zenhire.adapters.postgres.session_rows import session_args, write
from zenhire.adapters.postgres.tables import sessions
from zenhire.domain.model.events import EventType
from zenhire.domain.model.sessions import Feedback, Session


def test_the_columns_are_the_fields_of_a_session() -> None:
    fields = {f.name for f in dataclasses.fields(Session) if f.name != "pending_events"}
    assert {c.name for c in sessions.c} == fields


def test_a_written_session_reads_back_the_same() -> None:
    at = datetime(2026, 5, 29, 10, tzinfo=UTC)
    written = dataclasses.replace(
        ended(session(uuid4(), uuid4(), at, tags=("a", "b"), metadata={"k": 1}), at),
        feedback=Feedback(4, "clear"),
    )
    bare = session(uuid4(), uuid4(), at)
    for s in (written, bare):
        row = dict(zip([c.name for c in sessions.c], session_args(s), strict=True))
        assert read_session(row) == s


def test_a_reconnect_is_written_by_the_statement_an_admission_prepared() -> None:
    """The text depends on the kind of write and the number of events, not on which of them
    a webhook reports: the reconnect's outbox arguments are NULL, skipped in SQL."""
    at = datetime(2026, 5, 29, 10, tzinfo=UTC)
    written = []
    for type_ in (EventType.ADMITTED, EventType.RECONNECTED):
        s = session(uuid4(), uuid4(), at)
        s.record(type_, at)
        written.append(write("update", s))
    (admitted, admitted_args), (reconnected, reconnected_args) = written
    assert reconnected == admitted
    assert len(reconnected_args) == len(admitted_args)
    assert reconnected_args[-4:] == [None] * 4
    assert None not in admitted_args[-4:]
