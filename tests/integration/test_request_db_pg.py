"""The request's transaction and its unit of work, on a real server: the statement's mode
decides BEGIN (a lock is held until COMMIT whoever runs it), staged writes land in order before
anything that reads, a statement run alone sees the request's writes, a released connection
cannot be used again, and a failing commit keeps its cause."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import asyncpg
import pytest

from tests.contract import builders
from tests.contract.conftest import truncate
from zenhire.adapters.postgres.connection import async_url, make_engine, request_connection
from zenhire.adapters.postgres.demo import find_active_client
from zenhire.adapters.postgres.personas import LOCK_CLIENT, PostgresPersonas
from zenhire.adapters.postgres.statements import Mode, Statement
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.adapters.postgres.unit_of_work import PostgresUnitOfWork
from zenhire.entrypoints.composition.postgres import engine_options
from zenhire.entrypoints.settings import Settings

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 5, 29, 10, 0, tzinfo=UTC)
# Statements of the test only (not declared: the declared ones are the service's).
COUNT_CLIENTS = Statement("SELECT count(*) AS n FROM clients", Mode.READ)
COUNT_ALONE = Statement("SELECT count(*) AS n FROM clients", Mode.ALONE)
LOCK_ALL = Statement("SELECT 1 FROM clients FOR UPDATE", Mode.LOCK)
INSERT_CLIENT = Statement(
    "INSERT INTO clients (id, name, active, permissions, max_concurrent_interviews, created_at)"
    " VALUES ($1, $2, $3, '{}', 1, now() - $4::interval)",
    Mode.WRITE,
)
# What another connection's attempt to take the same row lock meets while it is held.
TRY_LOCK = "SELECT 1 FROM clients WHERE id = $1 FOR NO KEY UPDATE NOWAIT"


@asynccontextmanager
async def request_tx(url: str) -> AsyncIterator[Transaction]:
    """One request's transaction on a one-connection pool, closed as the request ends."""
    settings = Settings(database_url=url, db_pool_size=1, db_max_overflow=0)
    engine = make_engine(url, engine_options(settings))
    try:
        async with request_connection(engine) as connection:
            tx = await Transaction.on(connection)
            try:
                yield tx
            finally:
                await tx.close()
    finally:
        await engine.dispose()


@pytest.fixture
async def url(pg_url: str) -> str:
    await truncate(pg_url)
    return pg_url


async def clients_seen_by_another_connection(url: str) -> int:
    connection = await asyncpg.connect(url)
    try:
        return int(await connection.fetchval("SELECT count(*) FROM clients"))
    finally:
        await connection.close()


async def lock_is_free(url: str, client_id: object) -> bool:
    """Whether another connection can take the client's row lock at once."""
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("BEGIN")
        await connection.fetch(TRY_LOCK, client_id)
    except asyncpg.LockNotAvailableError:
        return False
    else:
        return True
    finally:
        await connection.close()


def test_declaring_checks_the_shape_against_the_mode() -> None:
    with pytest.raises(ValueError, match="must lock rows"):
        Statement("SELECT 1 FROM clients", Mode.LOCK)
    with pytest.raises(ValueError, match="neither lock nor write"):
        Statement("SELECT 1 FROM clients FOR NO KEY UPDATE", Mode.READ)
    with pytest.raises(ValueError, match="neither lock nor write"):
        Statement("WITH d AS (DELETE FROM waiters RETURNING 1) SELECT * FROM d", Mode.READ)


class TestTheModeDecidesBegin:
    async def test_a_lock_opens_the_transaction_and_holds_until_commit(self, url: str) -> None:
        client = builders.client(NOW)
        async with request_tx(url) as tx:
            await tx.execute(INSERT_CLIENT, client.id, "held", True, timedelta(0))
            await tx.commit()
            assert not tx.is_open
            assert await tx.fetchrow(LOCK_CLIENT, client.id) is not None
            assert tx.is_open  # the lock statement opened it; no call site asked
            assert not await lock_is_free(url, client.id)  # held after the statement ended
            await tx.fetchrow(COUNT_CLIENTS)  # a read inside does not end it
            assert not await lock_is_free(url, client.id)
            await tx.commit()
            assert await lock_is_free(url, client.id)

    async def test_a_rollback_releases_the_lock(self, url: str) -> None:
        client = builders.client(NOW)
        async with request_tx(url) as tx:
            await tx.execute(INSERT_CLIENT, client.id, "held", True, timedelta(0))
            await tx.commit()
            await tx.fetchrow(LOCK_CLIENT, client.id)
            await tx.rollback()
            assert not tx.is_open
            assert await lock_is_free(url, client.id)

    async def test_a_racing_locker_waits_for_the_commit(self, url: str) -> None:
        client = builders.client(NOW)
        async with request_tx(url) as first, request_tx(url) as second:
            await first.execute(INSERT_CLIENT, client.id, "raced", True, timedelta(0))
            await first.commit()
            await first.fetchrow(LOCK_CLIENT, client.id)
            waiting = asyncio.create_task(second.fetchrow(LOCK_CLIENT, client.id))
            await asyncio.sleep(0.2)
            assert not waiting.done()  # queued on the row lock the first still holds
            await first.commit()
            assert await waiting is not None
            await second.commit()

    async def test_reads_before_the_first_write_open_nothing(self, url: str) -> None:
        async with request_tx(url) as tx:
            await tx.fetch(COUNT_CLIENTS)
            assert not tx.is_open
            tx.stage(INSERT_CLIENT, uuid4(), "staged", True, timedelta(0))
            assert not tx.is_open  # staged: sent with the next statement or the commit
            await tx.commit()  # the lone staged write runs alone, no BEGIN
            assert not tx.is_open
        assert await clients_seen_by_another_connection(url) == 1

    async def test_only_a_write_can_be_staged(self, url: str) -> None:
        async with request_tx(url) as tx:
            with pytest.raises(ValueError, match="only a write"):
                tx.stage(LOCK_ALL)
            with pytest.raises(ValueError, match="only a write"):
                tx.stage(COUNT_CLIENTS)


