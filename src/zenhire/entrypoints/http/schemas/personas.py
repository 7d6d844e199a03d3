"""Persona bodies."""

from __future__ import annotations

from uuid import UUID

import msgspec

from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.timefmt import iso
from zenhire.entrypoints.http.schemas.common import (
    Language,
    Out,
    RoleName,
    Strict,
    SystemPrompt,
    Timestamp,
)


class PersonaCreate(Strict):
    role_name: RoleName
    language: Language
    system_prompt: SystemPrompt | None = None
    base_prompt_override: SystemPrompt | None = None


class PersonaRow(Out):
    id: UUID
    client_id: UUID
    role_name: str
    language: str
    status: PersonaStatus
    created_at: Timestamp

    @classmethod
    def of(cls, p: Persona) -> PersonaRow:
        return cls(
            id=p.id,
            client_id=p.client_id,
            role_name=p.role_name,
            language=p.language,
            status=p.status,
            created_at=iso(p.created_at),
        )


class PersonaOut(PersonaRow):
    base_prompt_override: str | None
    system_prompt: str
    updated_at: Timestamp

    @classmethod
    def of(cls, p: Persona) -> PersonaOut:
        return cls(
            **msgspec.structs.asdict(PersonaRow.of(p)),
            base_prompt_override=p.base_prompt_override,
            system_prompt=p.system_prompt,
            updated_at=iso(p.updated_at),
        )


class PersonaPage(Out):
    data: list[PersonaRow]
    next_cursor: str | None
