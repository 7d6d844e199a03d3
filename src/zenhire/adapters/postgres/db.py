"""The request's connection: reads on their own, a transaction from the first write or lock.

Under READ COMMITTED every statement of a transaction takes a fresh snapshot, so a read run on
its own sees exactly what it would have seen inside one. Reads therefore run alone (one round
trip, no BEGIN/COMMIT); the first statement that writes or locks rows opens the transaction,
which the unit of work commits or rolls back. Writes whose results nobody reads are staged:
they run before the next statement, or at commit, where a unit of work that staged exactly one
write and ran no other sends it alone — one round trip instead of BEGIN, write, COMMIT.

Two ways in, one transaction: SQLAlchemy Core statements (``execute``) and plain SQL with
``$n`` parameters sent straight to asyncpg (``fetch``/``fetchrow``/``stage_sql``), which the
hot paths use because it costs a fraction of the CPU. SQLAlchemy's side of the connection stays
in autocommit, so it never begins a transaction of its own: BEGIN, COMMIT and ROLLBACK are
sent here, and Core statements run inside them like any other.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Final

import asyncpg
from sqlalchemy import CursorResult, Executable
from sqlalchemy.ext.asyncio import AsyncConnection

_AUTOCOMMIT: Final = "AUTOCOMMIT"
Write = Callable[[], Awaitable[object]]


def _writes_or_locks(statement: Executable) -> bool:
    # A SELECT … FOR UPDATE takes row locks, which only mean something inside a transaction.
    return statement.is_dml or getattr(statement, "_for_update_arg", None) is not None


class Db:
    def __init__(self, connection: AsyncConnection, raw: asyncpg.Connection) -> None:
        self.connection = connection
        self.raw = raw
        self._in_transaction = False
        self._staged: list[Write] = []
        self._after_commit: list[Callable[[], None]] = []
        self._released = False

    @classmethod
    async def on(cls, connection: AsyncConnection) -> Db:
        await connection.execution_options(isolation_level=_AUTOCOMMIT)
        raw = (await connection.get_raw_connection()).driver_connection
        assert raw is not None  # noqa: S101  # a checked-out pooled connection has one
        return cls(connection, raw)

    # --- reading and writing -----------------------------------------------------------

    async def execute(
        self, statement: Executable, parameters: Any = None, *, writes: bool = False
    ) -> CursorResult[Any]:
        """Run a Core statement after any staged writes; ``writes`` marks one whose writes the
        check cannot see (text, or a SELECT over a data-modifying CTE)."""
        await self._before(writes or _writes_or_locks(statement))
        return await self.connection.execute(statement, parameters)

    async def fetch(self, sql: str, *args: Any, writes: bool = False) -> list[asyncpg.Record]:
        """Run plain SQL; ``writes`` must be set for anything that writes or locks rows."""
        await self._before(writes)
        rows: list[asyncpg.Record] = await self.raw.fetch(sql, *args)
        return rows

    async def fetchrow(self, sql: str, *args: Any, writes: bool = False) -> asyncpg.Record | None:
        await self._before(writes)
        return await self.raw.fetchrow(sql, *args)

    def stage(self, statement: Executable, parameters: Any = None) -> None:
        """Queue a Core write whose result nobody reads (see the module docstring)."""
        self._staged.append(lambda: self.connection.execute(statement, parameters))

    def stage_sql(self, sql: str, *args: Any) -> None:
        """Queue a plain-SQL write whose result nobody reads."""
        self._staged.append(lambda: self.raw.execute(sql, *args))

    async def fetch_alone(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        """Run one plain-SQL statement as a transaction of its own, committed on return."""
        self._check_held()
        if self._in_transaction or self._staged:
            await self.commit()
        rows: list[asyncpg.Record] = await self.raw.fetch(sql, *args)
        return rows

    async def execute_alone(
        self, statement: Executable, parameters: Any = None
    ) -> CursorResult[Any]:
        """Run one Core statement as a transaction of its own, committed on return."""
        self._check_held()
        if self._in_transaction or self._staged:
            await self.commit()
        return await self.connection.execute(statement, parameters)

    # --- the transaction ----------------------------------------------------------------

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the unit of work's commit has been sent, whatever its outcome
        (a COMMIT whose answer was lost may still have landed); a rollback drops it."""
        self._after_commit.append(callback)

    async def commit(self) -> None:
        try:
            if not self._in_transaction and len(self._staged) == 1:
                await self._staged.pop()()
                return
            await self._flush()
            if self._in_transaction:
                self._in_transaction = False
                await self.raw.execute("COMMIT")
        finally:
            callbacks, self._after_commit = self._after_commit, []
            for callback in callbacks:
                callback()

    async def rollback(self) -> None:
        self._staged.clear()
        self._after_commit.clear()
        if self._in_transaction:
            self._in_transaction = False
            await self.raw.execute("ROLLBACK")

    async def release(self) -> None:
        """Roll back what was not committed and return the connection to the pool now, before
        the request ends; any later use of this ``Db`` is a bug and raises."""
        if self._released:
            return
        await self.close()
        self._released = True
        await self.connection.close()

    async def close(self) -> None:
        """End the request: whatever was not committed is rolled back; a connection found
        dead is discarded rather than handed to the next request."""
        self._staged.clear()
        self._after_commit.clear()
        if self._released:
            return
        if self.raw.is_closed():
            await self.connection.invalidate()
        elif self._in_transaction:
            await self.rollback()

    def _check_held(self) -> None:
        if self._released:
            msg = "the request's connection was released"
            raise RuntimeError(msg)

    async def _before(self, writes: bool) -> None:
        self._check_held()
        if self._staged:
            await self._flush()
        if writes and not self._in_transaction:
            await self._begin()

    async def _flush(self) -> None:
        if self._staged and not self._in_transaction:
            await self._begin()
        while self._staged:
            await self._staged.pop(0)()

    async def _begin(self) -> None:
        await self.raw.execute("BEGIN")
        self._in_transaction = True
