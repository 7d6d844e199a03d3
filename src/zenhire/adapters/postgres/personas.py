"""Postgres adapter for personas."""

from __future__ import annotations

from typing import Final

from zenhire.adapters.postgres import rows
from zenhire.adapters.postgres.filters import Filters
from zenhire.adapters.postgres.statements import columns, lock, placeholders, read, write
from zenhire.adapters.postgres.tables import personas
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.ids import ClientId, PersonaId
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import Personas

_COLUMNS: Final = columns(personas)
_N: Final = len(personas.c)
ADD: Final = write(f"INSERT INTO personas ({_COLUMNS}) VALUES ({placeholders(_N)})")
_SETS: Final = ", ".join(f"{c.name} = ${i}" for i, c in enumerate(personas.c, 1) if i > 1)
UPDATE: Final = write(f"UPDATE personas SET {_SETS} WHERE id = $1")
# The lock admissions take (``waiting_line.LOCK_AND_READ``, FOR NO KEY UPDATE as everywhere
# the client row is locked); persona creation holds no other row lock before it, so the lock
# order stays client-last everywhere.
LOCK_CLIENT: Final = lock("SELECT 1 FROM clients WHERE id = $1 FOR NO KEY UPDATE")
ACTIVE_COUNT: Final = read(
    "SELECT count(*) FROM personas WHERE client_id = $1 AND status = 'active'"
)
GET: Final = read(f"SELECT {_COLUMNS} FROM personas WHERE id = $1")
WITH_OWNER_BALANCE: Final = read(
    f"SELECT {columns(personas, 'p')}, c.balance AS owner_balance"
    " FROM personas AS p JOIN clients AS c ON c.id = p.client_id WHERE p.id = $1"
)
PAGE: Final = Filters(
    f"SELECT {_COLUMNS} FROM personas WHERE client_id = $1",
    "ORDER BY created_at DESC, id DESC LIMIT {}",
    status="status = {}",
    after="(created_at, id) < ({}, {})",
)


class PostgresPersonas(Personas):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, persona: Persona) -> None:
        self.tx.stage(ADD, *rows.persona_args(persona))

    async def lock_active_count(self, client_id: ClientId) -> int:
        # Two statements: under READ COMMITTED the count must take its snapshot after the lock
        # is granted, or two racing creates would both count the same rows.
        await self.tx.fetchrow(LOCK_CLIENT, client_id)
        row = await self.tx.fetchrow(ACTIVE_COUNT, client_id)
        return int(row[0]) if row is not None else 0

    async def get(self, persona_id: PersonaId) -> Persona | None:
        row = await self.tx.fetchrow(GET, persona_id)
        return None if row is None else rows.persona(row)

    async def get_with_owner_balance(self, persona_id: PersonaId) -> tuple[Persona, int] | None:
        row = await self.tx.fetchrow(WITH_OWNER_BALANCE, persona_id)
        return None if row is None else (rows.persona(row), int(row["owner_balance"]))

    async def update(self, persona: Persona) -> None:
        self.tx.stage(UPDATE, *rows.persona_args(persona))

    async def list(
        self, client_id: ClientId, status: PersonaStatus | None, page: PageRequest
    ) -> list[Persona]:
        query = PAGE.query(client_id)
        if status is not None:
            query.where("status", status.value)
        if page.after is not None:
            query.where("after", page.after.created_at, page.after.id)
        statement, args = query.finish(page.limit + 1)
        return [rows.persona(r) for r in await self.tx.fetch(statement, *args)]
