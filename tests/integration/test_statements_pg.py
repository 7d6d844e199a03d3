"""Every declared statement against the migrated schema, and the table metadata against the
migrations: a typo, a drifted column or a statement declared in the wrong mode fails here."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine

import zenhire.adapters.postgres
from zenhire.adapters.postgres.connection import async_url
from zenhire.adapters.postgres.statements import DECLARED, Mode, Statement
from zenhire.adapters.postgres.tables import metadata

pytestmark = pytest.mark.postgres


def declared() -> list[Statement]:
    """Every statement the adapter declares: importing each module declares its own."""
    package = zenhire.adapters.postgres
    for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        if not module.name.endswith(".migrations"):
            importlib.import_module(module.name)
    return list(dict.fromkeys(DECLARED))


STATEMENTS = declared()


@pytest.fixture
async def connection(pg_url: str) -> AsyncIterator[asyncpg.Connection]:
    connection = await asyncpg.connect(pg_url)
    try:
        yield connection
    finally:
        await connection.close()


def test_the_adapter_declares_its_statements_in_every_mode() -> None:
    assert {s.mode for s in STATEMENTS} == set(Mode)
    assert len(STATEMENTS) > 40


@pytest.mark.parametrize("statement", STATEMENTS, ids=lambda s: s.sql[:60])
async def test_every_statement_prepares_and_runs_in_its_declared_mode(
    connection: asyncpg.Connection, statement: Statement
) -> None:
    """Prepared against the migrated schema, then run with every parameter NULL inside a READ
    ONLY transaction: a read must run there, and the server must refuse anything that writes
    or locks rows — so no statement can be declared a read and skip BEGIN."""
    prepared = await connection.prepare(statement.sql)
    nulls: list[Any] = [None] * len(prepared.get_parameters())
    async with connection.transaction(readonly=True):
        if statement.mode is Mode.READ:
            await connection.fetch(statement.sql, *nulls)
        else:
            with pytest.raises(asyncpg.ReadOnlySQLTransactionError):
                await connection.fetch(statement.sql, *nulls)


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True}
    )
    return list(compare_metadata(context, metadata))


async def test_the_table_metadata_matches_the_migrated_schema(pg_url: str) -> None:
    engine = create_async_engine(async_url(pg_url))
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(_differences)
    finally:
        await engine.dispose()
    assert differences == []
