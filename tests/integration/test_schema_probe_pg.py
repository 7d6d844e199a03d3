"""The start-up probe and the readiness check of the PostgreSQL adapter against real servers:
each failure is one line naming what failed (and never the password)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.pg import Server, throwaway_database
from zenhire.adapters.postgres.connection import make_engine, request_connection
from zenhire.adapters.postgres.readiness import PostgresReadiness
from zenhire.adapters.postgres.schema import (
    DatabaseUnavailableError,
    DatabaseUrlError,
    ExpectedSchema,
    SchemaStatus,
    describe,
    expected_revision,
    probe,
)
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.errors import StorageUnavailableError
from zenhire.entrypoints.composition.postgres import engine_options
from zenhire.entrypoints.settings import Settings

pytestmark = pytest.mark.postgres
SECRET = "pw-never-shown-3f9a"


def replaced(url: str, **parts: str) -> str:
    split = urlsplit(url)
    netloc = parts.get("netloc", split.netloc)
    return urlunsplit((split.scheme, netloc, parts.get("path", split.path), split.query, ""))


@pytest.fixture
async def never_migrated(pg_server: Server) -> AsyncIterator[str]:
    async with throwaway_database(pg_server.url, migrate=False) as url:
        yield url


class TestProbe:
    async def test_a_migrated_database_is_at_the_newest_revision(self, pg_url: str) -> None:
        status = await probe(pg_url)
        assert status == SchemaStatus(current=expected_revision(), expected=expected_revision())
        assert status.state == "ok"

    async def test_a_database_never_migrated_is_behind(self, never_migrated: str) -> None:
        status = await probe(never_migrated)
        assert (status.current, status.state) == (None, "behind")

    async def test_a_missing_database_says_how_to_create_it(self, pg_url: str) -> None:
        url = replaced(pg_url, path="/zenhire_no_such_db")
        with pytest.raises(DatabaseUnavailableError) as failed:
            await probe(url)
        where = describe(url).partition("/")[0]
        assert str(failed.value) == (
            f'database "zenhire_no_such_db" does not exist on {where}: create it '
            "(createdb zenhire_no_such_db), then run `zenhire migrate`"
        )

    async def test_an_unknown_role_is_a_refused_login_without_the_password(
        self, pg_url: str
    ) -> None:
        split = urlsplit(pg_url)
        host = split.netloc.rpartition("@")[2]
        url = replaced(pg_url, netloc=f"zenhire_no_such_role:{SECRET}@{host}")
        with pytest.raises(DatabaseUnavailableError) as failed:
            await probe(url)
        message = str(failed.value)
        assert message.startswith(f"the database server at {describe(url).partition('/')[0]}")
        assert "refused the login" in message
        assert SECRET not in message

    async def test_a_closed_port_is_a_refused_connection(self) -> None:
        url = f"postgresql://zenhire:{SECRET}@127.0.0.1:1/zenhire"
        with pytest.raises(DatabaseUnavailableError) as failed:
            await probe(url)
        assert str(failed.value) == (
            "cannot reach the database server at 127.0.0.1:1: connection refused (is it running?)"
        )

    async def test_a_server_that_never_answers_times_out(self) -> None:
        held: list[asyncio.StreamWriter] = []

        async def silent(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            held.append(writer)  # accept, then say nothing

        server = await asyncio.start_server(silent, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            with pytest.raises(DatabaseUnavailableError) as failed:
                await probe(f"postgresql://z:{SECRET}@127.0.0.1:{port}/z", connect_timeout=0.3)
        finally:
            for writer in held:
                writer.close()
            server.close()
            await server.wait_closed()
        assert str(failed.value) == (
            f"the database server at 127.0.0.1:{port} did not answer within the connect timeout"
        )

    async def test_a_malformed_url_is_a_configuration_error(self) -> None:
        with pytest.raises(DatabaseUrlError) as failed:
            await probe(f"postgresql://z:{SECRET}@127.0.0.1:5432/z?sslmode=sometimes")
        assert str(failed.value).startswith("ZENHIRE_DATABASE_URL is malformed: ")
        assert "sslmode" in str(failed.value)
        assert SECRET not in str(failed.value)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (f"postgresql://u:{SECRET}@db.example:6432/app", "db.example:6432/app"),
        ("postgresql+asyncpg://u@db.example/app%20one", "db.example/app one"),
        ("postgresql://carol@/", "the default host/carol"),
        ("postgresql:///", "the default host/(default)"),
    ],
)
def test_describe_names_host_port_and_database_never_the_password(url: str, shown: str) -> None:
    assert describe(url) == shown


class TestReadiness:
    async def test_a_dead_connection_is_storage_unavailable(self, pg_url: str) -> None:
        settings = Settings(database_url=pg_url, db_pool_size=1, db_max_overflow=0)
        engine = make_engine(pg_url, engine_options(settings))
        try:
            async with request_connection(engine) as connection:
                db = await Transaction.on(connection)
                await db.raw.close()  # the server side is gone
                readiness = PostgresReadiness(db, ExpectedSchema(expected_revision()))
                with pytest.raises(StorageUnavailableError) as failed:
                    await readiness.check()
                await db.close()
        finally:
            await engine.dispose()
        assert failed.value.details == {"checks": {"database": "unavailable", "schema": "unknown"}}

    async def test_a_database_at_another_revision_is_not_ready(self, pg_url: str) -> None:
        settings = Settings(database_url=pg_url, db_pool_size=1, db_max_overflow=0)
        engine = make_engine(pg_url, engine_options(settings))
        try:
            async with request_connection(engine) as connection:
                db = await Transaction.on(connection)
                newer = PostgresReadiness(db, ExpectedSchema("9999_from_a_newer_release"))
                with pytest.raises(StorageUnavailableError) as failed:
                    await newer.check()
                assert await PostgresReadiness(db, ExpectedSchema.of_this_code()).check() == {
                    "database": "ok",
                    "schema": "ok",
                }
                await db.close()
        finally:
            await engine.dispose()
        assert failed.value.details == {
            "checks": {"database": "ok", "schema": "behind"},
            "schema_revision": {
                "current": expected_revision(),
                "expected": "9999_from_a_newer_release",
            },
        }
