"""Postgres adapter for sessions: rows, their events, the locked reads verify and complete
take, and the newest-first list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from zenhire.adapters.postgres import rows
from zenhire.adapters.postgres.filters import Filters
from zenhire.adapters.postgres.session_rows import SESSION_COLUMNS, session, write
from zenhire.adapters.postgres.statements import columns, lock, read
from zenhire.adapters.postgres.sweeps import SessionSweeps
from zenhire.adapters.postgres.tables import personas, sessions
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import SessionFilter, Sessions

GET: Final = read(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = $1")
GET_FOR_UPDATE: Final = lock(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = $1 FOR UPDATE")
# The session locked (its persona is read, not locked), persona columns prefixed "p_".
BY_TOKEN_FOR_UPDATE: Final = lock(
    f"SELECT {columns(sessions, 's')}, {columns(personas, 'p', label='p_')}"
    " FROM sessions AS s JOIN personas AS p ON p.id = s.persona_id"
    " WHERE s.token_digest = $1 FOR UPDATE OF s"
)
EVENTS: Final = read(
    "SELECT session_id, type, at, data FROM session_events WHERE session_id = $1 ORDER BY id"
)
# Every metadata pair must match as text (``->>``), however many the caller sent.
PAGE: Final = Filters(
    f"SELECT {SESSION_COLUMNS} FROM sessions WHERE client_id = $1",
    "ORDER BY created_at DESC, id DESC LIMIT {}",
    status="status = {}",
    persona_id="persona_id = {}",
    project_id="project_id = {}",
    candidate_ref="candidate_ref = {}",
    tags="tags @> {}::text[]",
    metadata="NOT EXISTS (SELECT FROM unnest({}::text[], {}::text[]) AS m(k, v)"
    " WHERE metadata ->> m.k IS DISTINCT FROM m.v)",
    created_after="created_at >= {}",
    created_before="created_at < {}",
    after="(created_at, id) < ({}, {})",
)


class PostgresSessions(SessionSweeps, Sessions):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, session: Session) -> None:
        statement, args = write("insert", session)
        self.tx.stage(statement, *args)

    async def get(self, session_id: SessionId) -> Session | None:
        row = await self.tx.fetchrow(GET, session_id)
        return None if row is None else session(row)

    async def get_for_update(self, session_id: SessionId) -> Session | None:
        row = await self.tx.fetchrow(GET_FOR_UPDATE, session_id)
        return None if row is None else session(row)

    async def find_by_token_for_update(self, digest: bytes) -> tuple[Session, Persona] | None:
        row = await self.tx.fetchrow(BY_TOKEN_FOR_UPDATE, digest)
        return None if row is None else (session(row), rows.persona(row, prefix="p_"))

    async def save(self, session: Session) -> None:
        statement, args = write("update", session)
        self.tx.stage(statement, *args)

    async def save_all(self, batch: Sequence[Session]) -> None:
        for one in batch:
            await self.save(one)

    async def events(self, session_id: SessionId) -> list[SessionEvent]:
        return [rows.event(r) for r in await self.tx.fetch(EVENTS, session_id)]

    async def list(self, where: SessionFilter, page: PageRequest) -> list[Session]:
        query = PAGE.query(where.client_id)
        if where.status is not None:
            query.where("status", where.status.value)
        if where.persona_id is not None:
            query.where("persona_id", where.persona_id)
        if where.project_id is not None:
            query.where("project_id", where.project_id)
        if where.candidate_ref is not None:
            query.where("candidate_ref", where.candidate_ref)
        if where.tags:
            query.where("tags", list(where.tags))
        if where.metadata:
            query.where("metadata", [k for k, _ in where.metadata], [v for _, v in where.metadata])
        if where.created_after is not None:
            query.where("created_after", where.created_after)
        if where.created_before is not None:
            query.where("created_before", where.created_before)
        if page.after is not None:
            query.where("after", page.after.created_at, page.after.id)
        statement, args = query.finish(page.limit + 1)
        return [session(r) for r in await self.tx.fetch(statement, *args)]
