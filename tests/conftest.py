"""Shared fixtures; the session's PostgreSQL (tests/pg.py) and its connection budget."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest
from litestar.testing import AsyncTestClient

from tests.connection_budget import ConnectionWatch, budget
from tests.harness import World
from tests.pg import (
    RUN_PREFIX,
    NoServerError,
    Server,
    chosen_kind,
    describe,
    pg_dump_for,
    running_server,
    server_major,
    throwaway_database,
)
from zenhire.entrypoints.http.app import create_app

watches: list[ConnectionWatch] = []
used: list[Server] = []
running = ["(session set-up)"]  # the test in progress, for the watch's report


def pytest_report_header(config: pytest.Config) -> str:
    return f"postgres: {describe(chosen_kind())}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Whatever reaches the session's server is a Postgres test, marked or not."""
    for item in items:
        if "pg_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


def pytest_runtest_logstart(nodeid: str) -> None:
    running[0] = nodeid
    for watch in watches:
        watch.running = nodeid


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Postgres tests run everywhere (a server always exists, tests/pg.py), so a skip hides
    a test that should have run: it is reported as a failure."""
    report: pytest.TestReport = yield  # type: ignore[misc]
    if (
        report.skipped
        and not hasattr(report, "wasxfail")
        and item.get_closest_marker("postgres") is not None
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"a Postgres test must run, not skip (skipped: {reason})"
    return report  # type: ignore[return-value]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for server in used:
        terminalreporter.write_line(f"postgres: used {describe(server.kind)}")
    for watch in watches:
        terminalreporter.write_line(f"postgres connections: {watch.summary()}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """The session's server, started on first use. Without one the run stops, in one line."""
    try:
        with running_server(chosen_kind()) as server:
            used.append(server)
            yield server
    except NoServerError as error:
        pytest.exit(str(error), returncode=pytest.ExitCode.TESTS_FAILED)


@pytest.fixture(scope="session")
async def pg_url(pg_server: Server) -> AsyncIterator[str]:
    """The run's database, migrated; its connections are watched against the budget."""
    try:
        async with throwaway_database(pg_server.url) as url:
            watch = ConnectionWatch(url, RUN_PREFIX, budget())
            watch.running = running[0]
            watches.append(watch)
            watch.start()
            try:
                yield url
            finally:
                watch.stop()
    except NoServerError as error:
        pytest.exit(str(error), returncode=pytest.ExitCode.TESTS_FAILED)
    if failure := watch.failure():
        pytest.fail(failure, pytrace=False)


@pytest.fixture(scope="session")
def database_url(pg_url: str) -> str:
    """The contract suite's name for the run's database."""
    return pg_url


@pytest.fixture(scope="session")
async def pg_dump(pg_url: str) -> str:
    """A pg_dump program that can dump the session's server."""
    major = await server_major(pg_url)
    try:
        return await asyncio.to_thread(pg_dump_for, major)
    except NoServerError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
async def client(world: World) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    # Signed S2S calls carry wall-clock timestamps: start the manual clock at "now".
    world.clock.set(datetime.now(UTC))
    app = create_app(world.settings, *world.overrides())
    async with AsyncTestClient(app) as test_client:
        yield test_client
