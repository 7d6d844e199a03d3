"""Create an interviewer persona."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.errors.resources import PersonaLimitError
from zenhire.domain.model.ids import ClientId, PersonaId
from zenhire.domain.model.persona_prompts import default_system_prompt
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.policy import Policy
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.ids import Ids
from zenhire.domain.ports.personas import Personas
from zenhire.domain.ports.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreatePersonaCommand:
    client_id: ClientId
    role_name: str
    language: str
    system_prompt: str | None = None
    base_prompt_override: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CreatePersona:
    """Create a reusable interviewer persona for the caller's client.

    Without ``system_prompt`` the platform's template is filled with role and language. A
    client holds at most ``max_active_personas`` active personas: one more → PERSONA_LIMIT
    (``details.limit``; archive one first). The count is taken under the client's row lock,
    so racing creates never pass the cap.
    """

    personas: Personas
    uow: UnitOfWork
    ids: Ids
    clock: Clock
    policy: Policy

    async def __call__(self, command: CreatePersonaCommand) -> Persona:
        limit = self.policy.max_active_personas
        if await self.personas.lock_active_count(command.client_id) >= limit:
            raise PersonaLimitError(limit)
        now = self.clock.now()
        prompt = command.system_prompt
        if prompt is None:
            prompt = default_system_prompt(command.role_name, command.language)
        persona = Persona(
            id=PersonaId(self.ids.new_id()),
            client_id=command.client_id,
            role_name=command.role_name,
            language=command.language,
            system_prompt=prompt,
            base_prompt_override=command.base_prompt_override,
            status=PersonaStatus.ACTIVE,
            created_at=now,
            updated_at=now,
        )
        await self.personas.add(persona)
        await self.uow.commit()
        return persona
