"""Postgres adapter for accepted S2S signatures: one autocommitted upsert per request."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from zenhire.adapters.postgres.statements import alone
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.ports import SeenSignatures

# Insert first: the primary key on the digest makes a concurrent insert of the same digest
# wait for the first to commit, then take the conflict branch, which sees the committed row
# and hands its path back. DO UPDATE (rather than DO NOTHING) so that every digest comes back
# in one round trip; it replaces only an entry older than $4.
REMEMBER: Final = alone("""
INSERT INTO s2s_signatures AS s (digest, path, accepted_at)
SELECT d, $2, $3 FROM unnest($1::bytea[]) AS d
ON CONFLICT (digest) DO UPDATE SET
    path = CASE WHEN s.accepted_at < $4 THEN excluded.path ELSE s.path END,
    accepted_at = CASE WHEN s.accepted_at < $4 THEN excluded.accepted_at ELSE s.accepted_at END
RETURNING digest, path
""")
FORGET: Final = alone("""
DELETE FROM s2s_signatures WHERE digest IN (
    SELECT digest FROM s2s_signatures WHERE accepted_at < $1
    ORDER BY accepted_at LIMIT $2 FOR UPDATE SKIP LOCKED
)""")


class PostgresSeenSignatures(SeenSignatures):
    """Runs on the request's connection, each statement a transaction of its own, so an entry
    is visible to every process as soon as the call returns (and before the request's work)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def remember(
        self, digests: Sequence[bytes], path: str, now: datetime, forget_before: datetime
    ) -> dict[bytes, str]:
        found = await self.tx.fetch(REMEMBER, list(digests), path, now, forget_before)
        return {bytes(r["digest"]): str(r["path"]) for r in found}

    async def forget(self, before: datetime, limit: int) -> int:
        return await self.tx.execute(FORGET, before, limit)
