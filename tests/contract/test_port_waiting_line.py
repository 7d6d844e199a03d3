"""The ``WaitingLine`` port, specified once and run over the memory and PostgreSQL adapters."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from uuid import uuid4

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.admission import LineState, Waiter
from zenhire.domain.model.clients import Client
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.model.sessions import Session, SessionStatus
from zenhire.domain.ports import Credits, WaitingLine


async def state(world: World, client_id: ClientId) -> LineState | None:
    async with unit(world) as u:
        return await (await u.get(WaitingLine)).lock(client_id)


async def sessions_of(world: World, client: Client, count: int) -> list[Session]:
    persona = builders.persona(client.id, world.clock.now())
    made = [builders.session(client.id, persona.id, world.clock.now()) for _ in range(count)]
    await seed(world, persona, *made)
    return made


class TestWaitingLinePort:
    async def test_lock_reads_the_client_its_live_count_and_an_empty_line(
        self, store_world: World
    ) -> None:
        w = store_world
        now = w.clock.now()
        client = builders.client(now, max_concurrent_interviews=3)
        persona = builders.persona(client.id, now)
        live = [
            builders.session(
                client.id, persona.id, now, status=SessionStatus.ACTIVE, deadline_at=now
            )
            for _ in range(2)
        ]
        ended = builders.session(client.id, persona.id, now, status=SessionStatus.COMPLETED)
        await seed(w, client, persona, *live, ended)
        async with unit(w) as u:
            await (await u.get(Credits)).post(
                entry_id=uuid4(),
                client_id=client.id,
                kind=LedgerKind.GRANT,
                amount=9,
                session_id=None,
                reason=None,
                now=now,
            )
            await u.commit()
        assert await state(w, client.id) == LineState(replace(client, balance=9), 2, ())
        assert await state(w, ClientId(uuid4())) is None

    async def test_waiters_come_in_arrival_order_and_a_retry_keeps_its_place(
        self, store_world: World
    ) -> None:
        w = store_world
        client, other = builders.client(w.clock.now()), builders.client(w.clock.now())
        await seed(w, client, other)
        a, b, c = await sessions_of(w, client, 3)
        (foreign,) = await sessions_of(w, other, 1)
        t0 = w.clock.now()
        t1, t2 = t0 + timedelta(seconds=1), t0 + timedelta(seconds=2)
        async with unit(w) as u:
            line = await u.get(WaitingLine)
            await line.upsert(Waiter(client.id, b.id, t0, t0))
            await line.upsert(Waiter(client.id, a.id, t1, t1))
            await line.upsert(Waiter(other.id, foreign.id, t0, t0))
            await u.commit()
        async with unit(w) as u:
            line = await u.get(WaitingLine)
            await line.upsert(Waiter(client.id, c.id, t2, t2))
            await line.upsert(Waiter(client.id, b.id, t2, t2))  # a retry: last_seen moves on
            await u.commit()
        found = await state(w, client.id)
        assert found is not None
        assert found.waiters == (
            Waiter(client.id, b.id, t0, t2),
            Waiter(client.id, a.id, t1, t1),
            Waiter(client.id, c.id, t2, t2),
        )
        assert found.live == 0
        other_line = await state(w, other.id)
        assert other_line is not None
        assert other_line.waiters == (Waiter(other.id, foreign.id, t0, t0),)

    async def test_a_waiter_removed_and_added_again_under_the_lock_joins_at_the_end(
        self, store_world: World
    ) -> None:
        """What a hold-off of a candidate who had dropped out writes: its stale row removed,
        a new one added, after the admission lock (on PostgreSQL, as one statement)."""
        w = store_world
        client = builders.client(w.clock.now())
        await seed(w, client)
        a, b = await sessions_of(w, client, 2)
        t0 = w.clock.now()
        t1, t2 = t0 + timedelta(seconds=1), t0 + timedelta(seconds=60)
        async with unit(w) as u:
            line = await u.get(WaitingLine)
            await line.upsert(Waiter(client.id, a.id, t0, t0))
            await line.upsert(Waiter(client.id, b.id, t1, t1))
            await u.commit()
        async with unit(w) as u:
            line = await u.get(WaitingLine)
            assert await line.lock(client.id) is not None
            await line.remove(client.id, [a.id])
            await line.upsert(Waiter(client.id, a.id, t2, t2))
            await u.commit()
        found = await state(w, client.id)
        assert found is not None
        assert found.waiters == (Waiter(client.id, b.id, t1, t1), Waiter(client.id, a.id, t2, t2))

    async def test_remove_takes_out_only_the_named_waiters_of_that_client(
        self, store_world: World
    ) -> None:
        w = store_world
        client, other = builders.client(w.clock.now()), builders.client(w.clock.now())
        await seed(w, client, other)
        a, b, c = await sessions_of(w, client, 3)
        (foreign,) = await sessions_of(w, other, 1)
        now = w.clock.now()
        async with unit(w) as u:
            line = await u.get(WaitingLine)
            for waiter in (a, b, c):
                await line.upsert(Waiter(client.id, waiter.id, now, now))
            await line.upsert(Waiter(other.id, foreign.id, now, now))
            await u.commit()
        async with unit(w) as u:
            line = await u.get(WaitingLine)
            await line.remove(client.id, [a.id, c.id, foreign.id])  # foreign: not this line
            await line.remove(client.id, [])
            await u.commit()
        mine, theirs = await state(w, client.id), await state(w, other.id)
        assert mine is not None
        assert theirs is not None
        assert [x.session_id for x in mine.waiters] == [b.id]
        assert [x.session_id for x in theirs.waiters] == [foreign.id]

    async def test_drop_stale_removes_at_most_limit_waiters_last_seen_before_the_cutoff(
        self, store_world: World
    ) -> None:
        w = store_world
        client, other = builders.client(w.clock.now()), builders.client(w.clock.now())
        await seed(w, client, other)
        sessions = await sessions_of(w, client, 3)
        (foreign,) = await sessions_of(w, other, 1)
        cutoff = w.clock.now()
        old = cutoff - timedelta(seconds=1)
        async with unit(w) as u:
            line = await u.get(WaitingLine)
            await line.upsert(Waiter(client.id, sessions[0].id, old, old))
            await line.upsert(Waiter(client.id, sessions[1].id, old, cutoff))  # seen at cutoff
            await line.upsert(Waiter(client.id, sessions[2].id, old, old))
            await line.upsert(Waiter(other.id, foreign.id, old, old))
            await u.commit()
        async with unit(w) as u:
            line = await u.get(WaitingLine)
            counts = [await line.drop_stale(cutoff, 2) for _ in range(3)]
            await u.commit()
        assert counts == [2, 1, 0]
        mine, theirs = await state(w, client.id), await state(w, other.id)
        assert mine is not None
        assert theirs is not None
        assert [x.session_id for x in mine.waiters] == [sessions[1].id]
        assert theirs.waiters == ()

    async def test_line_changes_left_uncommitted_are_rolled_back(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        await seed(w, client)
        kept, added = await sessions_of(w, client, 2)
        now = w.clock.now()
        async with unit(w) as u:
            await (await u.get(WaitingLine)).upsert(Waiter(client.id, kept.id, now, now))
            await u.commit()
        async with unit(w) as u:
            line = await u.get(WaitingLine)
            await line.upsert(Waiter(client.id, added.id, now, now))
            await line.remove(client.id, [kept.id])
            assert await line.drop_stale(now + timedelta(seconds=1), 10) == 1
        found = await state(w, client.id)
        assert found is not None
        assert found.waiters == (Waiter(client.id, kept.id, now, now),)
