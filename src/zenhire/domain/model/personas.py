"""Interviewer personas: a role and a language, reusable across sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from zenhire.domain.errors.resources import PersonaArchivedError
from zenhire.domain.model.ids import ClientId, PersonaId


class PersonaStatus(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"


@dataclass(slots=True)
class Persona:
    id: PersonaId
    client_id: ClientId
    role_name: str
    language: str
    system_prompt: str
    base_prompt_override: str | None
    status: PersonaStatus
    created_at: datetime
    updated_at: datetime

    @property
    def is_active(self) -> bool:
        return self.status is PersonaStatus.ACTIVE

    def ensure_active(self) -> None:
        """PERSONA_ARCHIVED: an archived persona starts no session and re-invites no one."""
        if not self.is_active:
            raise PersonaArchivedError()

    def archive(self, now: datetime) -> None:
        """Archive; idempotent (archiving twice keeps the first ``updated_at``)."""
        if self.status is PersonaStatus.ARCHIVED:
            return
        self.status = PersonaStatus.ARCHIVED
        self.updated_at = now


def require_active(persona: Persona | None) -> Persona:
    """PERSONA_ARCHIVED unless the persona is there and active (a session's persona is
    archived, never deleted; an absent one cannot start anything either)."""
    if persona is None:
        raise PersonaArchivedError()
    persona.ensure_active()
    return persona
