"""Postgres adapter for accepted S2S signatures: one autocommitted upsert per request."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from sqlalchemy import delete, select

from zenhire.adapters.postgres.db import Db
from zenhire.adapters.postgres.tables import s2s_signatures as t
from zenhire.domain.ports import SeenSignatures

# Insert first: the primary key on the digest makes a concurrent insert of the same digest
# wait for the first to commit, then take the conflict branch, which sees the committed row
# and hands its path back. DO UPDATE (rather than DO NOTHING) so that every digest comes back
# in one round trip; it replaces only an entry older than $4.
REMEMBER: Final = """
INSERT INTO s2s_signatures AS s (digest, path, accepted_at)
SELECT d, $2, $3 FROM unnest($1::bytea[]) AS d
ON CONFLICT (digest) DO UPDATE SET
    path = CASE WHEN s.accepted_at < $4 THEN excluded.path ELSE s.path END,
    accepted_at = CASE WHEN s.accepted_at < $4 THEN excluded.accepted_at ELSE s.accepted_at END
RETURNING digest, path
"""


class PostgresSeenSignatures(SeenSignatures):
    """Runs on the request's connection, each statement a transaction of its own, so an entry
    is visible to every process as soon as the call returns (and before the request's work)."""

    def __init__(self, db: Db) -> None:
        self.db = db

    async def remember(
        self, digests: Sequence[bytes], path: str, now: datetime, forget_before: datetime
    ) -> dict[bytes, str]:
        rows = await self.db.fetch_alone(REMEMBER, list(digests), path, now, forget_before)
        return {bytes(r["digest"]): str(r["path"]) for r in rows}

    async def forget(self, before: datetime, limit: int) -> int:
        oldest = (
            select(t.c.digest)
            .where(t.c.accepted_at < before)
            .order_by(t.c.accepted_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        result = await self.db.execute_alone(
            delete(t).where(t.c.digest.in_(oldest.scalar_subquery()))
        )
        return int(result.rowcount)
