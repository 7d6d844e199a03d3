"""The ``SeenSignatures`` port (accepted S2S signatures), specified once and run over the
memory and PostgreSQL adapters. Entries live outside the request's unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from tests.contract.builders import digest
from tests.contract.units import unit
from tests.harness import World
from zenhire.domain.ports import SeenSignatures

A, B, C = digest("a"), digest("b"), digest("c")
VERIFY, COMPLETE = "/api/v1/interview/s2s/verify", "/api/v1/interview/s2s/complete"


async def remember(
    world: World, digests: Sequence[bytes], path: str, now: datetime, forget_before: datetime
) -> dict[bytes, str]:
    async with unit(world) as u:
        return await (await u.get(SeenSignatures)).remember(digests, path, now, forget_before)


async def forget(world: World, before: datetime, limit: int) -> int:
    async with unit(world) as u:
        return await (await u.get(SeenSignatures)).forget(before, limit)


class TestSeenSignaturesPort:
    async def test_the_first_path_a_signature_is_accepted_on_is_the_one_remembered(
        self, store_world: World
    ) -> None:
        w = store_world
        t0 = w.clock.now()
        horizon = t0 - timedelta(minutes=10)
        assert await remember(w, [A, B], VERIFY, t0, horizon) == {A: VERIFY, B: VERIFY}
        later = t0 + timedelta(seconds=5)
        assert await remember(w, [B, C], COMPLETE, later, horizon) == {B: VERIFY, C: COMPLETE}
        assert await remember(w, [A], VERIFY, later, horizon) == {A: VERIFY}

    async def test_an_entry_accepted_before_the_horizon_counts_as_absent(
        self, store_world: World
    ) -> None:
        w = store_world
        t0 = w.clock.now()
        await remember(w, [A, B], VERIFY, t0, t0 - timedelta(minutes=10))
        await remember(w, [C], VERIFY, t0 + timedelta(seconds=1), t0)
        horizon = t0 + timedelta(seconds=1)  # A and B were accepted before it, C at it
        moved = await remember(w, [A, C], COMPLETE, t0 + timedelta(minutes=10), horizon)
        assert moved == {A: COMPLETE, C: VERIFY}
        assert await remember(w, [A, B], VERIFY, t0 + timedelta(minutes=10), t0) == {
            A: COMPLETE,  # replaced above, and now remembered from its new acceptance
            B: VERIFY,
        }

    async def test_an_entry_stays_when_its_request_rolls_back(self, store_world: World) -> None:
        w = store_world
        t0 = w.clock.now()
        async with unit(w) as u:
            await (await u.get(SeenSignatures)).remember([A], VERIFY, t0, t0)
            await u.rollback()
        assert await remember(w, [A], COMPLETE, t0, t0) == {A: VERIFY}

    async def test_forget_deletes_at_most_limit_entries_accepted_before_the_instant(
        self, store_world: World
    ) -> None:
        w = store_world
        t0 = w.clock.now()
        await remember(w, [A, B], VERIFY, t0, t0)
        cutoff = t0 + timedelta(seconds=1)
        await remember(w, [C], VERIFY, cutoff, t0)
        assert [await forget(w, cutoff, 1) for _ in range(3)] == [1, 1, 0]
        assert await remember(w, [A, B, C], COMPLETE, cutoff, t0) == {
            A: COMPLETE,  # forgotten: accepted anew
            B: COMPLETE,
            C: VERIFY,  # accepted at the instant: kept
        }
