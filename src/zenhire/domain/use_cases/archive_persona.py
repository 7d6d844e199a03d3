"""Archive one of the caller's personas."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.ownership import owned
from zenhire.domain.model.personas import Persona
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.personas import Personas
from zenhire.domain.ports.unit_of_work import UnitOfWork
from zenhire.domain.use_cases.get_persona import PersonaRef


@dataclass(frozen=True, slots=True, kw_only=True)
class ArchivePersona:
    """Archive one of the caller's personas (404 unknown, 403 another client's); archived
    personas cannot start sessions. Idempotent: archiving an archived persona answers the same.
    """

    personas: Personas
    uow: UnitOfWork
    clock: Clock

    async def __call__(self, command: PersonaRef) -> Persona:
        persona = owned(await self.personas.get(command.persona_id), command.client_id)
        persona.archive(self.clock.now())
        await self.personas.update(persona)
        await self.uow.commit()
        return persona
