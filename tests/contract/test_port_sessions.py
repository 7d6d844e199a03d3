"""The ``Sessions`` port, specified once and run over the memory and PostgreSQL adapters.

Its events are specified in test_port_session_events.py, its list filters in
test_port_session_list.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from uuid import uuid4

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.admission import Waiter
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.sessions import (
    LINK_EXPIRED,
    SESSION_TIMEOUT,
    Session,
    SessionStatus,
)
from zenhire.domain.ports import Sessions, WaitingLine


async def read(world: World, session_id: SessionId) -> Session | None:
    async with unit(world) as u:
        return await (await u.get(Sessions)).get(session_id)


class TestSessionsPort:
    async def test_a_session_reads_back_as_added(self, store_world: World) -> None:
        w = store_world
        now = w.clock.now()
        client = builders.client(now)
        project = builders.project(client.id, now)
        persona = builders.persona(client.id, now)
        full = builders.ended(
            builders.session(client.id, persona.id, now, project_id=project.id), now
        )
        bare = builders.session(
            client.id, persona.id, now, candidate_ref=None, tags=None, metadata=None
        )
        await seed(w, client, project, persona, full, bare)
        for added in (full, bare):
            assert await read(w, added.id) == added
            async with unit(w) as u:
                assert await (await u.get(Sessions)).get_for_update(added.id) == added
        async with unit(w) as u:
            sessions = await u.get(Sessions)
            assert await sessions.get(SessionId(uuid4())) is None
            assert await sessions.get_for_update(SessionId(uuid4())) is None

    async def test_metadata_values_keep_their_json_types(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        metadata = {"int": 7, "float": 2.0, "neg": -0.25, "yes": True, "no": False, "s": "7"}
        session = builders.session(client.id, persona.id, w.clock.now(), metadata=metadata)
        await seed(w, client, persona, session)
        found = await read(w, session.id)
        assert found is not None
        assert found.metadata == metadata
        assert {k: type(v) for k, v in found.metadata.items()} == {
            k: type(v) for k, v in metadata.items()
        }

    async def test_no_tags_read_back_as_no_tags(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        session = builders.session(client.id, persona.id, w.clock.now(), tags=())
        await seed(w, client, persona, session)
        found = await read(w, session.id)
        assert found is not None
        assert not found.tags  # () or None: both are "no tags" (the API answers null)

    async def test_save_writes_the_new_state(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        session, other = (builders.session(client.id, persona.id, w.clock.now()) for _ in "ab")
        await seed(w, client, persona, session, other)
        async with unit(w) as u:
            sessions = await u.get(Sessions)
            locked = await sessions.get_for_update(session.id)
            assert locked is not None
            locked.admit(w.clock.advance(5), 1800, "svc-9")
            await sessions.save(locked)
            await u.commit()
        assert await read(w, session.id) == locked
        assert locked.status is SessionStatus.ACTIVE
        assert locked.deadline_at == w.clock.now() + timedelta(seconds=1800)
        assert await read(w, other.id) == other

    async def test_save_all_writes_every_session(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        batch = [builders.session(client.id, persona.id, w.clock.now()) for _ in range(3)]
        await seed(w, client, persona, *batch)
        now = w.clock.advance(10)
        for s in batch:
            s.admit(now, 60, None)
        async with unit(w) as u:
            await (await u.get(Sessions)).save_all(batch)
            await (await u.get(Sessions)).save_all([])
            await u.commit()
        assert [await read(w, s.id) for s in batch] == batch

    async def test_a_save_left_uncommitted_is_rolled_back(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        session = builders.session(client.id, persona.id, w.clock.now())
        await seed(w, client, persona, session)
        changed = replace(session)
        changed.admit(w.clock.now(), 60, None)
        async with unit(w) as u:
            await (await u.get(Sessions)).save(changed)
        assert await read(w, session.id) == session

    async def test_the_current_link_finds_the_session_and_its_persona(
        self, store_world: World
    ) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        session = builders.session(client.id, persona.id, w.clock.now())
        await seed(w, client, persona, session)
        old = session.token_digest
        async with unit(w) as u:
            sessions = await u.get(Sessions)
            assert await sessions.find_by_token_for_update(old) == (session, persona)
            assert await sessions.find_by_token_for_update(builders.digest("nope")) is None
            session.refresh_link(w.clock.advance(1), builders.digest("fresh"), 3600)
            await sessions.save(session)
            await u.commit()
        async with unit(w) as u:
            sessions = await u.get(Sessions)
            assert await sessions.find_by_token_for_update(old) is None
            found = await sessions.find_by_token_for_update(builders.digest("fresh"))
        assert found == (session, persona)
        assert found[0].expires_at == w.clock.now() + timedelta(seconds=3600)

    async def test_time_out_overdue_closes_active_sessions_at_or_past_their_deadline(
        self, store_world: World
    ) -> None:
        w = store_world
        now = w.clock.now()
        client = builders.client(now)
        persona = builders.persona(client.id, now)

        def active(deadline_in: int) -> Session:
            return builders.session(
                client.id,
                persona.id,
                now,
                status=SessionStatus.ACTIVE,
                started_at=now,
                deadline_at=now + timedelta(seconds=deadline_in),
            )

        due = [active(-30), active(-20), active(0)]
        early = active(1)
        idle = builders.session(client.id, persona.id, now, expires_at=now)  # not active
        await seed(w, client, persona, *due, early, idle)
        async with unit(w) as u:
            sessions = await u.get(Sessions)
            counts = [await sessions.time_out_overdue(now, 2) for _ in range(3)]
            await u.commit()
        assert counts == [2, 1, 0]
        for s in due:
            closed = await read(w, s.id)
            assert closed is not None
            assert (closed.status, closed.error_code, closed.ended_at) == (
                SessionStatus.FAILED,
                SESSION_TIMEOUT,
                now,
            )
            assert closed.deadline_at == s.deadline_at
        assert await read(w, early.id) == early
        assert await read(w, idle.id) == idle

    async def test_a_sweep_left_uncommitted_closes_nothing(self, store_world: World) -> None:
        w = store_world
        now = w.clock.now()
        client = builders.client(now)
        persona = builders.persona(client.id, now)
        overdue = builders.session(
            client.id, persona.id, now, status=SessionStatus.ACTIVE, deadline_at=now
        )
        expired = builders.session(client.id, persona.id, now, expires_at=now)
        await seed(w, client, persona, overdue, expired)
        async with unit(w) as u:
            sessions = await u.get(Sessions)
            assert await sessions.time_out_overdue(now, 10) == 1
            assert await sessions.expire_links(now, 10) == 1
        assert await read(w, overdue.id) == overdue
        assert await read(w, expired.id) == expired

    async def test_expire_links_closes_initiated_sessions_and_takes_them_out_of_the_line(
        self, store_world: World
    ) -> None:
        w = store_world
        now = w.clock.now()
        client = builders.client(now, max_concurrent_interviews=1)
        persona = builders.persona(client.id, now)

        def initiated(expires_in: int) -> Session:
            return builders.session(
                client.id, persona.id, now, expires_at=now + timedelta(seconds=expires_in)
            )

        due = [initiated(-60), initiated(0), initiated(-1)]
        valid = initiated(1)
        running = builders.session(  # an admitted session whose link has expired stays live
            client.id,
            persona.id,
            now,
            expires_at=now - timedelta(seconds=5),
            status=SessionStatus.ACTIVE,
            deadline_at=now + timedelta(hours=1),
        )
        await seed(w, client, persona, *due, valid, running)
        async with unit(w) as u:
            line = await u.get(WaitingLine)
            for s in (due[0], valid, due[1]):
                await line.upsert(Waiter(client.id, s.id, now, now))
            await u.commit()
        async with unit(w) as u:
            sessions = await u.get(Sessions)
            counts = [await sessions.expire_links(now, 2) for _ in range(3)]
            await u.commit()
        assert counts == [2, 1, 0]
        for s in due:
            closed = await read(w, s.id)
            assert closed is not None
            assert (closed.status, closed.error_code, closed.ended_at) == (
                SessionStatus.FAILED,
                LINK_EXPIRED,
                now,
            )
        assert await read(w, valid.id) == valid
        assert await read(w, running.id) == running
        async with unit(w) as u:
            state = await (await u.get(WaitingLine)).lock(client.id)
        assert state is not None
        assert [waiter.session_id for waiter in state.waiters] == [valid.id]
