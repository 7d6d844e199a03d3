"""The replay memory (``SeenSignatures``) and its use cases, the same on both stores."""

from __future__ import annotations

import asyncio
import hashlib

import pytest

from tests.contract.conftest import truncate
from tests.harness import World
from zenhire.domain import errors
from zenhire.domain.ports import SeenSignatures
from zenhire.domain.signatures import VerifiedSignature
from zenhire.domain.use_cases.remember_signature import ForgetSignatures, RememberSignature


def signature(name: str) -> VerifiedSignature:
    digest = hashlib.sha256(name.encode()).digest()
    return VerifiedSignature((digest,), digest)


async def remember(world: World, verified: VerifiedSignature, path: str) -> str:
    """``ok`` when the request may go on, else the error code."""
    try:
        await world.run(RememberSignature, verified, path)
    except errors.DomainError as refused:
        return refused.code
    return "ok"


async def remembered(world: World, verified: VerifiedSignature) -> dict[bytes, str]:
    """What the memory holds for the signature (asking with a path no request uses)."""
    async with world.container() as scope:
        seen = await scope.get(SeenSignatures)
        now = world.clock.now()
        return await seen.remember(verified.digests, "/probe", now, now.replace(year=1))


class TestRememberSignature:
    async def test_same_path_repeats_another_path_is_refused(self, store_world: World) -> None:
        sig = signature("a")
        assert await remember(store_world, sig, "/one") == "ok"
        assert await remember(store_world, sig, "/one") == "ok"
        assert await remember(store_world, sig, "/two") == "SIGNATURE_REUSED"
        assert await remembered(store_world, sig) == {sig.deciding: "/one"}

    async def test_a_path_bound_signature_also_remembers_its_v1_entry(
        self, store_world: World
    ) -> None:
        v1, v2 = hashlib.sha256(b"v1").digest(), hashlib.sha256(b"v2").digest()
        assert await remember(store_world, VerifiedSignature((v1, v2), v2), "/one") == "ok"
        assert await remember(store_world, VerifiedSignature((v1,), v1), "/two") == (
            "SIGNATURE_REUSED"
        )

    async def test_a_v1_entry_seen_elsewhere_does_not_refuse_a_valid_v2(
        self, store_world: World
    ) -> None:
        v1 = hashlib.sha256(b"v1").digest()
        other_v2 = hashlib.sha256(b"v2 of /two").digest()
        assert await remember(store_world, VerifiedSignature((v1,), v1), "/one") == "ok"
        bound = VerifiedSignature(tuple(sorted((v1, other_v2))), other_v2)
        assert await remember(store_world, bound, "/two") == "ok"
        assert (await remembered(store_world, bound))[v1] == "/one"

    async def test_remembered_for_twice_the_window(self, store_world: World) -> None:
        sig = signature("b")
        assert await remember(store_world, sig, "/one") == "ok"
        store_world.clock.advance(600)
        assert await remember(store_world, sig, "/two") == "SIGNATURE_REUSED"
        store_world.clock.advance(1)
        assert await remember(store_world, sig, "/two") == "ok"

    async def test_racing_one_signature_on_two_paths_lets_exactly_one_through(
        self, store_world: World
    ) -> None:
        sigs = [signature(f"race-{i}") for i in range(25)]
        outcomes = await asyncio.gather(
            *(remember(store_world, sig, path) for sig in sigs for path in ("/one", "/two"))
        )
        for i, sig in enumerate(sigs):
            pair = outcomes[2 * i : 2 * i + 2]
            assert sorted(pair) == ["SIGNATURE_REUSED", "ok"], pair
            winner = ("/one", "/two")[pair.index("ok")]
            assert await remembered(store_world, sig) == {sig.deciding: winner}


class TestForgetSignatures:
    @pytest.fixture
    async def small_batches(self, store_settings: dict[str, object]) -> World:
        world = World(**store_settings, sweep_batch_size=2)
        if not world.settings.in_memory:
            await truncate(str(store_settings["database_url"]))
        return world

    async def test_forgets_only_entries_older_than_twice_the_window(
        self, small_batches: World
    ) -> None:
        world = small_batches
        try:
            old = [signature(f"old-{i}") for i in range(5)]
            for sig in old:
                await remember(world, sig, "/one")
            world.clock.advance(300)
            fresh = signature("fresh")
            await remember(world, fresh, "/one")
            world.clock.advance(301)
            assert await world.run(ForgetSignatures) == 5
            assert await world.run(ForgetSignatures) == 0
            # The fresh entry still refuses its signature elsewhere; the old ones are gone.
            assert await remember(world, fresh, "/two") == "SIGNATURE_REUSED"
            assert await remembered(world, old[0]) == {old[0].deciding: "/probe"}
        finally:
            await world.close()
