"""``Sessions.list``: every filter, alone and together, and keyset pages, over both stores."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

import pytest

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.ids import ClientId, ProjectId
from zenhire.domain.model.sessions import Session, SessionStatus
from zenhire.domain.pagination import Cursor, PageRequest
from zenhire.domain.ports import SessionFilter, Sessions


class Rows:
    """Six sessions of one client a second apart (index 0 oldest), and one of another."""

    def __init__(self, world: World) -> None:
        self.world = world
        now = world.clock.now()
        self.client = builders.client(now)
        self.other = builders.client(now)
        self.project = builders.project(self.client.id, now)
        self.persona = builders.persona(self.client.id, now)
        self.persona_b = builders.persona(self.client.id, now)
        self.foreign_persona = builders.persona(self.other.id, now)
        shapes: list[dict[str, Any]] = [
            {"tags": ("x", "t0"), "metadata": {"n": 0, "s": "0", "flag": True}},
            {"tags": ("x", "t1"), "metadata": {"n": 1, "s": "1", "f": 1.5}, "candidate_ref": "c"},
            {"tags": None, "metadata": None, "project_id": self.project.id},
            {"tags": ("t3",), "metadata": {"n": 3, "flag": False}, "persona_id": self.persona_b.id},
            {"tags": ("x", "t4"), "metadata": {"n": 4, "s": "x"}, "status": SessionStatus.FAILED},
            {"tags": ("x",), "metadata": {"s": "3"}, "candidate_ref": "c"},
        ]
        self.sessions: list[Session] = []
        for shape in shapes:
            persona_id = shape.pop("persona_id", self.persona.id)
            shape.setdefault("candidate_ref", None)
            moment = world.clock.advance(1)
            self.sessions.append(builders.session(self.client.id, persona_id, moment, **shape))
        self.foreign = builders.session(self.other.id, self.foreign_persona.id, now)

    async def store(self) -> None:
        await seed(
            self.world,
            self.client,
            self.other,
            self.project,
            self.persona,
            self.persona_b,
            self.foreign_persona,
            *self.sessions,
            self.foreign,
        )

    def ids(self, *indexes: int) -> list[UUID]:
        return [self.sessions[i].id for i in indexes]

    async def listed(
        self, limit: int = 50, after: Session | None = None, **where: Any
    ) -> list[UUID]:
        where.setdefault("client_id", self.client.id)
        return await listed(self.world, limit, after, **where)


async def listed(
    world: World, limit: int = 50, after: Session | None = None, **where: Any
) -> list[UUID]:
    """Ids of ``Sessions.list`` for ``SessionFilter(**where)``, one page."""
    cursor = None if after is None else Cursor(after.created_at, after.id)
    async with unit(world) as u:
        rows = await (await u.get(Sessions)).list(
            SessionFilter(**where), PageRequest(limit, cursor)
        )
    return [s.id for s in rows]


@pytest.fixture
async def rows(store_world: World) -> Rows:
    built = Rows(store_world)
    await built.store()
    return built


class TestSessionList:
    async def test_newest_first_and_only_the_clients_own(self, rows: Rows) -> None:
        assert await rows.listed() == rows.ids(5, 4, 3, 2, 1, 0)
        assert await rows.listed(client_id=rows.other.id) == [rows.foreign.id]
        assert await rows.listed(client_id=ClientId(uuid4())) == []

    async def test_status(self, rows: Rows) -> None:
        assert await rows.listed(status=SessionStatus.FAILED) == rows.ids(4)
        assert await rows.listed(status=SessionStatus.INITIATED) == rows.ids(5, 3, 2, 1, 0)
        assert await rows.listed(status=SessionStatus.ACTIVE) == []

    async def test_persona_and_project(self, rows: Rows) -> None:
        assert await rows.listed(persona_id=rows.persona_b.id) == rows.ids(3)
        assert await rows.listed(persona_id=rows.persona.id) == rows.ids(5, 4, 2, 1, 0)
        assert await rows.listed(persona_id=rows.foreign_persona.id) == []
        assert await rows.listed(project_id=rows.project.id) == rows.ids(2)
        assert await rows.listed(project_id=ProjectId(uuid4())) == []

    async def test_candidate_ref_matches_exactly(self, rows: Rows) -> None:
        assert await rows.listed(candidate_ref="c") == rows.ids(5, 1)
        assert await rows.listed(candidate_ref="C") == []
        assert await rows.listed(candidate_ref="") == []

    async def test_tags_a_row_must_carry_every_given_tag(self, rows: Rows) -> None:
        assert await rows.listed(tags=("x",)) == rows.ids(5, 4, 1, 0)
        assert await rows.listed(tags=("x", "t1")) == rows.ids(1)
        assert await rows.listed(tags=("t1", "x")) == rows.ids(1)
        assert await rows.listed(tags=("t3",)) == rows.ids(3)
        assert await rows.listed(tags=("t3", "x")) == []
        assert await rows.listed(tags=("nope",)) == []

    async def test_metadata_compares_each_values_json_text(self, rows: Rows) -> None:
        assert await rows.listed(metadata=(("n", "1"),)) == rows.ids(1)
        assert await rows.listed(metadata=(("s", "3"),)) == rows.ids(5)  # a string "3"
        assert await rows.listed(metadata=(("n", "3"),)) == rows.ids(3)  # a number 3
        assert await rows.listed(metadata=(("f", "1.5"),)) == rows.ids(1)
        assert await rows.listed(metadata=(("flag", "true"),)) == rows.ids(0)
        assert await rows.listed(metadata=(("flag", "false"),)) == rows.ids(3)
        assert await rows.listed(metadata=(("flag", "True"),)) == []
        assert await rows.listed(metadata=(("n", "1"), ("s", "1"))) == rows.ids(1)
        assert await rows.listed(metadata=(("n", "1"), ("s", "0"))) == []
        assert await rows.listed(metadata=(("missing", "1"),)) == []

    async def test_created_after_is_inclusive_and_created_before_exclusive(
        self, rows: Rows
    ) -> None:
        at = [s.created_at for s in rows.sessions]
        assert await rows.listed(created_after=at[3]) == rows.ids(5, 4, 3)
        assert await rows.listed(created_before=at[2]) == rows.ids(1, 0)
        assert await rows.listed(created_after=at[1], created_before=at[4]) == rows.ids(3, 2, 1)
        assert await rows.listed(created_after=at[4], created_before=at[4]) == []
        assert await rows.listed(created_after=at[5] + (at[5] - at[4])) == []

    async def test_filters_combine(self, rows: Rows) -> None:
        assert await rows.listed(
            tags=("x",), metadata=(("s", "x"),), status=SessionStatus.FAILED
        ) == rows.ids(4)
        assert await rows.listed(
            tags=("x",), candidate_ref="c", created_after=rows.sessions[2].created_at
        ) == rows.ids(5)
        assert await rows.listed(tags=("x",), persona_id=rows.persona_b.id) == []

    async def test_pages_hold_limit_plus_one_rows_after_the_cursor(self, rows: Rows) -> None:
        assert await rows.listed(limit=2) == rows.ids(5, 4, 3)
        assert await rows.listed(limit=2, after=rows.sessions[4]) == rows.ids(3, 2, 1)
        assert await rows.listed(limit=2, after=rows.sessions[1]) == rows.ids(0)
        assert await rows.listed(after=rows.sessions[0]) == []
        assert await rows.listed(limit=1, tags=("x",), after=rows.sessions[4]) == rows.ids(1, 0)

    async def test_rows_of_one_instant_are_ordered_by_id(self, store_world: World) -> None:
        w = store_world
        now = w.clock.now()
        client = builders.client(now)
        persona = builders.persona(client.id, now)
        same = [builders.session(client.id, persona.id, now) for _ in range(4)]
        await seed(w, client, persona, *same)
        by_id = sorted(same, key=lambda s: s.id, reverse=True)
        assert await listed(w, client_id=client.id) == [s.id for s in by_id]
        assert await listed(w, 1, by_id[1], client_id=client.id) == [by_id[2].id, by_id[3].id]
