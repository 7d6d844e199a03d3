"""One classification of database failures by SQLSTATE, whichever library raised them."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_dbapi

from zenhire.adapters.postgres.connection import translate
from zenhire.adapters.postgres.faults import is_retryable, is_transient, sqlstate_of
from zenhire.domain.errors import StorageUnavailableError

TRANSIENT = ["55P03", "57014", "40P01", "40001", "53300", "57P01", "57P02", "57P03", "08006"]
BUGS = ["23505", "42P01", "22P02", "42703"]


def raw(sqlstate: str) -> asyncpg.PostgresError:
    cls = asyncpg.PostgresError.get_message_class_for_sqlstate(sqlstate)
    error = cls("server said no")
    error.sqlstate = sqlstate  # as the protocol sets it on a server message
    return error


def wrapped(sqlstate: str) -> sa_exc.DBAPIError:
    """As SQLAlchemy's asyncpg dialect raises it: DBAPIError(.orig = adapted error whose
    cause is asyncpg's)."""
    error = raw(sqlstate)
    dbapi = AsyncAdapt_asyncpg_dbapi(asyncpg)
    adapted = dbapi._asyncpg_error_translate[asyncpg.PostgresError]("server said no", error)
    adapted.__cause__ = error
    return sa_exc.DBAPIError.instance("INSERT …", None, adapted, dbapi.Error)


@pytest.mark.parametrize("sqlstate", TRANSIENT)
@pytest.mark.parametrize("make", [raw, wrapped], ids=["asyncpg", "sqlalchemy"])
def test_conditions_that_pass_are_storage_unavailable(sqlstate: str, make: object) -> None:
    error = make(sqlstate)  # type: ignore[operator]
    assert sqlstate_of(error) == sqlstate
    assert is_transient(error)
    assert isinstance(translate(error), StorageUnavailableError)


@pytest.mark.parametrize("sqlstate", BUGS)
@pytest.mark.parametrize("make", [raw, wrapped], ids=["asyncpg", "sqlalchemy"])
def test_other_database_errors_are_bugs(sqlstate: str, make: object) -> None:
    assert translate(make(sqlstate)) is None  # type: ignore[operator]


@pytest.mark.parametrize("make", [raw, wrapped], ids=["asyncpg", "sqlalchemy"])
def test_only_deadlocks_and_serialization_failures_are_retried(make: object) -> None:
    assert is_retryable(make("40P01"))  # type: ignore[operator]
    assert is_retryable(make("40001"))  # type: ignore[operator]
    assert not is_retryable(make("55P03"))  # type: ignore[operator]


def test_lost_connections_without_a_sqlstate_are_storage_unavailable() -> None:
    assert is_transient(ConnectionResetError())
    assert is_transient(TimeoutError())
    assert is_transient(asyncpg.InterfaceError("connection is closed"))
    assert not is_transient(RuntimeError("a bug"))
