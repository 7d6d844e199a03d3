"""The engine, the per-request transaction (the unit of work), and error translation."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import CursorResult, Executable, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from zenhire.domain.errors import DomainError, StorageUnavailableError
from zenhire.domain.ports import Readiness, UnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class EngineOptions:
    pool_size: int = 10
    max_overflow: int = 10
    pool_timeout_seconds: float = 5.0
    statement_timeout_ms: int = 5_000
    lock_timeout_ms: int = 2_000
    idle_in_transaction_timeout_ms: int = 10_000
    connect_timeout_seconds: float = 5.0


def async_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` URLs; always drive them with asyncpg."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def make_engine(url: str, options: EngineOptions) -> AsyncEngine:
    """A pooled engine whose every connection carries server-side timeouts."""
    return create_async_engine(
        async_url(url),
        pool_size=options.pool_size,
        max_overflow=options.max_overflow,
        pool_timeout=options.pool_timeout_seconds,
        # No ping per checkout (a round trip on every request): a connection found dead fails
        # its one request with STORAGE_UNAVAILABLE, and SQLAlchemy then discards every pooled
        # connection opened before the failure, so the service recovers on the next request.
        pool_pre_ping=False,
        hide_parameters=True,  # digests and keys never reach logs or error messages
        connect_args={
            "timeout": options.connect_timeout_seconds,
            "server_settings": {
                "statement_timeout": str(options.statement_timeout_ms),
                "lock_timeout": str(options.lock_timeout_ms),
                "idle_in_transaction_session_timeout": str(options.idle_in_transaction_timeout_ms),
                "application_name": "zenhire",
            },
        },
    )


def translate(error: BaseException) -> DomainError | None:
    """The domain error an infrastructure failure stands for, or None if it is a bug."""
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return StorageUnavailableError()
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.TimeoutError):
        return StorageUnavailableError()
    if isinstance(error, OSError | TimeoutError):
        return StorageUnavailableError()
    return None


_AUTOCOMMIT: Final = "AUTOCOMMIT"


def _writes_or_locks(statement: Executable) -> bool:
    # A SELECT … FOR UPDATE takes row locks, which only mean something inside a transaction.
    return statement.is_dml or getattr(statement, "_for_update_arg", None) is not None


class Db:
    """The request's connection, opening a transaction only when one is needed.

    Under READ COMMITTED every statement of a transaction takes a fresh snapshot, so a read
    run on its own sees exactly what it would have seen inside one. Reads therefore run as
    their own statements (one round trip, no BEGIN/COMMIT); the first statement that writes
    or locks rows opens the transaction, which the unit of work commits or rolls back.
    """

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection
        self._in_transaction = False
        self._staged: list[tuple[Executable, Any]] = []

    @classmethod
    async def on(cls, connection: AsyncConnection) -> Db:
        await connection.execution_options(isolation_level=_AUTOCOMMIT)
        return cls(connection)

    async def execute(
        self, statement: Executable, parameters: Any = None, *, writes: bool = False
    ) -> CursorResult[Any]:
        """Run ``statement`` after any staged writes; ``writes`` marks one whose writes the
        checks above cannot see (text, or a SELECT over a data-modifying CTE)."""
        await self._flush()
        return await self._run(statement, parameters, writes=writes)

    def stage(self, statement: Executable, parameters: Any = None) -> None:
        """Queue a write whose result nobody reads. It runs before the next statement, or at
        commit; a unit of work that staged exactly one write and ran no other then sends it
        as a statement of its own: one round trip instead of BEGIN, write, COMMIT."""
        self._staged.append((statement, parameters))

    async def _flush(self) -> None:
        while self._staged:
            statement, parameters = self._staged.pop(0)
            await self._run(statement, parameters, writes=True)

    async def _run(
        self, statement: Executable, parameters: Any, *, writes: bool
    ) -> CursorResult[Any]:
        if not self._in_transaction and (writes or _writes_or_locks(statement)):
            await self.connection.commit()  # only SQLAlchemy's bookkeeping: nothing is open
            await self.connection.execution_options(
                isolation_level=self.connection.default_isolation_level
            )
            self._in_transaction = True
        return await self.connection.execute(statement, parameters)

    async def execute_alone(
        self, statement: Executable, parameters: Any = None
    ) -> CursorResult[Any]:
        """Run ``statement`` as a transaction of its own, committed when it returns."""
        if self._in_transaction or self._staged:
            await self.commit()
        result = await self.connection.execute(statement, parameters)
        await self.connection.commit()  # bookkeeping only, as above
        return result

    async def commit(self) -> None:
        if not self._in_transaction and len(self._staged) == 1:
            await self.execute_alone(*self._staged.pop())
            return
        await self._flush()
        await self.connection.commit()
        await self._back_to_autocommit()

    async def rollback(self) -> None:
        self._staged.clear()
        await self.connection.rollback()
        await self._back_to_autocommit()

    async def _back_to_autocommit(self) -> None:
        if self._in_transaction:
            self._in_transaction = False
            await self.connection.execution_options(isolation_level=_AUTOCOMMIT)


class PostgresUnitOfWork(UnitOfWork):
    """Commits or rolls back the transaction the request's first write opened (if any)."""

    def __init__(self, db: Db) -> None:
        self.db = db

    async def commit(self) -> None:
        try:
            await self.db.commit()
        except sa_exc.SQLAlchemyError as error:
            raise (translate(error) or error) from error

    async def rollback(self) -> None:
        await self.db.rollback()


@asynccontextmanager
async def request_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A pooled connection for one request; an unreachable database is STORAGE_UNAVAILABLE."""
    try:
        connection = await engine.connect()
    except (sa_exc.SQLAlchemyError, OSError) as error:
        raise StorageUnavailableError() from error
    try:
        yield connection
    finally:
        try:
            await connection.rollback()  # a no-op after commit
        finally:
            await connection.close()


class PostgresReadiness(Readiness):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def check(self) -> None:
        try:
            await self.db.execute(text("SELECT 1"))
        except sa_exc.SQLAlchemyError as error:
            raise StorageUnavailableError() from error
