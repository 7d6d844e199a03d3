"""The revoking process never serves a revoked key or a deactivated client from its cache,
even to requests racing the change (api.md §9.1, DELETE /api-keys/{keyId}).

The first two tests force the two interleavings that used to leave the old row cached: a
lookup that reads the row while the change is not yet committed and stores it before the
commit, and one that reads it before the commit and stores it after. The third races real
requests against revocations through the app.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from dishka import Provider, Scope, provide

from tests.contract.conftest import truncate
from tests.harness import World
from tests.http.conftest import running
from tests.http.helpers import ADMIN
from zenhire.adapters.key_cache import ApiKeyCache, CachedApiKeys
from zenhire.adapters.postgres.api_keys import PostgresApiKeys
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.adapters.postgres.unit_of_work import PostgresUnitOfWork
from zenhire.domain.errors import ClientInactiveError, InvalidApiKeyError
from zenhire.domain.model.clients import ApiKey, Client
from zenhire.domain.model.ids import ApiKeyId
from zenhire.domain.ports import ApiKeys, UnitOfWork
from zenhire.domain.use_cases.admin_clients import UpdateClient, UpdateClientCommand
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand, RevokeApiKey
from zenhire.domain.use_cases.auth import Authenticate, AuthenticateCommand
from zenhire.entrypoints.http.app import create_app

pytestmark = pytest.mark.postgres


class Hooks:
    """Test-controlled pauses: before a commit, and after a key lookup read its row."""

    def __init__(self) -> None:
        self.before_commit: Callable[[], Awaitable[None]] | None = None
        self.after_lookup: Callable[[], Awaitable[None]] | None = None


class HookedUnitOfWork(UnitOfWork):
    def __init__(self, inner: PostgresUnitOfWork, hooks: Hooks) -> None:
        self.inner = inner
        self.hooks = hooks

    def holds_work(self) -> bool:
        return self.inner.holds_work()

    async def commit(self) -> None:
        if (hook := self.hooks.before_commit) is not None:
            self.hooks.before_commit = None
            await hook()
        await self.inner.commit()

    async def rollback(self) -> None:
        await self.inner.rollback()


class HookedKeys(PostgresApiKeys):
    def __init__(self, db: Transaction, hooks: Hooks) -> None:
        super().__init__(db)
        self.hooks = hooks

    async def find_by_digest(self, digest: bytes) -> tuple[ApiKey, Client] | None:
        found = await super().find_by_digest(digest)
        if (hook := self.hooks.after_lookup) is not None:
            self.hooks.after_lookup = None
            await hook()
        return found


class HookProvider(Provider):
    def __init__(self, hooks: Hooks) -> None:
        super().__init__(scope=Scope.REQUEST)
        self.hooks = hooks

    @provide
    def uow(self, inner: PostgresUnitOfWork) -> UnitOfWork:
        return HookedUnitOfWork(inner, self.hooks)

    @provide
    def keys(self, db: Transaction, cache: ApiKeyCache) -> ApiKeys:
        return CachedApiKeys(HookedKeys(db, self.hooks), cache, db.after_commit)


class HookedWorld(World):
    def __init__(self, **settings: Any) -> None:
        self.hooks = Hooks()
        super().__init__(**settings)

    def overrides(self) -> list[Provider]:
        return [*super().overrides(), HookProvider(self.hooks)]


@pytest.fixture
async def world(pg_url: str) -> AsyncIterator[HookedWorld]:
    await truncate(pg_url)
    world = HookedWorld(database_url=pg_url)
    try:
        yield world
    finally:
        await world.close()


async def authenticate(world: World, raw: str) -> Any:
    return await world.run(Authenticate, AuthenticateCommand(raw, "127.0.0.1", None))


async def test_a_lookup_during_the_uncommitted_revocation_is_not_served_after_it(
    world: HookedWorld,
) -> None:
    tenant = await world.tenant()
    principal = await authenticate(world, tenant.api_key)

    async def racing_request() -> None:  # reads the key while the revocation is uncommitted
        assert (await authenticate(world, tenant.api_key)).key.id == principal.key.id

    world.hooks.before_commit = racing_request
    await world.run(RevokeApiKey, ApiKeyId(principal.key.id))
    assert world.hooks.before_commit is None  # the racing request ran
    with pytest.raises(InvalidApiKeyError):
        await authenticate(world, tenant.api_key)


async def test_a_lookup_that_read_the_key_before_the_commit_stores_nothing_after_it(
    world: HookedWorld,
) -> None:
    tenant = await world.tenant()
    issued = await world.run(CreateApiKey, CreateApiKeyCommand(client_id=tenant.client_id))
    read, resume = asyncio.Event(), asyncio.Event()

    async def pause() -> None:
        read.set()
        await resume.wait()

    world.hooks.after_lookup = pause
    racing = asyncio.create_task(authenticate(world, issued.raw))
    await read.wait()  # it has read the key as valid and not yet stored it
    await world.run(RevokeApiKey, issued.key.id)
    resume.set()
    await racing  # it began before the revocation: it may pass
    with pytest.raises(InvalidApiKeyError):
        await authenticate(world, issued.raw)


async def test_a_lookup_during_an_uncommitted_deactivation_is_not_served_after_it(
    world: HookedWorld,
) -> None:
    tenant = await world.tenant()
    await authenticate(world, tenant.api_key)

    async def racing_request() -> None:
        assert (await authenticate(world, tenant.api_key)).client.active

    world.hooks.before_commit = racing_request
    await world.run(UpdateClient, UpdateClientCommand(client_id=tenant.client_id, active=False))
    assert world.hooks.before_commit is None
    with pytest.raises(ClientInactiveError):
        await authenticate(world, tenant.api_key)


TRIALS = 12
RACERS = 16


async def race(
    c: httpx.AsyncClient, headers: dict[str, str], revoked: asyncio.Event, after: list[int]
) -> None:
    """Ask until three requests have begun after ``revoked`` was set; note their statuses."""
    begun_after = 0
    while begun_after < 3:
        late = revoked.is_set()
        status = (await c.get("/api/v1/credits", headers=headers)).status_code
        if late:
            begun_after += 1
            after.append(status)


async def test_requests_racing_revocations_never_pass_once_the_revoke_returned(
    pg_url: str,
) -> None:
    await truncate(pg_url)
    # A connection for each racer and the revoke (17; 21 with the idempotency pool): the
    # racers ask again as soon as they are answered, and SQLAlchemy's pool is not fair when
    # saturated (a returned connection goes to whoever asks next), so a revoke queued behind
    # them could wait until the pool timeout.
    world = World(database_url=pg_url, db_pool_size=RACERS + 4)
    world.clock.set(datetime.now(UTC))
    app = create_app(world.settings, *world.overrides())
    transport = httpx.ASGITransport(app=app)
    async with running(app), httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        client_id = (
            await c.post("/api/v1/admin/clients", json={"name": "A"}, headers=ADMIN)
        ).json()["id"]
        for _ in range(TRIALS):
            key = (
                await c.post(
                    f"/api/v1/admin/clients/{client_id}/api-keys",
                    json={"rate_limit_per_minute": 100_000},
                    headers=ADMIN,
                )
            ).json()
            headers = {"X-API-Key": key["key"]}
            assert (await c.get("/api/v1/credits", headers=headers)).status_code == 200
            revoked = asyncio.Event()
            after: list[int] = []
            racers = [asyncio.create_task(race(c, headers, revoked, after)) for _ in range(RACERS)]
            await asyncio.sleep(0)
            r = await c.delete(f"/api/v1/admin/api-keys/{key['id']}", headers=ADMIN)
            assert r.status_code == 200
            revoked.set()
            await asyncio.gather(*racers)
            assert set(after) == {401}
    await world.close()
