"""VerifyToken: decision order, TTL edge, reconnect, deadline, cap and FIFO line."""

from __future__ import annotations

import asyncio
import copy

import pytest

from tests.harness import Tenant, World, token_of
from zenhire.domain import errors
from zenhire.domain.model.events import EventType
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.use_cases.admin_clients import (
    PostCredits,
    PostCreditsCommand,
    UpdateClient,
    UpdateClientCommand,
)
from zenhire.domain.use_cases.complete_session import CompleteSession, CompleteSessionCommand
from zenhire.domain.use_cases.verify_token import Admitted, Queued, VerifyToken, VerifyTokenCommand


async def verify(world: World, token: str, svc: str | None = None) -> Admitted | Queued:
    outcome: Admitted | Queued = await world.run(VerifyToken, VerifyTokenCommand(token, svc))
    return outcome


async def started(world: World, tenant: Tenant, n: int) -> list[str]:
    return [token_of(await world.start(tenant)) for _ in range(n)]


def live(world: World, tenant: Tenant) -> int:
    return sum(
        1
        for s in world.store.sessions.values()
        if s.client_id == tenant.client_id and s.status is SessionStatus.ACTIVE
    )


class TestVerifyToken:
    async def test_admits_and_sets_deadline(self, world: World) -> None:
        tenant = await world.tenant()
        (token,) = await started(world, tenant, 1)
        outcome = await verify(world, token, "ses_1")
        assert isinstance(outcome, Admitted)
        assert outcome.reconnect is False
        s = world.store.sessions[outcome.session.id]
        assert s.status is SessionStatus.ACTIVE
        assert s.started_at == world.clock.now()
        assert (s.deadline_at - s.started_at).total_seconds() == 3600  # type: ignore[operator]
        assert s.interview_svc_session_id == "ses_1"
        assert outcome.persona.id == tenant.persona_id

    async def test_unknown_token(self, world: World) -> None:
        with pytest.raises(errors.InvalidTokenError):
            await verify(world, "zht_unknown")

    async def test_ttl_edge(self, world: World) -> None:
        tenant = await world.tenant()
        early, late = await started(world, tenant, 2)
        world.clock.advance(604_800 - 1)
        assert isinstance(await verify(world, early), Admitted)
        world.clock.advance(2)
        sessions, events = copy.deepcopy((world.store.sessions, world.store.events))
        with pytest.raises(errors.TokenExpiredError):
            await verify(world, late)
        assert (world.store.sessions, world.store.events) == (
            sessions,
            events,
        )  # 410 writes nothing
        assert live(world, tenant) == 1

    async def test_reconnect_reuses_the_slot(self, world: World) -> None:
        tenant = await world.tenant(cap=1)
        (token,) = await started(world, tenant, 1)
        first = await verify(world, token)
        world.clock.advance(120)
        again = await verify(world, token)
        assert isinstance(first, Admitted)
        assert isinstance(again, Admitted)
        assert again.reconnect is True
        assert again.session.started_at == first.session.started_at
        assert again.session.deadline_at == first.session.deadline_at
        assert live(world, tenant) == 1
        types = [e.type for e in world.store.events[first.session.id]]
        assert types == [EventType.CREATED, EventType.ADMITTED, EventType.RECONNECTED]

    async def test_reconnect_is_not_rechecked(self, world: World) -> None:
        tenant = await world.tenant()
        (token,) = await started(world, tenant, 1)
        await verify(world, token)
        await world.run(UpdateClient, UpdateClientCommand(client_id=tenant.client_id, active=False))
        assert isinstance(await verify(world, token), Admitted)

    async def test_past_deadline_closes_as_timeout(self, world: World) -> None:
        tenant = await world.tenant()
        (token,) = await started(world, tenant, 1)
        admitted = await verify(world, token)
        world.clock.advance(3600)
        with pytest.raises(errors.SessionEndedError) as caught:
            await verify(world, token)
        assert caught.value.details == {"status": "failed", "error_code": "SESSION_TIMEOUT"}
        s = world.store.sessions[admitted.session.id]
        assert s.status is SessionStatus.FAILED
        assert s.error_code == "SESSION_TIMEOUT"
        assert live(world, tenant) == 0

    async def test_ended_session(self, world: World) -> None:
        tenant = await world.tenant()
        (token,) = await started(world, tenant, 1)
        admitted = await verify(world, token)
        await world.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=admitted.session.id,
                status=SessionStatus.COMPLETED,
                delivery_id="d",
                duration_sec=10,
            ),
        )
        with pytest.raises(errors.SessionEndedError) as caught:
            await verify(world, token)
        assert caught.value.details == {"status": "completed", "error_code": None}

    async def test_inactive_client(self, world: World) -> None:
        tenant = await world.tenant()
        (token,) = await started(world, tenant, 1)
        await world.run(UpdateClient, UpdateClientCommand(client_id=tenant.client_id, active=False))
        with pytest.raises(errors.ClientInactiveError):
            await verify(world, token)

    async def test_missing_permission(self, world: World) -> None:
        tenant = await world.tenant()
        (token,) = await started(world, tenant, 1)
        await world.run(
            UpdateClient, UpdateClientCommand(client_id=tenant.client_id, permissions=[])
        )
        with pytest.raises(errors.MissingPermissionError):
            await verify(world, token)

    async def test_balance_below_minimum(self, world: World) -> None:
        tenant = await world.tenant(credits=1)
        (token,) = await started(world, tenant, 1)
        await world.run(
            PostCredits,
            PostCreditsCommand(client_id=tenant.client_id, amount=-1, reason="correction"),
        )
        with pytest.raises(errors.InsufficientCreditsError):
            await verify(world, token)


