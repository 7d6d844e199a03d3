"""The operator lists of the account ports (``Clients.list``, ``Projects.list``,
``ApiKeys.list``, ``Credits.list``), specified once and run over both stores."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from uuid import UUID, uuid4

from tests.contract import builders
from tests.contract.units import seed, unit
from tests.harness import World
from zenhire.domain.model.clients import ApiKey, Client, Project
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.pagination import Cursor, PageRequest, SeqCursor, SeqPageRequest
from zenhire.domain.ports import ApiKeys, ClientFilter, Clients, Credits, Projects


def page(limit: int = 50, after: Client | Project | ApiKey | None = None) -> PageRequest:
    return PageRequest(limit, None if after is None else Cursor(after.created_at, after.id))


async def clients_listed(
    world: World, where: ClientFilter, limit: int = 50, after: Client | None = None
) -> list[tuple[UUID, int]]:
    async with unit(world) as u:
        rows = await (await u.get(Clients)).list(where, page(limit, after))
    return [(c.id, live) for c, live in rows]


class TestClientList:
    async def test_newest_first_with_live_counts_filtered_and_paged(
        self, store_world: World
    ) -> None:
        w = store_world
        acme = builders.client(w.clock.advance(1), name="Acme")
        acme_labs = builders.client(w.clock.advance(1), name="Acme Labs", active=False)
        lower = builders.client(w.clock.advance(1), name="acme")
        globex = builders.client(w.clock.advance(1), name="Globex")
        persona = builders.persona(acme.id, w.clock.now())
        live = [
            builders.session(
                acme.id,
                persona.id,
                w.clock.now(),
                status=SessionStatus.ACTIVE,
                deadline_at=w.clock.now(),
            )
            for _ in range(2)
        ]
        idle = builders.session(acme.id, persona.id, w.clock.now())
        await seed(w, acme, acme_labs, lower, globex, persona, *live, idle)
        everyone = [(globex.id, 0), (lower.id, 0), (acme_labs.id, 0), (acme.id, 2)]
        assert await clients_listed(w, ClientFilter()) == everyone
        assert await clients_listed(w, ClientFilter(active=True)) == [
            (globex.id, 0),
            (lower.id, 0),
            (acme.id, 2),
        ]
        assert await clients_listed(w, ClientFilter(active=False)) == [(acme_labs.id, 0)]
        assert await clients_listed(w, ClientFilter(name_prefix="Acme")) == [
            (acme_labs.id, 0),
            (acme.id, 2),
        ]
        assert await clients_listed(w, ClientFilter(name_prefix="Acme", active=True)) == [
            (acme.id, 2)
        ]
        assert await clients_listed(w, ClientFilter(name_prefix="Initech")) == []
        assert await clients_listed(w, ClientFilter(), limit=1) == everyone[:2]
        assert await clients_listed(w, ClientFilter(), after=lower) == everyone[2:]

    async def test_a_name_prefix_is_text_not_a_pattern(self, store_world: World) -> None:
        w = store_world
        plain = builders.client(w.clock.advance(1), name="Acme")
        percent = builders.client(w.clock.advance(1), name="100% Acme")
        underscore = builders.client(w.clock.advance(1), name="a_b")
        await seed(w, plain, percent, underscore)
        assert await clients_listed(w, ClientFilter(name_prefix="%")) == []
        assert await clients_listed(w, ClientFilter(name_prefix="100%")) == [(percent.id, 0)]
        assert await clients_listed(w, ClientFilter(name_prefix="a_")) == [(underscore.id, 0)]
        assert await clients_listed(w, ClientFilter(name_prefix="_")) == []


class TestProjectList:
    async def test_the_clients_projects_newest_first_and_paged(self, store_world: World) -> None:
        w = store_world
        client, other = builders.client(w.clock.now()), builders.client(w.clock.now())
        projects = [builders.project(client.id, w.clock.advance(1)) for _ in range(3)]
        await seed(w, client, other, *projects, builders.project(other.id, w.clock.now()))

        async def listed(limit: int = 50, after: Project | None = None) -> list[Project]:
            async with unit(w) as u:
                return await (await u.get(Projects)).list(client.id, page(limit, after))

        assert await listed() == projects[::-1]
        assert await listed(limit=1) == [projects[2], projects[1]]
        assert await listed(after=projects[1]) == [projects[0]]
        async with unit(w) as u:
            assert await (await u.get(Projects)).list(ClientId(uuid4()), page()) == []


class TestApiKeyList:
    async def test_the_clients_keys_newest_first_revoked_only_when_asked(
        self, store_world: World
    ) -> None:
        w = store_world
        client, other = builders.client(w.clock.now()), builders.client(w.clock.now())
        keys = [builders.api_key(client.id, w.clock.advance(1)) for _ in range(3)]
        await seed(w, client, other, *keys, builders.api_key(other.id, w.clock.now()))
        revoked_at = w.clock.advance(1)
        async with unit(w) as u:
            await (await u.get(ApiKeys)).revoke(keys[1].id, revoked_at)
            await u.commit()
        keys[1] = replace(keys[1], revoked_at=revoked_at)

        async def listed(
            include_revoked: bool, limit: int = 50, after: ApiKey | None = None
        ) -> list[ApiKey]:
            async with unit(w) as u:
                return await (await u.get(ApiKeys)).list(
                    client.id, include_revoked, page(limit, after)
                )

        assert await listed(include_revoked=True) == keys[::-1]
        assert await listed(include_revoked=False) == [keys[2], keys[0]]
        assert await listed(include_revoked=True, limit=1) == [keys[2], keys[1]]
        assert await listed(include_revoked=False, after=keys[2]) == [keys[0]]


class TestLedgerList:
    async def test_newest_seq_first_by_kind_below_the_cursor(self, store_world: World) -> None:
        w = store_world
        client, other = builders.client(w.clock.now()), builders.client(w.clock.now())
        await seed(w, client, other)
        kinds = [LedgerKind.GRANT, LedgerKind.CHARGE, LedgerKind.GRANT, LedgerKind.ADJUSTMENT]
        async with unit(w) as u:
            credits = await u.get(Credits)
            for kind, amount in zip(kinds, (100, -10, 5, -1), strict=True):
                w.clock.advance(1)
                await credits.post(
                    entry_id=uuid4(),
                    client_id=client.id,
                    kind=kind,
                    amount=amount,
                    session_id=None,
                    reason=None,
                    now=w.clock.now(),
                )
            await credits.post(
                entry_id=uuid4(),
                client_id=other.id,
                kind=LedgerKind.GRANT,
                amount=1,
                session_id=None,
                reason=None,
                now=w.clock.now() - timedelta(days=1),
            )
            await u.commit()

        async def seqs(
            kind: LedgerKind | None = None, limit: int = 50, below: int = 0
        ) -> list[int]:
            after = SeqCursor(below) if below else None
            async with unit(w) as u:
                rows = await (await u.get(Credits)).list(
                    client.id, kind, SeqPageRequest(limit, after)
                )
            return [e.seq for e in rows]

        assert await seqs() == [4, 3, 2, 1]
        assert await seqs(LedgerKind.GRANT) == [3, 1]
        assert await seqs(LedgerKind.CHARGE) == [2]
        assert await seqs(limit=2) == [4, 3, 2]
        assert await seqs(below=3) == [2, 1]
        assert await seqs(LedgerKind.GRANT, below=3) == [1]
        assert await seqs(below=1) == []
        async with unit(w) as u:
            credits = await u.get(Credits)
            assert await credits.list(ClientId(uuid4()), None, SeqPageRequest(10)) == []
