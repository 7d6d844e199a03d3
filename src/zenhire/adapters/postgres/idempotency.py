"""Postgres adapter for idempotency keys: short transactions of their own, on their own pool."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Final

from sqlalchemy.ext.asyncio import AsyncEngine

from zenhire.adapters.postgres.connection import request_connection
from zenhire.adapters.postgres.statements import columns, read, write
from zenhire.adapters.postgres.tables import idempotency_keys
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.idempotency import (
    CLAIM_LEASE,
    REMEMBER_FOR,
    IdempotencyRecord,
    IdempotencyScope,
)
from zenhire.domain.model.ids import SessionId
from zenhire.domain.ports import IdempotencyKeys

# A fresh claim inserts; a key past its 24 hours ($4), or whose owner let its lease lapse
# ($5), is taken over; otherwise nothing is returned and the stored record is read after.
CLAIM: Final = write("""
INSERT INTO idempotency_keys AS t (scope, key, fingerprint, running, created_at)
VALUES ($1, $2, $3, true, $6)
ON CONFLICT (scope, key) DO UPDATE SET
    fingerprint = excluded.fingerprint, running = true, status_code = NULL, body = NULL,
    session_id = NULL, created_at = excluded.created_at
WHERE t.created_at < $4 OR (t.running AND t.created_at < $5)
RETURNING t.key""")
GET: Final = read(
    f"SELECT {columns(idempotency_keys)} FROM idempotency_keys WHERE scope = $1 AND key = $2"
)
FINISH: Final = write(
    "UPDATE idempotency_keys SET running = false, status_code = $3, body = $4, session_id = $5"
    " WHERE scope = $1 AND key = $2"
)
# Rows are locked (skipping those a claim holds) before they are deleted, so a claim
# re-taking an expired key either wins and the purge skips it, or waits and inserts anew.
PURGE: Final = write("""
WITH old AS (
    SELECT scope, key FROM idempotency_keys WHERE created_at < $1
    ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED
)
DELETE FROM idempotency_keys AS t USING old
WHERE t.scope = old.scope AND t.key = old.key AND t.created_at < $1""")
RENEW: Final = write(
    "UPDATE idempotency_keys SET created_at = $3 WHERE scope = $1 AND key = $2 AND running"
)
RELEASE: Final = write("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND running")


class PostgresIdempotencyKeys(IdempotencyKeys):
    """``claim`` is one conditional upsert: exactly one caller, in any process, owns a key."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[Transaction]:
        """A transaction of its own, committed when the block ends without an error (a lone
        staged write is sent alone: one round trip)."""
        async with request_connection(self.engine) as connection:
            tx = await Transaction.on(connection)
            try:
                yield tx
                await tx.commit()
            finally:
                await tx.close()

    async def claim(
        self, scope: IdempotencyScope, key: str, fingerprint: str, now: datetime
    ) -> IdempotencyRecord | None:
        async with self._transaction() as tx:
            claimed = await tx.fetchrow(
                CLAIM, scope, key, fingerprint, now - REMEMBER_FOR, now - CLAIM_LEASE, now
            )
            if claimed is not None:
                return None
            row = await tx.fetchrow(GET, scope, key)
        assert row is not None  # noqa: S101  # the conflict proved the row is there
        return IdempotencyRecord(
            IdempotencyScope(row["scope"]),
            row["key"],
            row["fingerprint"],
            row["running"],
            row["status_code"],
            bytes(row["body"]) if row["body"] is not None else None,
            SessionId(row["session_id"]) if row["session_id"] else None,
            row["created_at"],
        )

    async def finish(
        self,
        scope: IdempotencyScope,
        key: str,
        status_code: int,
        body: bytes | None,
        session_id: SessionId | None,
    ) -> None:
        async with self._transaction() as tx:
            tx.stage(FINISH, scope, key, status_code, body, session_id)

    async def purge_expired(self, before: datetime, limit: int) -> int:
        async with self._transaction() as tx:
            return await tx.execute(PURGE, before, limit)

    async def renew(self, scope: IdempotencyScope, key: str, now: datetime) -> None:
        async with self._transaction() as tx:
            tx.stage(RENEW, scope, key, now)

    async def release(self, scope: IdempotencyScope, key: str) -> None:
        async with self._transaction() as tx:
            tx.stage(RELEASE, scope, key)
