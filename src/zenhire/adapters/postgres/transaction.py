"""The request's transaction: the one place that sends BEGIN, COMMIT and ROLLBACK.

Every statement arrives as a declared ``Statement`` and its mode decides where it runs
(``statements``): reads run alone until the first write or lock opens the transaction (under
READ COMMITTED every statement takes a fresh snapshot, so a read run alone sees exactly what it
would have seen inside one); a lock therefore always runs inside a transaction and holds until
COMMIT. Writes whose results nobody reads are staged: they run before the next statement, or
at commit, where a transaction that staged exactly one write and ran no other sends it alone —
one round trip instead of BEGIN, write, COMMIT.

Statements go straight to asyncpg on the pooled connection (SQLAlchemy only pools and
connects). Failures that may pass by themselves become ``StorageUnavailableError`` here, inside
the adapter (``faults``), with the driver's error as their cause; any other error is a bug and
keeps its own type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import asyncpg
from sqlalchemy.ext.asyncio import AsyncConnection

from zenhire.adapters.postgres import merged
from zenhire.adapters.postgres.faults import storage_errors
from zenhire.adapters.postgres.staged import Staged, StagedWrite
from zenhire.adapters.postgres.statements import Mode, Statement

_AUTOCOMMIT: Final = "AUTOCOMMIT"


class Transaction:
    """One pooled connection's work for one request (or one sweeper batch, one claim)."""

    def __init__(self, connection: AsyncConnection, raw: asyncpg.Connection) -> None:
        self.connection = connection
        self.raw = raw
        self._open = False
        self._staged: list[Staged] = []
        self._after_commit: list[Callable[[], None]] = []
        self._released = False
        self._merge = False

    @classmethod
    async def on(cls, connection: AsyncConnection) -> Transaction:
        # SQLAlchemy's side stays in autocommit so it never begins a transaction of its own.
        await connection.execution_options(isolation_level=_AUTOCOMMIT)
        raw = (await connection.get_raw_connection()).driver_connection
        assert raw is not None  # noqa: S101  # a checked-out pooled connection has one
        return cls(connection, raw)

    @property
    def holds_work(self) -> bool:
        """True while staged writes, or the writes and locks of an open transaction, await
        COMMIT or ROLLBACK."""
        return self._open or bool(self._staged)

    @property
    def is_open(self) -> bool:
        """True between the BEGIN a write or lock sent and the COMMIT or ROLLBACK."""
        return self._open

    # --- statements ----------------------------------------------------------------------

    async def fetch(self, statement: Statement, *args: Any) -> list[asyncpg.Record]:
        await self._place(statement)
        with storage_errors():
            rows: list[asyncpg.Record] = await self.raw.fetch(statement.sql, *args)
        return rows

    async def fetchrow(self, statement: Statement, *args: Any) -> asyncpg.Record | None:
        await self._place(statement)
        with storage_errors():
            return await self.raw.fetchrow(statement.sql, *args)

    async def execute(self, statement: Statement, *args: Any) -> int:
        """Run a statement whose rows nobody reads; the number of rows it touched."""
        await self._place(statement)
        with storage_errors():
            status: str = await self.raw.execute(statement.sql, *args)
        count = status.rpartition(" ")[2]
        return int(count) if count.isdigit() else 0

    def stage(self, statement: Statement, *args: Any) -> None:
        """Queue a write whose result nobody reads (see the module docstring)."""
        if statement.mode is not Mode.WRITE:
            raise ValueError(f"only a write can be staged, not a {statement.mode.value}")
        self._check_held()
        self._staged.append(StagedWrite(self.raw, statement.sql, args))

    def merge_writes(self) -> None:
        """Until this transaction ends, send what it stages as one statement (``merged``):
        for a transaction holding a contended lock, whose remaining writes touch different
        rows and come in an order ``merged.mergeable`` accepts."""
        self._merge = True

    # --- the transaction -----------------------------------------------------------------

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the commit has been sent, whatever its outcome (a COMMIT
        whose answer was lost may still have landed); a rollback drops it."""
        self._after_commit.append(callback)

    async def commit(self) -> None:
        try:
            with storage_errors():
                if not self._open and len(self._staged) == 1:
                    await self._staged.pop()()
                    return
                await self._flush()
                if self._open:
                    self._open = False
                    await self.raw.execute("COMMIT")
        finally:
            self._merge = False
            callbacks, self._after_commit = self._after_commit, []
            for callback in callbacks:
                callback()

    async def rollback(self) -> None:
        self._merge = False
        self._staged.clear()
        self._after_commit.clear()
        if self._open:
            self._open = False
            with storage_errors():
                await self.raw.execute("ROLLBACK")

    async def release(self) -> None:
        """Roll back what was not committed and return the connection to the pool now, before
        the request ends; any later use of this transaction is a bug and raises."""
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
        elif self._open:
            await self.rollback()

    def _check_held(self) -> None:
        if self._released:
            msg = "the request's connection was released"
            raise RuntimeError(msg)

    async def _place(self, statement: Statement) -> None:
        """Send what must precede ``statement``: staged writes, and BEGIN or COMMIT."""
        self._check_held()
        if statement.mode is Mode.ALONE:
            if self._open or self._staged:
                await self.commit()
            return
        with storage_errors():
            if self._staged:
                await self._flush()
            if statement.opens_transaction and not self._open:
                await self._begin()

    async def _flush(self) -> None:
        if self._staged and not self._open:
            await self._begin()
        writes = [(w.sql, w.args) for w in self._staged if isinstance(w, StagedWrite)]
        if self._merge and len(writes) == len(self._staged) and merged.mergeable(writes):
            self._staged.clear()
            sql, args = merged.one_statement(writes)
            await self.raw.execute(sql, *args)
            return
        while self._staged:
            await self._staged.pop(0)()

    async def _begin(self) -> None:
        await self.raw.execute("BEGIN")
        self._open = True
