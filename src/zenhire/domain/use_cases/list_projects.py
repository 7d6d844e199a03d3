"""A client's projects (operator)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.clients import Project
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.ownership import found
from zenhire.domain.pagination import Page, PageRequest, paginate
from zenhire.domain.ports.clients import Clients
from zenhire.domain.ports.projects import Projects
from zenhire.domain.use_cases.get_client import NO_SUCH_CLIENT


@dataclass(frozen=True, slots=True)
class ListProjectsQuery:
    client_id: ClientId
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListProjects:
    """A client's projects, newest first, keyset-paginated. Unknown client → NOT_FOUND."""

    clients: Clients
    projects: Projects

    async def __call__(self, query: ListProjectsQuery) -> Page[Project]:
        found(await self.clients.get(query.client_id), NO_SUCH_CLIENT)
        rows = await self.projects.list(query.client_id, query.page)
        return paginate(rows, query.page.limit)
