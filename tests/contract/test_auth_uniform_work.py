"""An unknown, a malformed and a revoked API key get one answer after the same work.

api.md §3: "the same work on every path: a revoked key must not answer faster or slower than
an unknown one; tests check the work done, the benchmark the timing". The work counted here is
what costs time: SHA-256 digests and lookups that reach the store (below the API-key cache).
``bench/auth_timing.py`` measures the time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.harness import World
from zenhire.adapters.memory.accounts import MemoryApiKeys
from zenhire.adapters.postgres.api_keys import PostgresApiKeys
from zenhire.adapters.tokens import SecretTokens
from zenhire.domain.errors import InvalidApiKeyError
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand, RevokeApiKey
from zenhire.domain.use_cases.auth import Authenticate, AuthenticateCommand


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts digests and store lookups (the real ones run; only a tally is added)."""
    tally: Counter[str] = Counter()
    digest = SecretTokens.digest

    def counted_digest(self: SecretTokens, raw: str) -> bytes:
        tally["digests"] += 1
        return digest(self, raw)

    monkeypatch.setattr(SecretTokens, "digest", counted_digest)
    for adapter in (MemoryApiKeys, PostgresApiKeys):
        monkeypatch.setattr(adapter, "find_by_digest", _counted(adapter.find_by_digest, tally))
    return tally


def _counted(
    lookup: Callable[..., Awaitable[Any]], tally: Counter[str]
) -> Callable[..., Awaitable[Any]]:
    async def counted(self: Any, digest: bytes) -> Any:
        tally["lookups"] += 1
        return await lookup(self, digest)

    return counted


async def work_of(world: World, tally: Counter[str], raw: str) -> dict[str, int]:
    """Authenticate ``raw`` (it must fail with INVALID_API_KEY); return the work it took."""
    tally.clear()
    with pytest.raises(InvalidApiKeyError) as failed:
        await world.run(Authenticate, AuthenticateCommand(raw, "127.0.0.1", "interview"))
    assert (failed.value.code, failed.value.message) == (
        "INVALID_API_KEY",
        InvalidApiKeyError.default_message,
    )
    return dict(tally)


class TestUniformWork:
    async def test_unknown_malformed_and_revoked_keys_cost_the_same(
        self, store_world: World, work: Counter[str]
    ) -> None:
        w = store_world
        tenant = await w.tenant()
        issued = await w.run(CreateApiKey, CreateApiKeyCommand(client_id=tenant.client_id))
        await w.run(Authenticate, AuthenticateCommand(issued.raw, "127.0.0.1", "interview"))
        await w.run(RevokeApiKey, issued.key.id)
        paths = {
            "unknown": "zh_api_" + "u" * 43,
            "malformed": "not-a-key-" + "m" * 40,
            "over-long": "zh_api_" + "l" * 5_000,
            "revoked": issued.raw,
        }
        # Twice each: a second attempt must not be cheaper (e.g. answered from a cache).
        seen = {
            f"{name} #{attempt}": await work_of(w, work, raw)
            for attempt in (1, 2)
            for name, raw in paths.items()
        }
        assert seen == {name: {"digests": 1, "lookups": 1} for name in seen}
