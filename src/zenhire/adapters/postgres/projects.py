"""Postgres adapter for projects."""

from __future__ import annotations

from typing import Final

from zenhire.adapters.postgres import rows
from zenhire.adapters.postgres.filters import Filters
from zenhire.adapters.postgres.statements import columns, read, write
from zenhire.adapters.postgres.tables import projects
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.clients import Project
from zenhire.domain.model.ids import ClientId, ProjectId
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import Projects

_COLUMNS: Final = columns(projects)
ADD: Final = write(f"INSERT INTO projects ({_COLUMNS}) VALUES ($1, $2, $3, $4)")
GET: Final = read(f"SELECT {_COLUMNS} FROM projects WHERE id = $1")
PAGE: Final = Filters(
    f"SELECT {_COLUMNS} FROM projects WHERE client_id = $1",
    "ORDER BY created_at DESC, id DESC LIMIT {}",
    after="(created_at, id) < ({}, {})",
)


class PostgresProjects(Projects):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, project: Project) -> None:
        await self.tx.execute(ADD, project.id, project.client_id, project.name, project.created_at)

    async def get(self, project_id: ProjectId) -> Project | None:
        row = await self.tx.fetchrow(GET, project_id)
        return None if row is None else rows.project(row)

    async def list(self, client_id: ClientId, page: PageRequest) -> list[Project]:
        query = PAGE.query(client_id)
        if page.after is not None:
            query.where("after", page.after.created_at, page.after.id)
        statement, args = query.finish(page.limit + 1)
        return [rows.project(r) for r in await self.tx.fetch(statement, *args)]
