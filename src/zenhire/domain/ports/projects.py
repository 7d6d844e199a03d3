"""Projects: attribution of a client's keys and sessions."""

from __future__ import annotations

from typing import Protocol

from zenhire.domain.model.clients import Project
from zenhire.domain.model.ids import ClientId, ProjectId
from zenhire.domain.pagination import PageRequest


class Projects(Protocol):
    async def add(self, project: Project) -> None:
        """Insert the project. No lock."""
        ...

    async def get(self, project_id: ProjectId) -> Project | None:
        """The project, or None. No lock."""
        ...

    async def list(self, client_id: ClientId, page: PageRequest) -> list[Project]:
        """The client's projects, newest first, after ``page.after``, at most
        ``page.limit + 1``. No lock."""
        ...
