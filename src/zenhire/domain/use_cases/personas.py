"""Persona use cases: create, read, list, archive."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.errors import PersonaLimitError
from zenhire.domain.model.ids import ClientId, PersonaId
from zenhire.domain.model.personas import Persona, PersonaStatus, default_system_prompt
from zenhire.domain.pagination import Page, PageRequest, paginate
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Clock, Ids, Personas, UnitOfWork
from zenhire.domain.use_cases.access import owned_persona


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


@dataclass(frozen=True, slots=True)
class PersonaRef:
    client_id: ClientId
    persona_id: PersonaId


@dataclass(frozen=True, slots=True, kw_only=True)
class GetPersona:
    """One of the caller's personas (404 unknown, 403 another client's)."""

    personas: Personas

    async def __call__(self, command: PersonaRef) -> Persona:
        return await owned_persona(self.personas, command.persona_id, command.client_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class ArchivePersona:
    """Archive one of the caller's personas; archived personas cannot start sessions.

    Idempotent: archiving an archived persona answers the same.
    """

    personas: Personas
    uow: UnitOfWork
    clock: Clock

    async def __call__(self, command: PersonaRef) -> Persona:
        persona = await owned_persona(self.personas, command.persona_id, command.client_id)
        persona.archive(self.clock.now())
        await self.personas.update(persona)
        await self.uow.commit()
        return persona


@dataclass(frozen=True, slots=True, kw_only=True)
class ListPersonasQuery:
    client_id: ClientId
    status: PersonaStatus | None
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListPersonas:
    """The caller's personas, newest first, keyset-paginated."""

    personas: Personas

    async def __call__(self, query: ListPersonasQuery) -> Page[Persona]:
        rows = await self.personas.list(query.client_id, query.status, query.page)
        return paginate(rows, query.page.limit)
