"""CloseExpired: timeouts, expired links, stale waiters, batches, idempotence."""

from __future__ import annotations

import asyncio

from tests.harness import World, token_of
from zenhire.domain.model.events import EventType
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.model.sweep_report import SweepReport
from zenhire.domain.use_cases.close_expired import CloseExpired
from zenhire.domain.use_cases.verify_token import VerifyToken, VerifyTokenCommand


class TestCloseExpired:
    async def test_closes_overdue_and_expired_only(self) -> None:
        world = World(sweep_batch_size=7)
        tenant = await world.tenant(cap=100)
        overdue = []
        for _ in range(20):
            issued = await world.start(tenant)
            await world.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
            overdue.append(issued.session.id)
        world.clock.advance(3000)
        fresh = []
        for _ in range(5):
            issued = await world.start(tenant)
            await world.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
            fresh.append(issued.session.id)
        world.clock.advance(600)  # the first 20 are past their deadline, the 5 are not
        report: SweepReport = await world.run(CloseExpired)
        assert report.timed_out == 20
        for i in overdue:
            s = world.store.sessions[i]
            assert (s.status, s.error_code, s.ended_at) == (
                SessionStatus.FAILED,
                "SESSION_TIMEOUT",
                world.clock.now(),
            )
            assert world.store.events[i][-1].type is EventType.TIMED_OUT
        assert all(world.store.sessions[i].status is SessionStatus.ACTIVE for i in fresh)
        assert (await world.run(CloseExpired)).total == 0  # idempotent

    async def test_expires_unused_links(self, world: World) -> None:
        tenant = await world.tenant()
        issued = await world.start(tenant)
        world.clock.advance(604_800 - 1)
        assert (await world.run(CloseExpired)).links_expired == 0
        world.clock.advance(1)
        assert (await world.run(CloseExpired)).links_expired == 1
        s = world.store.sessions[issued.session.id]
        assert (s.status, s.error_code) == (SessionStatus.FAILED, "LINK_EXPIRED")
        assert world.store.events[s.id][-1].type is EventType.LINK_EXPIRED

    async def test_concurrent_sweeps_close_each_once(self) -> None:
        world = World(sweep_batch_size=16)
        tenant = await world.tenant(cap=300)
        for _ in range(100):
            issued = await world.start(tenant)
            await world.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
        world.clock.advance(3600)
        reports = await asyncio.gather(*(world.run(CloseExpired) for _ in range(3)))
        assert sum(r.timed_out for r in reports) == 100
        for events in world.store.events.values():
            assert [e.type for e in events].count(EventType.TIMED_OUT) == 1

    async def test_drops_stale_waiters(self, world: World) -> None:
        tenant = await world.tenant(cap=1)
        a = token_of(await world.start(tenant))
        b = token_of(await world.start(tenant))
        await world.run(VerifyToken, VerifyTokenCommand(a))
        await world.run(VerifyToken, VerifyTokenCommand(b))
        assert len(world.store.waiters[tenant.client_id]) == 1
        world.clock.advance(16)
        assert (await world.run(CloseExpired)).waiters_dropped == 1
        assert world.store.waiters[tenant.client_id] == {}
