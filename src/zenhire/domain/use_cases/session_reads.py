"""Integrator reads of sessions: detail, list, audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session
from zenhire.domain.pagination import Page, PageRequest, paginate
from zenhire.domain.ports import Personas, SessionFilter, Sessions
from zenhire.domain.use_cases.access import owned_session


@dataclass(frozen=True, slots=True)
class SessionRef:
    client_id: ClientId
    session_id: SessionId


@dataclass(frozen=True, slots=True)
class SessionDetail:
    session: Session
    persona: Persona | None


@dataclass(frozen=True, slots=True, kw_only=True)
class GetSession:
    """One of the caller's sessions with its persona (404 unknown, 403 another client's)."""

    sessions: Sessions
    personas: Personas

    async def __call__(self, ref: SessionRef) -> SessionDetail:
        session = await owned_session(self.sessions, ref.session_id, ref.client_id)
        return SessionDetail(session, await self.personas.get(session.persona_id))


@dataclass(frozen=True, slots=True)
class ListSessionsQuery:
    where: SessionFilter
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListSessions:
    """The caller's sessions, newest first, filtered, keyset-paginated.

    ``tags`` must all be carried; ``metadata`` pairs match the value's JSON text without
    quotes; ``created_after`` is inclusive and ``created_before`` exclusive.
    """

    sessions: Sessions

    async def __call__(self, query: ListSessionsQuery) -> Page[Session]:
        rows = await self.sessions.list(query.where, query.page)
        return paginate(rows, query.page.limit)


@dataclass(frozen=True, slots=True, kw_only=True)
class ListSessionEvents:
    """A session's audit trail, oldest first (404 unknown, 403 another client's)."""

    sessions: Sessions

    async def __call__(self, ref: SessionRef) -> list[SessionEvent]:
        session = await owned_session(self.sessions, ref.session_id, ref.client_id)
        return await self.sessions.events(session.id)