class TestCapAndWaitingLine:
    async def test_holds_off_when_client_at_cap(self, world: World) -> None:
        tenant = await world.tenant(cap=2)
        a, b, c, d = await started(world, tenant, 4)
        assert isinstance(await verify(world, a), Admitted)
        assert isinstance(await verify(world, b), Admitted)
        held_c = await verify(world, c)
        held_d = await verify(world, d)
        assert isinstance(held_c, Queued)
        assert isinstance(held_d, Queued)
        assert (held_c.queue_position, held_d.queue_position) == (1, 2)
        assert held_c.retry_after_seconds == 5
        assert (held_c.live_interviews, held_c.max_concurrent_interviews) == (2, 2)
        assert world.store.sessions[held_c.session.id].status is SessionStatus.INITIATED
        # retrying keeps the place
        again = await verify(world, c)
        assert isinstance(again, Queued)
        assert again.queue_position == 1

    async def test_freed_slot_goes_to_the_earliest_waiter(self, world: World) -> None:
        tenant = await world.tenant(cap=1)
        a, b, c = await started(world, tenant, 3)
        first = await verify(world, a)
        await verify(world, b)
        await verify(world, c)
        await world.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=first.session.id, status=SessionStatus.FAILED, delivery_id="x"
            ),
        )
        later = await verify(world, c)  # c retries first, but b waited longer
        assert isinstance(later, Queued)
        assert later.queue_position == 2
        assert isinstance(await verify(world, b), Admitted)
        assert isinstance(await verify(world, c), Queued)
        assert live(world, tenant) == 1

    async def test_newcomer_waits_behind_the_line_even_with_a_free_slot(self, world: World) -> None:
        tenant = await world.tenant(cap=1)
        a, b, c = await started(world, tenant, 3)
        first = await verify(world, a)
        await verify(world, b)
        await world.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=first.session.id, status=SessionStatus.FAILED, delivery_id="x"
            ),
        )
        newcomer = await verify(world, c)
        assert isinstance(newcomer, Queued)
        assert newcomer.queue_position == 2

    async def test_stale_waiter_drops_out(self, world: World) -> None:
        tenant = await world.tenant(cap=1)
        a, b, c = await started(world, tenant, 3)
        first = await verify(world, a)
        await verify(world, b)
        world.clock.advance(1)
        await verify(world, c)
        world.clock.advance(14)  # b silent for 15 s = 3 x retry_after: still in line
        assert (await verify(world, c)).queue_position == 2  # type: ignore[union-attr]
        world.clock.advance(1)  # b now silent for 16 s: dropped
        assert (await verify(world, c)).queue_position == 1  # type: ignore[union-attr]
        await world.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=first.session.id, status=SessionStatus.FAILED, delivery_id="x"
            ),
        )
        assert isinstance(await verify(world, c), Admitted)
        rejoined = await verify(world, b)  # b comes back: it joins at the end
        assert isinstance(rejoined, Queued)
        assert rejoined.queue_position == 1

    async def test_cap_holds_under_concurrent_verifies(self, world: World) -> None:
        tenant = await world.tenant(cap=5)
        tokens = await started(world, tenant, 200)
        outcomes = await asyncio.gather(*(verify(world, t) for t in tokens))
        assert sum(isinstance(o, Admitted) for o in outcomes) == 5
        assert sorted(o.queue_position for o in outcomes if isinstance(o, Queued)) == list(
            range(1, 196)
        )
        assert live(world, tenant) == 5

    async def test_one_token_verified_concurrently_takes_one_slot(self, world: World) -> None:
        tenant = await world.tenant(cap=5)
        (token,) = await started(world, tenant, 1)
        outcomes = await asyncio.gather(*(verify(world, token) for _ in range(50)))
        assert all(isinstance(o, Admitted) for o in outcomes)
        assert sum(not o.reconnect for o in outcomes if isinstance(o, Admitted)) == 1
        assert live(world, tenant) == 1

    async def test_caps_are_per_client(self, world: World) -> None:
        one = await world.tenant(cap=1)
        two = await world.tenant(cap=1)
        (a,) = await started(world, one, 1)
        (b,) = await started(world, two, 1)
        assert isinstance(await verify(world, a), Admitted)
        assert isinstance(await verify(world, b), Admitted)
