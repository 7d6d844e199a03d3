"""Postgres adapter for personas."""

from __future__ import annotations

from typing import Final

from sqlalchemy import insert, select, update

from zenhire.adapters.postgres import hot_sql, mapping
from zenhire.adapters.postgres.db import Db
from zenhire.adapters.postgres.keyset import newest_first
from zenhire.adapters.postgres.tables import personas
from zenhire.domain.model.ids import ClientId, PersonaId
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import Personas

# The lock admissions take (``CLIENT_FOR_UPDATE``); persona creation holds no other row lock
# before it, so the lock order stays client-last everywhere.
# FOR NO KEY UPDATE, as everywhere the client row is locked (see hot_sql.CLIENT_FOR_UPDATE).
_LOCK_CLIENT: Final = "SELECT 1 FROM clients WHERE id = $1 FOR NO KEY UPDATE"
_ACTIVE_COUNT: Final = "SELECT count(*) FROM personas WHERE client_id = $1 AND status = 'active'"


class PostgresPersonas(Personas):
    def __init__(self, db: Db) -> None:
        self.db = db

    async def add(self, persona: Persona) -> None:
        self.db.stage(insert(personas).values(**mapping.persona_values(persona)))

    async def lock_active_count(self, client_id: ClientId) -> int:
        # Two statements: under READ COMMITTED the count must take its snapshot after the lock
        # is granted, or two racing creates would both count the same rows.
        await self.db.fetchrow(_LOCK_CLIENT, client_id, writes=True)
        row = await self.db.fetchrow(_ACTIVE_COUNT, client_id)
        return int(row[0]) if row is not None else 0

    async def get(self, persona_id: PersonaId) -> Persona | None:
        row = await self.db.fetchrow(hot_sql.PERSONA, persona_id)
        return None if row is None else mapping.persona(row)

    async def get_with_owner_balance(self, persona_id: PersonaId) -> tuple[Persona, int] | None:
        row = await self.db.fetchrow(hot_sql.PERSONA_WITH_OWNER_BALANCE, persona_id)
        return None if row is None else (mapping.persona(row), int(row["owner_balance"]))

    async def update(self, persona: Persona) -> None:
        values = mapping.persona_values(persona)
        self.db.stage(update(personas).where(personas.c.id == persona.id).values(values))

    async def list(
        self, client_id: ClientId, status: PersonaStatus | None, page: PageRequest
    ) -> list[Persona]:
        query = select(personas).where(personas.c.client_id == client_id)
        if status is not None:
            query = query.where(personas.c.status == status.value)
        query = newest_first(query, personas.c.created_at, personas.c.id, page)
        return [mapping.persona(r._mapping) for r in await self.db.execute(query)]
