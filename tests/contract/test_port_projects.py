"""The ``Projects`` port, specified once and run over the memory and PostgreSQL adapters."""

from __future__ import annotations

from uuid import uuid4

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.ids import ProjectId
from zenhire.domain.ports import Projects


class TestProjectsPort:
    async def test_a_project_reads_back_as_added(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        first = builders.project(client.id, w.clock.now(), name="Backend")
        second = builders.project(client.id, w.clock.advance(5), name="Frontend")
        await seed(w, client, first, second)
        async with unit(w) as u:
            projects = await u.get(Projects)
            assert await projects.get(first.id) == first
            assert await projects.get(second.id) == second
            assert await projects.get(ProjectId(uuid4())) is None

    async def test_a_project_left_uncommitted_is_not_kept(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        await seed(w, client)
        project = builders.project(client.id, w.clock.now())
        async with unit(w) as u:
            await (await u.get(Projects)).add(project)
        async with unit(w) as u:
            assert await (await u.get(Projects)).get(project.id) is None
