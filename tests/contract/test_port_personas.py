"""The ``Personas`` port, specified once and run over the memory and PostgreSQL adapters."""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID, uuid4

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.ids import ClientId, PersonaId
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.model.personas import Persona, PersonaStatus
from zenhire.domain.pagination import Cursor, PageRequest
from zenhire.domain.ports import Credits, Personas


async def read(world: World, persona_id: PersonaId) -> Persona | None:
    async with unit(world) as u:
        return await (await u.get(Personas)).get(persona_id)


async def listed(
    world: World,
    client_id: ClientId,
    status: PersonaStatus | None = None,
    limit: int = 50,
    after: Persona | None = None,
) -> list[UUID]:
    cursor = None if after is None else Cursor(after.created_at, after.id)
    async with unit(world) as u:
        personas = await u.get(Personas)
        return [p.id for p in await personas.list(client_id, status, PageRequest(limit, cursor))]


class TestPersonasPort:
    async def test_a_persona_reads_back_as_added(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        full = builders.persona(client.id, w.clock.now())
        bare = builders.persona(
            client.id, w.clock.now(), base_prompt_override=None, status=PersonaStatus.ARCHIVED
        )
        await seed(w, client, full, bare)
        assert await read(w, full.id) == full
        assert await read(w, bare.id) == bare
        assert await read(w, PersonaId(uuid4())) is None

    async def test_get_with_owner_balance_reads_the_owners_current_balance(
        self, store_world: World
    ) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        await seed(w, client, persona)
        async with unit(w) as u:
            assert await (await u.get(Personas)).get_with_owner_balance(persona.id) == (
                persona,
                0,
            )
            await (await u.get(Credits)).post(
                entry_id=uuid4(),
                client_id=client.id,
                kind=LedgerKind.GRANT,
                amount=12,
                session_id=None,
                reason=None,
                now=w.clock.now(),
            )
            await u.commit()
        async with unit(w) as u:
            personas = await u.get(Personas)
            assert await personas.get_with_owner_balance(persona.id) == (persona, 12)
            assert await personas.get_with_owner_balance(PersonaId(uuid4())) is None

    async def test_update_writes_every_field_of_the_persona(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona, untouched = (builders.persona(client.id, w.clock.now()) for _ in range(2))
        await seed(w, client, persona, untouched)
        changed = replace(
            persona,
            role_name="Staff Engineer",
            language="de",
            system_prompt="Frag eins nach dem anderen.",
            base_prompt_override=None,
        )
        changed.archive(w.clock.advance(30))
        async with unit(w) as u:
            await (await u.get(Personas)).update(changed)
            await u.commit()
        assert await read(w, persona.id) == changed
        assert await read(w, untouched.id) == untouched

    async def test_an_update_left_uncommitted_is_rolled_back(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        await seed(w, client, persona)
        archived = replace(persona)
        archived.archive(w.clock.advance(1))
        async with unit(w) as u:
            await (await u.get(Personas)).update(archived)
        assert await read(w, persona.id) == persona

    async def test_list_is_newest_first_by_status_and_pages_after_the_cursor(
        self, store_world: World
    ) -> None:
        w = store_world
        client, other = builders.client(w.clock.now()), builders.client(w.clock.now())
        rows = []
        for i in range(5):
            status = PersonaStatus.ARCHIVED if i % 2 else PersonaStatus.ACTIVE
            rows.append(builders.persona(client.id, w.clock.advance(1), status=status))
        newest = w.clock.advance(1)
        same_instant = [builders.persona(client.id, newest) for _ in range(2)]
        await seed(
            w, client, other, *rows, *same_instant, builders.persona(other.id, w.clock.now())
        )
        # Same created_at: the larger id is the newer one.
        tied = sorted(same_instant, key=lambda p: p.id, reverse=True)
        newest_first = [p.id for p in tied] + [p.id for p in reversed(rows)]
        assert await listed(w, client.id) == newest_first
        assert await listed(w, client.id, PersonaStatus.ARCHIVED) == [rows[3].id, rows[1].id]
        assert await listed(w, client.id, PersonaStatus.ACTIVE) == [
            *(p.id for p in tied),
            rows[4].id,
            rows[2].id,
            rows[0].id,
        ]
        assert await listed(w, client.id, limit=2) == newest_first[:3]  # limit + 1 rows
        assert await listed(w, client.id, after=tied[0]) == newest_first[1:]
        assert await listed(w, client.id, limit=1, after=rows[3]) == [rows[2].id, rows[1].id]
        assert await listed(w, client.id, PersonaStatus.ARCHIVED, after=rows[3]) == [rows[1].id]
        assert await listed(w, client.id, after=rows[0]) == []
        assert await listed(w, ClientId(uuid4())) == []

    async def test_lock_active_count_counts_the_clients_active_personas(
        self, store_world: World
    ) -> None:
        w = store_world
        client, other = builders.client(w.clock.now()), builders.client(w.clock.now())
        active = [builders.persona(client.id, w.clock.now()) for _ in range(3)]
        archived = builders.persona(client.id, w.clock.now(), status=PersonaStatus.ARCHIVED)
        await seed(w, client, other, *active, archived, builders.persona(other.id, w.clock.now()))
        async with unit(w) as u:
            personas = await u.get(Personas)
            assert await personas.lock_active_count(client.id) == 3
            gone = replace(active[0])
            gone.archive(w.clock.now())
            await personas.update(gone)
            assert await personas.lock_active_count(client.id) == 2  # sees its own write
            await u.commit()
        async with unit(w) as u:
            personas = await u.get(Personas)
            assert await personas.lock_active_count(client.id) == 2
            assert await personas.lock_active_count(other.id) == 1
