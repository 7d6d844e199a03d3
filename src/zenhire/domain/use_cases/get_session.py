"""Read one of the caller's sessions, with its persona."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.model.ownership import owned
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session
from zenhire.domain.ports.personas import Personas
from zenhire.domain.ports.sessions import Sessions


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
        session = owned(await self.sessions.get(ref.session_id), ref.client_id)
        return SessionDetail(session, await self.personas.get(session.persona_id))
