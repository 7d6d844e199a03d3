"""Create a project under a client (operator)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.clients import Project
from zenhire.domain.model.ids import ClientId, ProjectId
from zenhire.domain.model.ownership import found
from zenhire.domain.ports.clients import Clients
from zenhire.domain.ports.clock import Clock
from zenhire.domain.ports.ids import Ids
from zenhire.domain.ports.projects import Projects
from zenhire.domain.ports.unit_of_work import UnitOfWork
from zenhire.domain.use_cases.get_client import NO_SUCH_CLIENT


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateProjectCommand:
    client_id: ClientId
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateProject:
    """Create a project (attribution only) under an existing client (else NOT_FOUND)."""

    clients: Clients
    projects: Projects
    ids: Ids
    clock: Clock
    uow: UnitOfWork

    async def __call__(self, command: CreateProjectCommand) -> Project:
        found(await self.clients.get(command.client_id), NO_SUCH_CLIENT)
        project = Project(
            ProjectId(self.ids.new_id()), command.client_id, command.name, self.clock.now()
        )
        await self.projects.add(project)
        await self.uow.commit()
        return project
