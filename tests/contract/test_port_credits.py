"""The ``Credits`` port (the ledger), specified once and run over the memory and PostgreSQL
adapters."""

from __future__ import annotations

from uuid import uuid4

from tests.contract import builders
from tests.contract.units import Unit, seed, unit
from tests.harness import World
from zenhire.domain.model.ids import ClientId, LedgerEntryId, SessionId
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.ports import Clients, Credits


async def post(
    u: Unit,
    world: World,
    client_id: ClientId,
    amount: int,
    kind: LedgerKind = LedgerKind.GRANT,
    session_id: SessionId | None = None,
    reason: str | None = None,
) -> LedgerEntry:
    credits = await u.get(Credits)
    return await credits.post(
        entry_id=uuid4(),
        client_id=client_id,
        kind=kind,
        amount=amount,
        session_id=session_id,
        reason=reason,
        now=world.clock.now(),
    )


async def ledger(world: World, client_id: ClientId, limit: int = 100) -> list[LedgerEntry]:
    async with unit(world) as u:
        return await (await u.get(Credits)).recent(client_id, limit)


class TestCreditsPort:
    async def test_posting_appends_numbered_rows_and_moves_the_balance(
        self, store_world: World
    ) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        session = builders.session(client.id, persona.id, w.clock.now())
        await seed(w, client, persona, session)
        async with unit(w) as u:
            grant = await post(u, w, client.id, 100, reason="welcome")
            w.clock.advance(1)
            charge = await post(u, w, client.id, -20, LedgerKind.CHARGE, session.id)
            w.clock.advance(1)
            fix = await post(u, w, client.id, 5, LedgerKind.ADJUSTMENT, reason="goodwill")
            await u.commit()
        start = client.created_at
        assert [(e.seq, e.amount, e.balance_after) for e in (grant, charge, fix)] == [
            (1, 100, 100),
            (2, -20, 80),
            (3, 5, 85),
        ]
        assert charge == LedgerEntry(
            LedgerEntryId(charge.id),
            client.id,
            LedgerKind.CHARGE,
            -20,
            80,
            session.id,
            None,
            start.replace(second=1),
            2,
        )
        assert await ledger(w, client.id) == [fix, charge, grant]  # newest seq first
        async with unit(w) as u:
            assert await (await u.get(Credits)).balance(client.id) == 85
            stored = await (await u.get(Clients)).get(client.id)
        assert stored is not None
        assert stored.balance == 85

    async def test_recent_answers_at_most_limit_newest_rows(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        await seed(w, client)
        for amount in (1, 2, 3, 4):
            async with unit(w) as u:
                await post(u, w, client.id, amount)
                await u.commit()
        assert [e.amount for e in await ledger(w, client.id, limit=2)] == [4, 3]
        assert [e.seq for e in await ledger(w, client.id)] == [4, 3, 2, 1]

    async def test_seq_and_balance_are_per_client(self, store_world: World) -> None:
        w = store_world
        first, second = builders.client(w.clock.now()), builders.client(w.clock.now())
        await seed(w, first, second)
        async with unit(w) as u:
            await post(u, w, first.id, 10)
            await post(u, w, second.id, 7)
            await post(u, w, first.id, -3, LedgerKind.ADJUSTMENT)
            await u.commit()
        assert [(e.seq, e.balance_after) for e in await ledger(w, first.id)] == [(2, 7), (1, 10)]
        assert [(e.seq, e.balance_after) for e in await ledger(w, second.id)] == [(1, 7)]

    async def test_a_client_without_rows_has_none_and_a_zero_balance(
        self, store_world: World
    ) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        await seed(w, client)
        assert await ledger(w, client.id) == []
        async with unit(w) as u:
            credits = await u.get(Credits)
            assert await credits.balance(client.id) == 0
            assert await credits.balance(ClientId(uuid4())) == 0
            assert await credits.recent(ClientId(uuid4()), 10) == []

    async def test_a_posting_rolled_back_leaves_no_row_no_balance_and_no_gap(
        self, store_world: World
    ) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        await seed(w, client)
        async with unit(w) as u:
            await post(u, w, client.id, 50)
            await u.rollback()
        async with unit(w) as u:
            await post(u, w, client.id, 9)  # left without commit
        assert await ledger(w, client.id) == []
        async with unit(w) as u:
            entry = await post(u, w, client.id, 4)
            await u.commit()
        assert (entry.seq, entry.balance_after) == (1, 4)
        async with unit(w) as u:
            assert await (await u.get(Credits)).balance(client.id) == 4
