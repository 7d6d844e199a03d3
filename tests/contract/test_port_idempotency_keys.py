"""The ``IdempotencyKeys`` port, specified once and run over the memory and PostgreSQL
adapters. Claims live outside the request's unit of work: each call is visible at once.
(Purging is specified in test_idempotency_purge_contract.py.)"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.contract import builders
from tests.contract.units import seed
from tests.harness import World
from zenhire.domain.model.idempotency import (
    ADMIN_SCOPE,
    CLAIM_LEASE,
    REMEMBER_FOR,
    IdempotencyRecord,
    IdempotencyScope,
    client_scope,
)
from zenhire.domain.ports import IdempotencyKeys

FIRST, SECOND = "a" * 64, "b" * 64
TICK = timedelta(microseconds=1)


async def keys_and_client(world: World) -> tuple[Any, IdempotencyScope]:
    """The store's keys and the scope of a stored client's keys."""
    client = builders.client(world.clock.now())
    await seed(world, client)
    return await world.container.get(IdempotencyKeys), client_scope(client.id)


class TestIdempotencyKeysPort:
    async def test_the_first_claim_owns_the_key_and_later_ones_see_it_running(
        self, store_world: World
    ) -> None:
        w = store_world
        keys, scope = await keys_and_client(w)
        t0 = w.clock.now()
        assert await keys.claim(scope, "k", FIRST, t0) is None
        running = IdempotencyRecord(scope, "k", FIRST, True, None, None, None, t0)
        assert await keys.claim(scope, "k", SECOND, t0 + CLAIM_LEASE) == running

    async def test_a_finished_claim_answers_its_outcome_until_24_hours_have_passed(
        self, store_world: World
    ) -> None:
        w = store_world
        keys, scope = await keys_and_client(w)
        client = builders.client(w.clock.now())
        persona = builders.persona(client.id, w.clock.now())
        session = builders.session(client.id, persona.id, w.clock.now())
        await seed(w, client, persona, session)
        t0 = w.clock.now()
        assert await keys.claim(scope, "with-body", FIRST, t0) is None
        await keys.finish(scope, "with-body", 201, b'{"id": 1}', None)
        assert await keys.claim(scope, "link", FIRST, t0) is None
        await keys.finish(scope, "link", 201, None, session.id)
        later = t0 + REMEMBER_FOR  # still remembered, and never stale once finished
        assert await keys.claim(scope, "with-body", SECOND, later) == IdempotencyRecord(
            scope, "with-body", FIRST, False, 201, b'{"id": 1}', None, t0
        )
        assert await keys.claim(scope, "link", FIRST, later) == IdempotencyRecord(
            scope, "link", FIRST, False, 201, None, session.id, t0
        )
        assert await keys.claim(scope, "link", SECOND, later + TICK) is None  # expired
        assert await keys.claim(scope, "link", FIRST, later + TICK) == IdempotencyRecord(
            scope, "link", SECOND, True, None, None, None, later + TICK
        )

    async def test_a_claim_not_renewed_for_its_lease_may_be_taken_over(
        self, store_world: World
    ) -> None:
        w = store_world
        keys, scope = await keys_and_client(w)
        t0 = w.clock.now()
        assert await keys.claim(scope, "k", FIRST, t0) is None
        assert await keys.claim(scope, "k", FIRST, t0 + CLAIM_LEASE) is not None
        taken = t0 + CLAIM_LEASE + TICK
        assert await keys.claim(scope, "k", SECOND, taken) is None
        assert await keys.claim(scope, "k", FIRST, taken) == IdempotencyRecord(
            scope, "k", SECOND, True, None, None, None, taken
        )

    async def test_a_renewed_claim_runs_on_past_its_first_lease(self, store_world: World) -> None:
        w = store_world
        keys, scope = await keys_and_client(w)
        t0 = w.clock.now()
        assert await keys.claim(scope, "k", FIRST, t0) is None
        renewed = t0 + CLAIM_LEASE
        await keys.renew(scope, "k", renewed)
        assert await keys.claim(scope, "k", SECOND, renewed + CLAIM_LEASE) == IdempotencyRecord(
            scope, "k", FIRST, True, None, None, None, renewed
        )
        assert await keys.claim(scope, "k", SECOND, renewed + CLAIM_LEASE + TICK) is None
        await keys.finish(scope, "k", 201, b"{}", None)
        await keys.renew(scope, "k", renewed + 2 * CLAIM_LEASE)  # a finished claim: no effect
        assert (await keys.claim(scope, "k", SECOND, renewed + 3 * CLAIM_LEASE)).created_at == (
            renewed + CLAIM_LEASE + TICK
        )

    async def test_a_released_claim_may_be_claimed_again(self, store_world: World) -> None:
        w = store_world
        keys, scope = await keys_and_client(w)
        t0 = w.clock.now()
        assert await keys.claim(scope, "k", FIRST, t0) is None
        await keys.release(scope, "k")
        assert await keys.claim(scope, "k", SECOND, t0) is None
        await keys.release(scope, "never-claimed")  # nothing to forget: no error

    async def test_releasing_never_forgets_a_finished_answer(self, store_world: World) -> None:
        """A request whose claim went stale and was taken over may fail after the new owner
        finished: its release must not make the finished request run a second time."""
        w = store_world
        keys, scope = await keys_and_client(w)
        t0 = w.clock.now()
        assert await keys.claim(scope, "k", FIRST, t0) is None
        taken = t0 + CLAIM_LEASE + TICK
        assert await keys.claim(scope, "k", FIRST, taken) is None
        await keys.finish(scope, "k", 201, b"{}", None)
        await keys.release(scope, "k")  # the first, stale owner fails late
        assert await keys.claim(scope, "k", FIRST, taken) == IdempotencyRecord(
            scope, "k", FIRST, False, 201, b"{}", None, taken
        )

    async def test_keys_are_scoped_by_caller(self, store_world: World) -> None:
        w = store_world
        keys, scope = await keys_and_client(w)
        _, other = await keys_and_client(w)
        t0 = w.clock.now()
        assert await keys.claim(scope, "same", FIRST, t0) is None
        for theirs in (other, ADMIN_SCOPE):
            assert await keys.claim(theirs, "same", SECOND, t0) is None
            await keys.finish(theirs, "same", 200, b"theirs", None)
        mine = await keys.claim(scope, "same", FIRST, t0)
        assert mine == IdempotencyRecord(scope, "same", FIRST, True, None, None, None, t0)
        assert await keys.claim(ADMIN_SCOPE, "same", FIRST, t0) == IdempotencyRecord(
            ADMIN_SCOPE, "same", SECOND, False, 200, b"theirs", None, t0
        )
