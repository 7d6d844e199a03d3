"""The composition root: one set of providers for the app, the CLI and the tests, the store the
settings select, overrides that win, the store's reading of its own failures, and the use
cases that write composed to run once more after a lost transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import asyncpg
from dishka import Provider, Scope, provide

from tests.harness import make_settings
from zenhire.adapters.memory.sessions import MemorySessions
from zenhire.domain.console.use_cases.accept_invite import AcceptInvite
from zenhire.domain.console.use_cases.audit import ListAudit, RecordChange
from zenhire.domain.console.use_cases.change_password import ChangePassword
from zenhire.domain.console.use_cases.invites import InviteUser
from zenhire.domain.console.use_cases.login import Login, Logout
from zenhire.domain.console.use_cases.overview import Overview
from zenhire.domain.console.use_cases.resolve_session import ResolveSession
from zenhire.domain.console.use_cases.users import ChangeUser, ListUsers
from zenhire.domain.errors import StorageUnavailableError
from zenhire.domain.ports import Clock, Sessions
from zenhire.domain.use_cases.personas import CreatePersona, GetPersona
from zenhire.entrypoints.composition import conflicts
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


def retried(use_case: object) -> bool:
    """Whether ``use_case`` is ``conflicts.retried_once`` of its class."""
    return type(use_case).__module__ == conflicts.__name__


CONSOLE_WRITES: list[type[Any]] = [
    Login,
    Logout,
    ResolveSession,
    InviteUser,
    AcceptInvite,
    ChangePassword,
    ChangeUser,
]


async def test_use_cases_that_write_are_retried_once_like_the_api_ones_and_reads_are_not() -> None:
    container = make_container(make_settings())
    try:
        async with container() as scope:
            for use_case in [CreatePersona, *CONSOLE_WRITES]:
                found = await scope.get(use_case)
                assert isinstance(found, use_case), use_case.__name__
                assert retried(found), use_case.__name__
            for use_case in [GetPersona, ListUsers, ListAudit, Overview, RecordChange]:
                assert not retried(await scope.get(use_case)), use_case.__name__
    finally:
        await container.close()
