"""The composition root: one set of providers for the app, the CLI and the tests, the store the
settings select, overrides that win, and the store's reading of its own failures."""

from __future__ import annotations

from datetime import UTC, datetime

import asyncpg
from dishka import Provider, Scope, provide

from tests.harness import make_settings
from zenhire.adapters.memory.sessions import MemorySessions
from zenhire.domain.errors import StorageUnavailableError
from zenhire.domain.ports import Clock, Sessions
from zenhire.entrypoints.composition.container import make_container, providers
from zenhire.entrypoints.composition.postgres import PostgresProvider
from zenhire.entrypoints.storage_faults import StorageFaults

PG_URL = "postgresql://nobody@127.0.0.1:1/none"  # never reached: nothing here connects


class Frozen(Clock):
    def now(self) -> datetime:
        return datetime(2030, 1, 1, tzinfo=UTC)


class FrozenClock(Provider):
    @provide(scope=Scope.APP)
    def clock(self) -> Clock:
        return Frozen()


def lost_connection() -> asyncpg.PostgresError:
    error = asyncpg.PostgresError.get_message_class_for_sqlstate("57P01")("terminating")
    error.sqlstate = "57P01"
    return error


async def test_memory_settings_wire_the_memory_store_and_overrides_win() -> None:
    container = make_container(make_settings(), FrozenClock())
    try:
        assert (await container.get(Clock)).now().year == 2030
        async with container() as scope:
            assert isinstance(await scope.get(Sessions), MemorySessions)
        faults = await container.get(StorageFaults)
        assert faults(lost_connection()) is None  # the memory store raises domain errors only
    finally:
        await container.close()


async def test_a_database_url_wires_postgres_and_its_failures_read_as_domain_errors() -> None:
    settings = make_settings(database_url=PG_URL)
    assert any(isinstance(p, PostgresProvider) for p in providers(settings))
    container = make_container(settings)
    try:
        faults = await container.get(StorageFaults)
        assert isinstance(faults(lost_connection()), StorageUnavailableError)
        assert faults(ValueError("a bug")) is None
    finally:
        await container.close()
