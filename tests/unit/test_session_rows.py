"""A session's PostgreSQL row says each field once: the columns are the entity's fields by
name, and what is written reads back as the same session."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from uuid import uuid4

from tests.contract.builders import ended, session
from zenhire.adapters.postgres.session_rows import session as read_session
from zenhire.adapters.postgres.session_rows import session_args
from zenhire.adapters.postgres.tables import sessions
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
