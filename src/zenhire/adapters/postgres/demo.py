"""The lookup that lets ``zenhire demo-seed`` find the demo client it created before."""

from __future__ import annotations

from typing import Final

from zenhire.adapters.postgres.statements import read
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.ids import ClientId

OLDEST_ACTIVE_BY_NAME: Final = read(
    "SELECT id FROM clients WHERE name = $1 AND active ORDER BY created_at, id LIMIT 1"
)


async def find_active_client(tx: Transaction, name: str) -> ClientId | None:
    """The oldest active client called exactly ``name``, if any."""
    row = await tx.fetchrow(OLDEST_ACTIVE_BY_NAME, name)
    return None if row is None else ClientId(row["id"])
