"""Where the Postgres tests get a server: env URL, else testcontainers, else skip (fail in CI)."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Final

import asyncpg
import pytest

from zenhire.adapters.postgres.migrate import upgrade_to_head

ENV: Final = "ZENHIRE_TEST_DATABASE_URL"
HOW: Final = (
    f"Postgres tests need a server: set {ENV}=postgresql://user@host:port/db (a role that may "
    "CREATE DATABASE), or run a Docker engine for testcontainers."
)


@contextmanager
def server_url() -> Iterator[str]:
    """A URL of a maintenance database on some server this run may use."""
    if url := os.environ.get(ENV):
        yield url
        return
    from testcontainers.community.postgres import PostgresContainer

    container = PostgresContainer("postgres:16-alpine", driver=None)
    try:
        container.start()
    except Exception as error:  # no Docker engine: skip, or fail under CI
        reason = f"{HOW} ({type(error).__name__}: {error})"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Postgres tests. {reason}", pytrace=False)
        pytest.skip(reason)
    try:
        yield container.get_connection_url()
    finally:
        container.stop()


def _with_db(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


async def _admin(url: str, sql: str) -> None:
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@asynccontextmanager
async def throwaway_database() -> AsyncIterator[str]:
    """A fresh, migrated database for this test run, dropped afterwards."""
    with server_url() as url:
        name = f"zenhire_test_{secrets.token_hex(4)}"
        await _admin(url, f'CREATE DATABASE "{name}"')
        db_url = _with_db(url, name)
        try:
            await upgrade_to_head(db_url)
            yield db_url
        finally:
            await _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
