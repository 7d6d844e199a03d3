"""CompleteSession: charging, idempotent deliveries, races with the sweeper."""

from __future__ import annotations

import asyncio

import pytest

from tests.harness import Tenant, World, token_of
from zenhire.domain import errors
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.ledger import LedgerKind, interview_cost
from zenhire.domain.model.sessions import Feedback, SessionStatus
from zenhire.domain.use_cases.close_expired import CloseExpired
from zenhire.domain.use_cases.complete_session import (
    CompleteSession,
    CompleteSessionCommand,
    CompletionResult,
)
from zenhire.domain.use_cases.verify_token import VerifyToken, VerifyTokenCommand


async def live_session(world: World, tenant: Tenant) -> SessionId:
    issued = await world.start(tenant)
    await world.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
    return issued.session.id


async def complete(world: World, session_id: SessionId, **fields: object) -> CompletionResult:
    fields.setdefault("status", SessionStatus.COMPLETED)
    fields.setdefault("delivery_id", "d-1")
    command = CompleteSessionCommand(session_id=session_id, **fields)  # type: ignore[arg-type]
    result: CompletionResult = await world.run(CompleteSession, command)
    return result


class TestCharging:
    @pytest.mark.parametrize(
        ("seconds", "credits"), [(0, 0), (1, 1), (59, 1), (60, 1), (61, 2), (3600, 60), (9999, 60)]
    )
    def test_cost_is_started_minutes_of_capped_duration(self, seconds: int, credits: int) -> None:
        assert interview_cost(seconds, 3600, 1) == credits

    def test_rate_multiplies(self) -> None:
        assert interview_cost(61, 3600, 3) == 6

    @pytest.mark.parametrize(("seconds", "charged"), [(0, 0), (59, 1), (60, 1), (61, 2)])
    async def test_completion_charges_one_row(
        self, world: World, seconds: int, charged: int
    ) -> None:
        tenant = await world.tenant(credits=10)
        session_id = await live_session(world, tenant)
        world.clock.advance(seconds)  # the interview lasts what it reports
        result = await complete(world, session_id, duration_sec=seconds)
        assert (result.status, result.charged) == (SessionStatus.COMPLETED, charged)
        s = world.store.sessions[session_id]
        assert s.credit_charged == charged
        assert s.ended_at == s.completed_at == world.clock.now()
        assert world.balance(tenant.client_id) == 10 - charged
        charges = [e for e in world.store.ledger[tenant.client_id] if e.kind is LedgerKind.CHARGE]
        assert len(charges) == (1 if charged else 0)
        assert world.ledger_sum(tenant.client_id) == world.balance(tenant.client_id)

    async def test_balance_may_go_negative(self, world: World) -> None:
        tenant = await world.tenant(credits=1)
        session_id = await live_session(world, tenant)
        world.clock.advance(600)
        await complete(world, session_id, duration_sec=600)
        assert world.balance(tenant.client_id) == -9

    async def test_failed_charges_nothing_and_defaults_error_code(self, world: World) -> None:
        tenant = await world.tenant(credits=10)
        session_id = await live_session(world, tenant)
        result = await complete(world, session_id, status=SessionStatus.FAILED)
        assert (result.status, result.charged) == (SessionStatus.FAILED, 0)
        s = world.store.sessions[session_id]
        assert s.error_code == "INTERVIEW_FAILED"
        assert s.credit_charged is None
        assert world.balance(tenant.client_id) == 10

    async def test_reported_fields_are_stored(self, world: World) -> None:
        tenant = await world.tenant()
        session_id = await live_session(world, tenant)
        await complete(
            world,
            session_id,
            duration_sec=30,
            recording_s3_key="r.wav",
            transcript_s3_key="t.json",
            interview_svc_session_id="ses_9",
            feedback=Feedback(rating=2, comment="meh"),
        )
        s = world.store.sessions[session_id]
        assert (s.recording_s3_key, s.transcript_s3_key) == ("r.wav", "t.json")
        assert s.interview_svc_session_id == "ses_9"
        assert s.feedback is not None
        assert s.feedback.negative is True

    async def test_duration_required_when_completed(self, world: World) -> None:
        tenant = await world.tenant()
        session_id = await live_session(world, tenant)
        with pytest.raises(errors.InvalidInputError):
            await complete(world, session_id)


