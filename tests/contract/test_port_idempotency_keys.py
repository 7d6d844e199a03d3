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
    REMEMBER_FOR,
    STALE_CLAIM_AFTER,
    IdempotencyRecord,
)
from zenhire.domain.model.ids import ClientId
from zenhire.domain.ports import IdempotencyKeys

FIRST, SECOND = "a" * 64, "b" * 64
TICK = timedelta(microseconds=1)


async def keys_and_client(world: World) -> tuple[Any, ClientId]:
    client = builders.client(world.clock.now())
    await seed(world, client)
    return await world.container.get(IdempotencyKeys), client.id


class TestIdempotencyKeysPort:
    async def test_the_first_claim_owns_the_key_and_later_ones_see_it_running(
        self, store_world: World
    ) -> None:
        w = store_world
        keys, client_id = await keys_and_client(w)
        t0 = w.clock.now()
        assert await keys.claim(client_id, "k", FIRST, t0) is None
        running = IdempotencyRecord(client_id, "k", FIRST, True, None, None, None, t0)
        assert await keys.claim(client_id, "k", SECOND, t0 + STALE_CLAIM_AFTER) == running

    async def test_a_finished_claim_answers_its_outcome_until_24_hours_have_passed(
        self, store_world: World
    ) -> None:
        w = store_world
        keys, client_id = await keys_and_client(w)
        persona = builders.persona(client_id, w.clock.now())
        session = builders.session(client_id, persona.id, w.clock.now())
        await seed(w, persona, session)
        t0 = w.clock.now()
        assert await keys.claim(client_id, "with-body", FIRST, t0) is None
        await keys.finish(client_id, "with-body", 201, b'{"id": 1}', None)
        assert await keys.claim(client_id, "link", FIRST, t0) is None
        await keys.finish(client_id, "link", 201, None, session.id)
        later = t0 + REMEMBER_FOR  # still remembered, and never stale once finished
        assert await keys.claim(client_id, "with-body", SECOND, later) == IdempotencyRecord(
            client_id, "with-body", FIRST, False, 201, b'{"id": 1}', None, t0
        )
        assert await keys.claim(client_id, "link", FIRST, later) == IdempotencyRecord(
            client_id, "link", FIRST, False, 201, None, session.id, t0
        )
        assert await keys.claim(client_id, "link", SECOND, later + TICK) is None  # expired
        assert await keys.claim(client_id, "link", FIRST, later + TICK) == IdempotencyRecord(
            client_id, "link", SECOND, True, None, None, None, later + TICK
        )

    async def test_a_claim_left_running_past_a_minute_may_be_taken_over(
        self, store_world: World
    ) -> None:
        w = store_world
        keys, client_id = await keys_and_client(w)
        t0 = w.clock.now()
        assert await keys.claim(client_id, "k", FIRST, t0) is None
        assert await keys.claim(client_id, "k", FIRST, t0 + STALE_CLAIM_AFTER) is not None
        taken = t0 + STALE_CLAIM_AFTER + TICK
        assert await keys.claim(client_id, "k", SECOND, taken) is None
        assert await keys.claim(client_id, "k", FIRST, taken) == IdempotencyRecord(
            client_id, "k", SECOND, True, None, None, None, taken
        )

    async def test_a_released_claim_may_be_claimed_again(self, store_world: World) -> None:
        w = store_world
        keys, client_id = await keys_and_client(w)
        t0 = w.clock.now()
        assert await keys.claim(client_id, "k", FIRST, t0) is None
        await keys.release(client_id, "k")
        assert await keys.claim(client_id, "k", SECOND, t0) is None
        await keys.release(client_id, "never-claimed")  # nothing to forget: no error

    async def test_releasing_never_forgets_a_finished_answer(self, store_world: World) -> None:
        """A request whose claim went stale and was taken over may fail after the new owner
        finished: its release must not make the finished request run a second time."""
        w = store_world
        keys, client_id = await keys_and_client(w)
        t0 = w.clock.now()
        assert await keys.claim(client_id, "k", FIRST, t0) is None
        taken = t0 + STALE_CLAIM_AFTER + TICK
        assert await keys.claim(client_id, "k", FIRST, taken) is None
        await keys.finish(client_id, "k", 201, b"{}", None)
        await keys.release(client_id, "k")  # the first, stale owner fails late
        assert await keys.claim(client_id, "k", FIRST, taken) == IdempotencyRecord(
            client_id, "k", FIRST, False, 201, b"{}", None, taken
        )

    async def test_keys_are_scoped_by_client(self, store_world: World) -> None:
        w = store_world
        keys, client_id = await keys_and_client(w)
        other = builders.client(w.clock.now())
        await seed(w, other)
        t0 = w.clock.now()
        assert await keys.claim(client_id, "same", FIRST, t0) is None
        assert await keys.claim(other.id, "same", SECOND, t0) is None
        await keys.finish(other.id, "same", 200, b"theirs", None)
        mine = await keys.claim(client_id, "same", FIRST, t0)
        assert mine == IdempotencyRecord(client_id, "same", FIRST, True, None, None, None, t0)