class TestRequestTransaction:
    async def test_a_statement_run_alone_follows_the_requests_staged_writes(self, url: str) -> None:
        async with request_tx(url) as tx:
            tx.stage(INSERT_CLIENT, uuid4(), "first", True, timedelta(0))
            tx.stage(INSERT_CLIENT, uuid4(), "second", True, timedelta(0))
            row = await tx.fetchrow(COUNT_ALONE)
            assert row is not None
            assert row["n"] == 2
            tx.stage(INSERT_CLIENT, uuid4(), "third", True, timedelta(0))
            await tx.fetchrow(LOCK_ALL)  # opens a transaction
            assert tx.is_open
            row = await tx.fetchrow(COUNT_ALONE)  # commits it first: sees the third
            assert row is not None
            assert row["n"] == 3
            assert not tx.is_open
        assert await clients_seen_by_another_connection(url) == 3

    async def test_a_released_connection_rolls_back_and_cannot_be_used_again(
        self, url: str
    ) -> None:
        async with request_tx(url) as tx:
            tx.stage(INSERT_CLIENT, uuid4(), "kept", True, timedelta(0))
            await PostgresUnitOfWork(tx).commit()
            await tx.execute(INSERT_CLIENT, uuid4(), "dropped", True, timedelta(0))
            await PostgresUnitOfWork(tx).release()
            await tx.release()  # twice: nothing more to do
            with pytest.raises(RuntimeError, match="released"):
                await tx.fetch(COUNT_ALONE)
            with pytest.raises(RuntimeError, match="released"):
                await tx.fetch(COUNT_CLIENTS)
            with pytest.raises(RuntimeError, match="released"):
                tx.stage(INSERT_CLIENT, uuid4(), "late", True, timedelta(0))
        assert await clients_seen_by_another_connection(url) == 1

    async def test_a_commit_that_breaks_a_constraint_raises_its_own_error(self, url: str) -> None:
        unknown_client = builders.client(NOW)
        async with request_tx(url) as tx:
            await PostgresPersonas(tx).add(builders.persona(unknown_client.id, NOW))
            with pytest.raises(asyncpg.ForeignKeyViolationError):
                await PostgresUnitOfWork(tx).commit()  # a bug, not an outage: not translated
        async with request_tx(url) as tx:
            row = await tx.fetchrow(Statement("SELECT count(*) AS n FROM personas", Mode.READ))
            assert row is not None
            assert row["n"] == 0

    async def test_execute_counts_the_rows_it_touched(self, url: str) -> None:
        delete_all = Statement("DELETE FROM clients", Mode.WRITE)
        async with request_tx(url) as tx:
            for name in ("a", "b"):
                tx.stage(INSERT_CLIENT, uuid4(), name, True, timedelta(0))
            assert await tx.execute(delete_all) == 2
            assert await tx.execute(Statement("SET LOCAL work_mem = '8MB'", Mode.WRITE)) == 0
            await tx.rollback()  # the staged inserts ran inside the same transaction
        assert await clients_seen_by_another_connection(url) == 0


def test_every_postgres_url_form_is_driven_by_asyncpg() -> None:
    for scheme in ("postgresql", "postgres", "postgresql+asyncpg", "postgres+asyncpg"):
        assert async_url(f"{scheme}://u@h/d") == "postgresql+asyncpg://u@h/d"
    assert async_url("mysql://u@h/d") == "mysql://u@h/d"  # not ours: left for the check


class TestDemoLookup:
    async def test_the_oldest_active_client_of_that_exact_name(self, url: str) -> None:
        async with request_tx(url) as tx:
            ids = {}
            for name, active, age in (
                ("Demo", False, timedelta(days=3)),
                ("Demo", True, timedelta(days=2)),
                ("Demo", True, timedelta(days=1)),
                ("demo", True, timedelta(days=4)),
            ):
                ids[(name, active, age)] = uuid4()
                tx.stage(INSERT_CLIENT, ids[(name, active, age)], name, active, age)
            await tx.commit()
            assert await find_active_client(tx, "Demo") == ids[("Demo", True, timedelta(days=2))]
            assert await find_active_client(tx, "Nobody") is None
