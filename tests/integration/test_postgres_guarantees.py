"""Money, fairness and idempotency under real concurrency on Postgres (many connections)."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from tests.harness import Tenant, World, token_of
from zenhire.domain.errors import DomainError
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.model.sweep_report import SweepReport
from zenhire.domain.use_cases.close_expired import CloseExpired
from zenhire.domain.use_cases.complete_session import (
    CompleteSession,
    CompleteSessionCommand,
    CompletionResult,
)
from zenhire.domain.use_cases.verify_token import Admitted, Queued, VerifyToken, VerifyTokenCommand

pytestmark = pytest.mark.postgres


async def verify(world: World, token: str) -> Admitted | Queued:
    outcome: Admitted | Queued = await world.run(VerifyToken, VerifyTokenCommand(token))
    return outcome


async def complete(
    world: World, session_id: SessionId, delivery: str, seconds: int
) -> CompletionResult | DomainError:
    try:
        result: CompletionResult = await world.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=session_id,
                status=SessionStatus.COMPLETED,
                delivery_id=delivery,
                duration_sec=seconds,
            ),
        )
    except DomainError as error:
        return error
    return result


async def statuses(url: str, client_id: object) -> dict[str, int]:
    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch(
            "SELECT status, count(*) AS n FROM sessions WHERE client_id = $1 GROUP BY status",
            client_id,
        )
        return {r["status"]: r["n"] for r in rows}
    finally:
        await connection.close()


async def live_sessions(world: World, tenant: Tenant, n: int) -> list[SessionId]:
    ids = []
    for _ in range(n):
        issued = await world.start(tenant)
        assert isinstance(await verify(world, token_of(issued)), Admitted)
        ids.append(issued.session.id)
    return ids


class TestAdmissionUnderTheCap:
    @pytest.mark.parametrize("round_", range(3))
    async def test_200_concurrent_verifies_admit_exactly_the_cap(
        self, pg_world: World, pg_url: str, round_: int
    ) -> None:
        tenant = await pg_world.tenant(cap=5)
        tokens = [token_of(await pg_world.start(tenant)) for _ in range(200)]
        outcomes = await asyncio.gather(*(verify(pg_world, t) for t in tokens))
        assert sum(isinstance(o, Admitted) for o in outcomes) == 5
        positions = sorted(o.queue_position for o in outcomes if isinstance(o, Queued))
        assert positions == list(range(1, 196))
        assert (await statuses(pg_url, tenant.client_id)) == {"active": 5, "initiated": 195}

    async def test_one_token_50_times_is_one_admission(self, pg_world: World, pg_url: str) -> None:
        tenant = await pg_world.tenant(cap=5)
        token = token_of(await pg_world.start(tenant))
        outcomes = await asyncio.gather(*(verify(pg_world, token) for _ in range(50)))
        admitted = [o for o in outcomes if isinstance(o, Admitted)]
        assert len(admitted) == 50
        assert sum(not o.reconnect for o in admitted) == 1
        assert len({o.session.started_at for o in admitted}) == 1
        assert (await statuses(pg_url, tenant.client_id)) == {"active": 1}


class TestMoney:
    async def test_one_delivery_50_times_charges_once(self, pg_world: World, pg_url: str) -> None:
        tenant = await pg_world.tenant(credits=100)
        (session_id,) = await live_sessions(pg_world, tenant, 1)
        pg_world.clock.advance(125)  # the interview lasts what it reports (api.md §6.3)
        results = await asyncio.gather(
            *(complete(pg_world, session_id, "dlv", 125) for _ in range(50))
        )
        assert {(r.status, r.charged) for r in results} == {  # type: ignore[union-attr]
            (SessionStatus.COMPLETED, 3)
        }
        connection = await asyncpg.connect(pg_url)
        try:
            rows = await connection.fetch(
                "SELECT amount FROM ledger_entries WHERE kind = 'charge' AND session_id = $1",
                session_id,
            )
        finally:
            await connection.close()
        assert [r["amount"] for r in rows] == [-3]

    async def test_completion_racing_sweeper_ends_each_session_once(
        self, pg_world: World, pg_url: str
    ) -> None:
        tenant = await pg_world.tenant(credits=10_000, cap=300)
        ids = await live_sessions(pg_world, tenant, 200)
        pg_world.clock.advance(3600)
        results = await asyncio.gather(
            pg_world.run(CloseExpired),
            pg_world.run(CloseExpired),
            *(complete(pg_world, i, f"d-{i}", 60) for i in ids),
        )
        reports: list[SweepReport] = list(results[:2])  # type: ignore[arg-type]
        completions = [r for r in results[2:] if isinstance(r, CompletionResult)]
        completed = sum(r.status is SessionStatus.COMPLETED and r.charged == 1 for r in completions)
        timed_out = sum(r.timed_out for r in reports)
        assert completed + timed_out == 200
        counts = await statuses(pg_url, tenant.client_id)
        assert counts.get("active", 0) == 0
        assert counts.get("completed", 0) == completed
        assert counts.get("failed", 0) == timed_out


class TestSweepers:
    async def test_three_sweepers_close_each_overdue_session_once(
        self, pg_world: World, pg_url: str
    ) -> None:
        tenant = await pg_world.tenant(cap=300)
        await live_sessions(pg_world, tenant, 200)
        pg_world.clock.advance(3000)
        await live_sessions(pg_world, tenant, 50)
        pg_world.clock.advance(700)  # the first 200 are overdue, the 50 are not
        reports = await asyncio.gather(*(pg_world.run(CloseExpired) for _ in range(3)))
        assert sum(r.timed_out for r in reports) == 200
        assert (await statuses(pg_url, tenant.client_id)) == {"failed": 200, "active": 50}
        connection = await asyncpg.connect(pg_url)
        try:
            closes = await connection.fetchval(
                "SELECT count(*) FROM session_events WHERE type = 'timed_out'"
            )
        finally:
            await connection.close()
        assert closes == 200


class TestConnectionSettings:
    async def test_server_side_timeouts_on_every_connection(self, pg_url: str) -> None:
        from sqlalchemy import text

        from zenhire.adapters.postgres.connection import EngineOptions, make_engine

        options = EngineOptions(
            statement_timeout_ms=1234, lock_timeout_ms=567, idle_in_transaction_timeout_ms=8910
        )
        engine = make_engine(pg_url, options)
        try:
            async with engine.connect() as connection:
                shown = [
                    (await connection.execute(text(f"SHOW {name}"))).scalar_one()
                    for name in (
                        "statement_timeout",
                        "lock_timeout",
                        "idle_in_transaction_session_timeout",
                    )
                ]
        finally:
            await engine.dispose()
        assert shown == ["1234ms", "567ms", "8910ms"]