class TestDeliveries:
    async def test_duplicate_delivery_returns_first_answer(self, world: World) -> None:
        tenant = await world.tenant(credits=10)
        session_id = await live_session(world, tenant)
        world.clock.advance(61)
        first = await complete(world, session_id, duration_sec=61)
        again = await complete(world, session_id, duration_sec=61)
        assert again == first
        assert world.balance(tenant.client_id) == 8

    async def test_conflicting_delivery(self, world: World) -> None:
        tenant = await world.tenant()
        session_id = await live_session(world, tenant)
        await complete(world, session_id, duration_sec=61)
        with pytest.raises(errors.DeliveryConflictError):
            await complete(world, session_id, duration_sec=62)

    async def test_new_delivery_after_end_is_quiet(self, world: World) -> None:
        tenant = await world.tenant(credits=10)
        session_id = await live_session(world, tenant)
        world.clock.advance(61)
        await complete(world, session_id, duration_sec=61)
        other = await complete(world, session_id, delivery_id="d-2", duration_sec=600)
        assert (other.status, other.charged) == (SessionStatus.COMPLETED, 0)
        assert world.balance(tenant.client_id) == 8

    async def test_same_delivery_concurrently_charges_once(self, world: World) -> None:
        tenant = await world.tenant(credits=100)
        session_id = await live_session(world, tenant)
        world.clock.advance(125)
        results = await asyncio.gather(
            *(complete(world, session_id, duration_sec=125) for _ in range(50))
        )
        assert {(r.status, r.charged) for r in results} == {(SessionStatus.COMPLETED, 3)}
        assert world.balance(tenant.client_id) == 97
        assert world.ledger_sum(tenant.client_id) == 97

    async def test_initiated_session_is_not_active(self, world: World) -> None:
        tenant = await world.tenant()
        issued = await world.start(tenant)
        with pytest.raises(errors.SessionNotActiveError):
            await complete(world, issued.session.id, duration_sec=1)

    async def test_unknown_session(self, world: World) -> None:
        from uuid import uuid4

        with pytest.raises(errors.NotFoundError):
            await complete(world, SessionId(uuid4()), duration_sec=1)

    async def test_completion_after_timeout_is_charged_nothing(self, world: World) -> None:
        tenant = await world.tenant(credits=100)
        session_id = await live_session(world, tenant)
        world.clock.advance(3600)
        report = await world.run(CloseExpired)
        assert report.timed_out == 1
        result = await complete(world, session_id, duration_sec=3600)
        assert (result.status, result.charged) == (SessionStatus.FAILED, 0)
        s = world.store.sessions[session_id]
        assert s.error_code == "SESSION_TIMEOUT"
        assert world.balance(tenant.client_id) == 100

    async def test_completion_racing_the_sweeper_ends_once(self, world: World) -> None:
        tenant = await world.tenant(credits=1000, cap=300)
        ids = [await live_session(world, tenant) for _ in range(200)]
        world.clock.advance(3600)
        results = await asyncio.gather(
            world.run(CloseExpired), *(complete(world, i, duration_sec=60) for i in ids)
        )
        completions = results[1:]
        charged = sum(r.charged for r in completions)  # type: ignore[union-attr]
        statuses = [world.store.sessions[i].status for i in ids]
        assert all(s.is_terminal for s in statuses)
        assert charged == statuses.count(SessionStatus.COMPLETED)
        assert world.balance(tenant.client_id) == 1000 - charged
        assert world.ledger_sum(tenant.client_id) == world.balance(tenant.client_id)
        for i in ids:
            kinds = [e.type.value for e in world.store.events[i]]
            assert kinds.count("completed") + kinds.count("timed_out") == 1
