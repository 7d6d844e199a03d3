"""Names shown in place of ids (projects, personas) on the console's pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dishka import AsyncContainer

from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.personas import Persona
from zenhire.domain.pagination import PageRequest
from zenhire.domain.use_cases.admin_keys import ListProjects, ListProjectsQuery

LOOKUP_MAX = 100  # names beyond this many are shown as ids


async def project_names(scope: AsyncContainer, client_id: ClientId) -> dict[Any, str]:
    page = await (await scope.get(ListProjects))(
        ListProjectsQuery(client_id, PageRequest(LOOKUP_MAX))
    )
    return {p.id: p.name for p in page.items}


def persona_names(personas: Sequence[Persona]) -> dict[Any, str]:
    return {p.id: f"{p.role_name} ({p.language})" for p in personas}
