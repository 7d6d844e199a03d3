"""Read one of the caller's personas."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.ids import ClientId, PersonaId
from zenhire.domain.model.ownership import owned
from zenhire.domain.model.personas import Persona
from zenhire.domain.ports.personas import Personas


@dataclass(frozen=True, slots=True)
class PersonaRef:
    client_id: ClientId
    persona_id: PersonaId


@dataclass(frozen=True, slots=True, kw_only=True)
class GetPersona:
    """One of the caller's personas (404 unknown, 403 another client's)."""

    personas: Personas

    async def __call__(self, command: PersonaRef) -> Persona:
        return owned(await self.personas.get(command.persona_id), command.client_id)
