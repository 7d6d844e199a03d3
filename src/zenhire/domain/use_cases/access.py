"""Ownership checks shared by the use cases: 404 before 403, as the contract orders them."""

from __future__ import annotations

from zenhire.domain.errors import NotFoundError, ResourceForbiddenError
from zenhire.domain.model.ids import ClientId, PersonaId, SessionId
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session
from zenhire.domain.ports import Personas, Sessions


def owned(resource: Persona | Session | None, client_id: ClientId | None) -> None:
    """Raise NOT_FOUND for None, RESOURCE_FORBIDDEN for another client's (None = operator)."""
    if resource is None:
        raise NotFoundError()
    if client_id is not None and resource.client_id != client_id:
        raise ResourceForbiddenError()


async def owned_persona(personas: Personas, persona_id: PersonaId, client_id: ClientId) -> Persona:
    persona = await personas.get(persona_id)
    owned(persona, client_id)
    assert persona is not None  # noqa: S101  # narrowed by owned()
    return persona


async def owned_session(
    sessions: Sessions, session_id: SessionId, client_id: ClientId | None, *, lock: bool = False
) -> Session:
    """The session, locked when asked; ``client_id`` None skips the ownership check (operator)."""
    session = await (sessions.get_for_update if lock else sessions.get)(session_id)
    owned(session, client_id)
    assert session is not None  # noqa: S101  # narrowed by owned()
    return session
