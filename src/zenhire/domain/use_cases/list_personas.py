"""List the caller's personas."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.pagination import Page, PageRequest, paginate
from zenhire.domain.ports.personas import Personas


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
