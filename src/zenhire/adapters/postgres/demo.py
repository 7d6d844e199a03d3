"""The lookup that lets ``zenhire demo-seed`` find the demo client it created before."""

from __future__ import annotations

from typing import Final

from zenhire.adapters.postgres.db import Db
from zenhire.domain.model.ids import ClientId

_OLDEST_ACTIVE_BY_NAME: Final = (
    "SELECT id FROM clients WHERE name = $1 AND active ORDER BY created_at, id LIMIT 1"
)


async def find_active_client(db: Db, name: str) -> ClientId | None:
    """The oldest active client called exactly ``name``, if any."""
    row = await db.fetchrow(_OLDEST_ACTIVE_BY_NAME, name)
    return None if row is None else ClientId(row["id"])
