"""The ``Clients`` port, specified once and run over the memory and PostgreSQL adapters."""

from __future__ import annotations

from dataclasses import replace
from uuid import uuid4

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.clients import Client, ClientChanges
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.ports import Clients, Credits


async def read(world: World, client_id: ClientId) -> Client | None:
    async with unit(world) as u:
        return await (await u.get(Clients)).get(client_id)


class TestClientsPort:
    async def test_a_client_reads_back_as_added_with_a_zero_balance(
        self, store_world: World
    ) -> None:
        w = store_world
        added = builders.client(
            w.clock.now(),
            name="Globex",
            active=False,
            permissions=("interview", "reports"),
            max_concurrent_interviews=7,
            balance=500,  # ignored: credits come only through the ledger
        )
        await seed(w, added)
        assert await read(w, added.id) == replace(added, balance=0)
        assert await read(w, ClientId(uuid4())) is None

    async def test_the_balance_read_is_the_ledger_sum(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        await seed(w, client)
        async with unit(w) as u:
            credits = await u.get(Credits)
            for amount in (40, -15):
                await credits.post(
                    entry_id=uuid4(),
                    client_id=client.id,
                    kind=LedgerKind.GRANT if amount > 0 else LedgerKind.ADJUSTMENT,
                    amount=amount,
                    session_id=None,
                    reason=None,
                    now=w.clock.now(),
                )
            await u.commit()
        found = await read(w, client.id)
        assert found is not None
        assert found.balance == 25

    async def test_update_writes_only_the_sent_fields_and_answers_the_client_as_written(
        self, store_world: World
    ) -> None:
        w = store_world
        client = builders.client(w.clock.now(), permissions=("interview",))
        await seed(w, client)
        async with unit(w) as u:
            clients = await u.get(Clients)
            written = await clients.update(
                client.id, ClientChanges(name="Initech", max_concurrent_interviews=9)
            )
            await u.commit()
        expected = replace(client, name="Initech", max_concurrent_interviews=9)
        assert written == expected
        async with unit(w) as u:  # a later change of the other fields keeps the first one
            clients = await u.get(Clients)
            written = await clients.update(
                client.id, ClientChanges(active=False, permissions=("interview", "reports"))
            )
            await u.commit()
        expected = replace(expected, active=False, permissions=("interview", "reports"))
        assert written == expected
        assert await read(w, client.id) == expected

    async def test_an_empty_update_changes_nothing_and_answers_the_stored_client(
        self, store_world: World
    ) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        await seed(w, client)
        async with unit(w) as u:
            assert await (await u.get(Clients)).update(client.id, ClientChanges()) == client
            await u.commit()
        assert await read(w, client.id) == client

    async def test_updating_an_unknown_client_answers_none_and_writes_nothing(
        self, store_world: World
    ) -> None:
        w = store_world
        unknown = ClientId(uuid4())
        async with unit(w) as u:
            clients = await u.get(Clients)
            assert await clients.update(unknown, ClientChanges(name="Ghost")) is None
            assert await clients.update(unknown, ClientChanges()) is None
            await u.commit()
        assert await read(w, unknown) is None

    async def test_an_update_left_uncommitted_is_rolled_back(self, store_world: World) -> None:
        w = store_world
        client = builders.client(w.clock.now())
        await seed(w, client)
        async with unit(w) as u:
            await (await u.get(Clients)).update(client.id, ClientChanges(name="Never"))
        assert await read(w, client.id) == client

    async def test_live_count_counts_only_the_clients_active_sessions(
        self, store_world: World
    ) -> None:
        w = store_world
        now = w.clock.now()
        mine, other = builders.client(now), builders.client(now)
        persona, foreign = builders.persona(mine.id, now), builders.persona(other.id, now)
        sessions = [
            builders.session(mine.id, persona.id, now, status=status, deadline_at=now)
            for status in (
                SessionStatus.ACTIVE,
                SessionStatus.ACTIVE,
                SessionStatus.INITIATED,
                SessionStatus.COMPLETED,
                SessionStatus.FAILED,
            )
        ]
        elsewhere = builders.session(
            other.id, foreign.id, now, status=SessionStatus.ACTIVE, deadline_at=now
        )
        await seed(w, mine, other, persona, foreign, *sessions, elsewhere)
        async with unit(w) as u:
            clients = await u.get(Clients)
            assert await clients.live_count(mine.id) == 2
            assert await clients.live_count(other.id) == 1
            assert await clients.live_count(ClientId(uuid4())) == 0
