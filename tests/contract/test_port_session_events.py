"""A session's audit trail through the ``Sessions`` port, over both stores: events queued on
the entity are written with it, read back oldest first, and the sweeps write theirs."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.events import EventType, SessionEvent
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.ports import Sessions
from zenhire.domain.timefmt import iso


async def events(world: World, session_id: SessionId) -> list[SessionEvent]:
    async with unit(world) as u:
        return await (await u.get(Sessions)).events(session_id)


class TestSessionEvents:
    async def test_events_are_written_with_the_session_and_read_oldest_first(
        self, store_world: World
    ) -> None:
        w = store_world
        t0 = w.clock.now()
        client = builders.client(t0)
        persona = builders.persona(client.id, t0)
        session = builders.session(client.id, persona.id, t0)
        session.record(EventType.CREATED, t0, consent_mode="explicit", nested={"a": [1, 2.5]})
        await seed(w, client, persona)
        async with unit(w) as u:
            await (await u.get(Sessions)).add(session)
            assert session.pending_events == []  # written, so not written twice
            await u.commit()
        t1, t2 = w.clock.advance(10), w.clock.advance(10)
        session.admit(t1, 1800, "svc-1")
        session.reconnect(t2, None)
        async with unit(w) as u:
            await (await u.get(Sessions)).save(session)
            assert session.pending_events == []
            await u.commit()
        async with unit(w) as u:  # a save without new events adds none
            await (await u.get(Sessions)).save(session)
            await u.commit()
        assert await events(w, session.id) == [
            SessionEvent(
                session.id,
                EventType.CREATED,
                t0,
                {"consent_mode": "explicit", "nested": {"a": [1, 2.5]}},
            ),
            SessionEvent(
                session.id,
                EventType.ADMITTED,
                t1,
                {"deadline_at": iso(t1 + timedelta(seconds=1800))},
            ),
            SessionEvent(session.id, EventType.RECONNECTED, t2, {}),
        ]

    async def test_events_of_a_rolled_back_save_are_not_kept(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        session = builders.session(client.id, persona.id, w.clock.now())
        await seed(w, client, persona, session)
        session.admit(w.clock.now(), 60, None)
        async with unit(w) as u:
            await (await u.get(Sessions)).save(session)
        assert await events(w, session.id) == []

    async def test_each_session_has_its_own_trail(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        first, second = (builders.session(client.id, persona.id, w.clock.now()) for _ in "ab")
        first.record(EventType.CREATED, w.clock.now())
        second.record(EventType.CREATED, w.clock.now(), n=2)
        await seed(w, client, persona, first, second)
        async with unit(w) as u:
            sessions = await u.get(Sessions)
            await sessions.save_all([first, second])  # nothing pending: nothing added
            await u.commit()
        assert [e.data for e in await events(w, first.id)] == [{}]
        assert [e.data for e in await events(w, second.id)] == [{"n": 2}]
        assert await events(w, SessionId(uuid4())) == []

    async def test_sweeps_record_why_each_session_closed(self, store_world: World) -> None:
        w = store_world
        now = w.clock.now()
        client = builders.client(now)
        persona = builders.persona(client.id, now)
        deadline = now - timedelta(seconds=3)
        overdue = builders.session(
            client.id, persona.id, now, status=SessionStatus.ACTIVE, deadline_at=deadline
        )
        expires = now - timedelta(seconds=7)
        expired = builders.session(client.id, persona.id, now, expires_at=expires)
        overdue.record(EventType.ADMITTED, now - timedelta(hours=1))
        await seed(w, client, persona, overdue, expired)
        async with unit(w) as u:
            sessions = await u.get(Sessions)
            assert await sessions.time_out_overdue(now, 10) == 1
            assert await sessions.expire_links(now, 10) == 1
            await u.commit()
        assert [(e.type, e.at, e.data) for e in await events(w, overdue.id)] == [
            (EventType.ADMITTED, now - timedelta(hours=1), {}),
            (EventType.TIMED_OUT, now, {"deadline_at": iso(deadline)}),
        ]
        assert await events(w, expired.id) == [
            SessionEvent(expired.id, EventType.LINK_EXPIRED, now, {"expires_at": iso(expires)})
        ]
