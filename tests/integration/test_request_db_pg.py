"""The request's connection (``Db``) and its unit of work, on a real server: staged writes
land in order before anything that reads, a statement run alone sees the request's writes, a
released connection cannot be used again, and a failing commit keeps its cause."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.contract import builders
from tests.contract.conftest import truncate
from zenhire.adapters.postgres.connection import (
    PostgresUnitOfWork,
    async_url,
    make_engine,
    request_connection,
)
from zenhire.adapters.postgres.db import Db
from zenhire.adapters.postgres.demo import find_active_client
from zenhire.adapters.postgres.personas import PostgresPersonas
from zenhire.entrypoints.composition.postgres import engine_options
from zenhire.entrypoints.settings import Settings

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 5, 29, 10, 0, tzinfo=UTC)
COUNT_CLIENTS = "SELECT count(*) AS n FROM clients"
INSERT_CLIENT = (
    "INSERT INTO clients (id, name, active, permissions, max_concurrent_interviews, created_at)"
    " VALUES ($1, $2, $3, '{}', 1, now())"
)


@asynccontextmanager
async def request_db(url: str) -> AsyncIterator[Db]:
    """One request's ``Db`` on a one-connection pool, closed as the request ends."""
    settings = Settings(database_url=url, db_pool_size=1, db_max_overflow=0)
    engine = make_engine(url, engine_options(settings))
    try:
        async with request_connection(engine) as connection:
            db = await Db.on(connection)
            try:
                yield db
            finally:
                await db.close()
    finally:
        await engine.dispose()


@pytest.fixture
async def url(pg_url: str) -> str:
    await truncate(pg_url)
    return pg_url


async def clients_seen_by_another_connection(url: str) -> int:
    connection = await asyncpg.connect(url)
    try:
        return int(await connection.fetchval(COUNT_CLIENTS))
    finally:
        await connection.close()


class TestRequestDb:
    async def test_a_statement_run_alone_follows_the_requests_staged_writes(self, url: str) -> None:
        async with request_db(url) as db:
            db.stage_sql(INSERT_CLIENT, uuid4(), "first", True)
            db.stage_sql(INSERT_CLIENT, uuid4(), "second", True)
            rows = await db.fetch_alone(COUNT_CLIENTS)
            assert rows[0]["n"] == 2
            db.stage_sql(INSERT_CLIENT, uuid4(), "third", True)
            await db.fetchrow("SELECT 1 FROM clients FOR UPDATE", writes=True)  # opens a tx
            result = await db.execute_alone(
                text("SELECT count(*) FROM clients")  # sees the committed third
            )
            assert result.scalar_one() == 3
        assert await clients_seen_by_another_connection(url) == 3

    async def test_a_released_connection_rolls_back_and_cannot_be_used_again(
        self, url: str
    ) -> None:
        async with request_db(url) as db:
            db.stage_sql(INSERT_CLIENT, uuid4(), "kept", True)
            await PostgresUnitOfWork(db).commit()
            await db.fetchrow(INSERT_CLIENT, uuid4(), "dropped", True, writes=True)
            await PostgresUnitOfWork(db).release()
            await db.release()  # twice: nothing more to do
            with pytest.raises(RuntimeError, match="released"):
                await db.fetch_alone(COUNT_CLIENTS)
            with pytest.raises(RuntimeError, match="released"):
                await db.fetch(COUNT_CLIENTS)
        assert await clients_seen_by_another_connection(url) == 1

    async def test_a_commit_that_breaks_a_constraint_raises_its_own_error(self, url: str) -> None:
        unknown_client = builders.client(NOW)
        async with request_db(url) as db:
            await PostgresPersonas(db).add(builders.persona(unknown_client.id, NOW))
            with pytest.raises(IntegrityError):
                await PostgresUnitOfWork(db).commit()  # a bug, not an outage: not translated
        async with request_db(url) as db:
            assert (await db.fetch_alone("SELECT count(*) AS n FROM personas"))[0]["n"] == 0


def test_every_postgres_url_form_is_driven_by_asyncpg() -> None:
    for scheme in ("postgresql", "postgres", "postgresql+asyncpg", "postgres+asyncpg"):
        assert async_url(f"{scheme}://u@h/d") == "postgresql+asyncpg://u@h/d"
    assert async_url("mysql://u@h/d") == "mysql://u@h/d"  # not ours: left for the check


class TestDemoLookup:
    async def test_the_oldest_active_client_of_that_exact_name(self, url: str) -> None:
        async with request_db(url) as db:
            for name, active, age in (
                ("Demo", False, timedelta(days=3)),
                ("Demo", True, timedelta(days=2)),
                ("Demo", True, timedelta(days=1)),
                ("demo", True, timedelta(days=4)),
            ):
                await db.fetchrow(
                    "INSERT INTO clients (id, name, active, permissions,"
                    " max_concurrent_interviews, created_at)"
                    " VALUES ($1, $2, $3, '{}', 1, now() - $4::interval)",
                    uuid4(),
                    name,
                    active,
                    age,
                    writes=True,
                )
            await db.commit()
            oldest_active = await db.fetchrow(
                "SELECT id FROM clients WHERE name = 'Demo' AND active ORDER BY created_at LIMIT 1"
            )
            assert oldest_active is not None
            assert await find_active_client(db, "Demo") == oldest_active["id"]
            assert await find_active_client(db, "Nobody") is None
