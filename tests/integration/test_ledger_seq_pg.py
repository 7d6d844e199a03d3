"""Ledger ``seq`` on Postgres: commit order under racing writers, and the backfill of old rows."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from alembic import command
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from tests.harness import World, token_of
from tests.pg import Server, throwaway_database
from zenhire.adapters.postgres.connection import async_url
from zenhire.adapters.postgres.migrate import alembic_config, upgrade_to_head
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.use_cases.admin_clients import GetClient, PostCredits, PostCreditsCommand
from zenhire.domain.use_cases.complete_session import CompleteSession, CompleteSessionCommand
from zenhire.domain.use_cases.credits import GetCredits
from zenhire.domain.use_cases.verify_token import Admitted, VerifyToken, VerifyTokenCommand

pytestmark = pytest.mark.postgres


async def ledger_by_seq(url: str, client_id: object) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(url)
    try:
        return await connection.fetch(
            "SELECT seq, amount, balance_after FROM ledger_entries WHERE client_id = $1"
            " ORDER BY seq",
            client_id,
        )
    finally:
        await connection.close()


def assert_walk(rows: list[asyncpg.Record]) -> None:
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    balance = 0
    for row in rows:
        assert row["balance_after"] == balance + row["amount"], dict(row)
        balance = row["balance_after"]


async def test_racing_charges_and_grants_walk_by_seq(pg_world: World, pg_url: str) -> None:
    n = 60
    tenant = await pg_world.tenant(credits=1000, cap=n)
    session_ids = []
    for _ in range(n):
        issued = await pg_world.start(tenant)
        assert isinstance(
            await pg_world.run(VerifyToken, VerifyTokenCommand(token_of(issued))), Admitted
        )
        session_ids.append(issued.session.id)

    async def charge(i: int) -> object:
        return await pg_world.run(
            CompleteSession,
            CompleteSessionCommand(
                session_id=session_ids[i],
                status=SessionStatus.COMPLETED,
                delivery_id=f"d-{i}",
                duration_sec=60 * (1 + i % 3),
            ),
        )

    async def grant(i: int) -> object:
        amount = 7 if i % 2 else -3
        command_ = PostCreditsCommand(client_id=tenant.client_id, amount=amount, reason="race")
        return await pg_world.run(PostCredits, command_)

    work = [charge(i) for i in range(n)] + [grant(i) for i in range(n)]
    await asyncio.gather(*work)
    rows = await ledger_by_seq(pg_url, tenant.client_id)
    assert len(rows) == 1 + 2 * n
    assert_walk(rows)
    client = (await pg_world.run(GetClient, tenant.client_id)).client
    assert client.balance == rows[-1]["balance_after"]
    recent = (await pg_world.run(GetCredits, client)).recent_transactions
    assert [e.seq for e in recent] == list(range(len(rows), len(rows) - 20, -1))


@pytest.fixture
async def database_at_0004(pg_server: Server) -> AsyncIterator[str]:
    """A fresh database migrated only up to revision 0004 (before ``seq``)."""
    async with throwaway_database(pg_server.url, migrate=False) as db_url:
        engine = create_async_engine(async_url(db_url))

        def upgrade(connection: Connection) -> None:
            command.upgrade(alembic_config(connection), "0004")

        try:
            async with engine.begin() as connection:
                await connection.run_sync(upgrade)
            yield db_url
        finally:
            await engine.dispose()


async def test_migration_numbers_existing_rows_in_balance_order(database_at_0004: str) -> None:
    url = database_at_0004
    now = datetime(2026, 1, 1, tzinfo=UTC)
    racing, quiet = uuid.uuid4(), uuid.uuid4()
    # (amount, balance_after, created_at offset): the 2nd and 3rd rows raced for the lock, so
    # time order swaps them; balance order is grant 100, charge -5, grant 20, charge -7.
    history = {
        racing: [(100, 100, 0), (20, 115, 1), (-5, 95, 2), (-7, 108, 3)],
        quiet: [(50, 50, 0), (-1, 49, 5)],
    }
    connection = await asyncpg.connect(url)
    try:
        for client_id, rows in history.items():
            await connection.execute(
                "INSERT INTO clients (id, name, active, permissions, max_concurrent_interviews,"
                " balance, created_at) VALUES ($1, 'c', true, '{interview}', 1, $2, $3)",
                client_id,
                rows[-1][1],
                now,
            )
            for amount, balance_after, offset in rows:
                await connection.execute(
                    "INSERT INTO ledger_entries (id, client_id, kind, amount, balance_after,"
                    " created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    uuid.uuid4(),
                    client_id,
                    "grant" if amount > 0 else "adjustment",
                    amount,
                    balance_after,
                    now + timedelta(milliseconds=offset),
                )
    finally:
        await connection.close()
    await upgrade_to_head(url)
    racing_rows = await ledger_by_seq(url, racing)
    assert [r["amount"] for r in racing_rows] == [100, -5, 20, -7]
    assert_walk(racing_rows)
    assert_walk(await ledger_by_seq(url, quiet))
    connection = await asyncpg.connect(url)
    try:
        seqs = dict(await connection.fetch("SELECT id, ledger_seq FROM clients"))
        assert seqs == {racing: 4, quiet: 2}
        with pytest.raises(asyncpg.UniqueViolationError):
            await connection.execute(
                "INSERT INTO ledger_entries (id, client_id, kind, amount, balance_after,"
                " created_at, seq) VALUES ($1, $2, 'grant', 1, 51, $3, 2)",
                uuid.uuid4(),
                quiet,
                now,
            )
    finally:
        await connection.close()
