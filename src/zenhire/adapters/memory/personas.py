"""Memory adapter for personas."""

from __future__ import annotations

from zenhire.adapters.memory.keyset import newest_first
from zenhire.adapters.memory.store import MemoryTransaction, clone
from zenhire.domain.model.ids import ClientId, PersonaId
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.pagination import PageRequest
from zenhire.domain.ports import Personas


class MemoryPersonas(Personas):
    def __init__(self, tx: MemoryTransaction) -> None:
        self.tx = tx

    async def add(self, persona: Persona) -> None:
        store = await self.tx.begin()
        self.tx.put(store.personas, persona.id, clone(persona))

    async def lock_active_count(self, client_id: ClientId) -> int:
        store = await self.tx.begin()  # the store's lock serialises every transaction
        return sum(
            1
            for p in store.personas.values()
            if p.client_id == client_id and p.status is PersonaStatus.ACTIVE
        )

    async def get(self, persona_id: PersonaId) -> Persona | None:
        store = await self.tx.begin()
        persona = store.personas.get(persona_id)
        return None if persona is None else clone(persona)

    async def get_with_owner_balance(self, persona_id: PersonaId) -> tuple[Persona, int] | None:
        persona = await self.get(persona_id)
        if persona is None:
            return None
        store = await self.tx.begin()
        return persona, store.clients[persona.client_id].balance

    async def update(self, persona: Persona) -> None:
        await self.add(persona)

    async def list(
        self, client_id: ClientId, status: PersonaStatus | None, page: PageRequest
    ) -> list[Persona]:
        store = await self.tx.begin()
        rows = (
            p
            for p in store.personas.values()
            if p.client_id == client_id and (status is None or p.status is status)
        )
        return [clone(p) for p in newest_first(rows, page)]
