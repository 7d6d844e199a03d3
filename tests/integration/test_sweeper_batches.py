"""100,000 overdue sessions are closed in bounded batches, never in one transaction."""

from __future__ import annotations

from datetime import datetime

import asyncpg
import pytest
from dishka import Provider, Scope, provide

from tests.harness import World
from zenhire.adapters.postgres.sessions import PostgresSessions
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.ports import Sessions
from zenhire.domain.use_cases.close_expired import CloseExpired

pytestmark = pytest.mark.postgres
OVERDUE = 100_000
BATCH = 500
claims: list[int] = []


class CountingSessions(PostgresSessions):
    async def time_out_overdue(self, now: datetime, limit: int) -> int:
        closed = await super().time_out_overdue(now, limit)
        claims.append(closed)
        return closed


class Counting(Provider):
    @provide(scope=Scope.REQUEST)
    def sessions(self, db: Transaction) -> Sessions:
        return CountingSessions(db)


class BatchWorld(World):
    def overrides(self) -> list[Provider]:
        return [*super().overrides(), Counting()]


async def seed_overdue(url: str, world: World, client_id: object, persona_id: object) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(
            """
            INSERT INTO sessions (id, client_id, persona_id, consent_mode, token_digest,
                expires_at, created_at, status, source, invite_count, started_at, deadline_at)
            SELECT gen_random_uuid(), $1, $2, 'explicit', sha256(g::text::bytea),
                   $3::timestamptz + interval '7 days', $3::timestamptz, 'active', 'requests', 1,
                   $3::timestamptz,
                   $3::timestamptz + interval '1 hour'
            FROM generate_series(1, $4) AS g
            """,
            client_id,
            persona_id,
            world.clock.now(),
            OVERDUE,
        )
    finally:
        await connection.close()


async def test_hundred_thousand_overdue_close_in_batches(pg_url: str) -> None:
    from tests.contract.conftest import truncate

    await truncate(pg_url)
    world = BatchWorld(database_url=pg_url, sweep_batch_size=BATCH)
    try:
        tenant = await world.tenant(cap=OVERDUE)
        await seed_overdue(pg_url, world, tenant.client_id, tenant.persona_id)
        world.clock.advance(3600)
        claims.clear()
        report = await world.run(CloseExpired)
        assert report.timed_out == OVERDUE
        assert max(claims) == BATCH
        assert len(claims) == OVERDUE // BATCH + 1  # every batch its own transaction
        connection = await asyncpg.connect(pg_url)
        try:
            left = await connection.fetchval("SELECT count(*) FROM sessions WHERE status='active'")
        finally:
            await connection.close()
        assert left == 0
    finally:
        await world.close()
