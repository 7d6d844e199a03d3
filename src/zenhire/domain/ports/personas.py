"""Interviewer personas."""

from __future__ import annotations

from typing import Protocol

from zenhire.domain.model.ids import ClientId, PersonaId
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.pagination import PageRequest


class Personas(Protocol):
    async def add(self, persona: Persona) -> None:
        """Insert the persona. No lock beyond the row written."""
        ...

    async def lock_active_count(self, client_id: ClientId) -> int:
        """Lock the client's row until the unit of work ends (the lock admissions and ledger
        postings take) and return its ``active`` personas, counted after the lock."""
        ...

    async def get(self, persona_id: PersonaId) -> Persona | None:
        """The persona, or None. No lock."""
        ...

    async def get_with_owner_balance(self, persona_id: PersonaId) -> tuple[Persona, int] | None:
        """The persona and its client's credit balance, read together; None when unknown.
        No lock."""
        ...

    async def update(self, persona: Persona) -> None:
        """Write the persona as given (it exists). No lock beyond the row written."""
        ...

    async def list(
        self, client_id: ClientId, status: PersonaStatus | None, page: PageRequest
    ) -> list[Persona]:
        """Newest first, after ``page.after``, at most ``page.limit + 1`` rows. No lock."""
        ...
