"""A test world: the real memory adapters and use cases, with a manual clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, TypeVar
from uuid import UUID

from dishka import AsyncContainer, Provider, Scope, provide

from zenhire.adapters.artifacts import MemoryArtifactStore
from zenhire.adapters.clock import ManualClock
from zenhire.adapters.memory.store import MemoryStore
from zenhire.domain.model.ids import ClientId, PersonaId
from zenhire.domain.model.links import IssuedLink
from zenhire.domain.model.sessions import ConsentMode
from zenhire.domain.ports import ArtifactStore, Clock
from zenhire.domain.use_cases.admin_clients import CreateClient, CreateClientCommand
from zenhire.domain.use_cases.admin_keys import CreateApiKey, CreateApiKeyCommand
from zenhire.domain.use_cases.personas import CreatePersona, CreatePersonaCommand
from zenhire.domain.use_cases.start_session import StartSession, StartSessionCommand
from zenhire.entrypoints.composition.container import make_container, providers
from zenhire.entrypoints.settings import Settings

T = TypeVar("T")
# At least 32 characters and no placeholder: real servers in the tests refuse weaker ones.
S2S_SECRET = "s2s-test-5f0c9e2b7a4d1c8e6b3f0a9d2c7e4b1a"
ADMIN_TOKEN = "admin-test-8e1b6d3f0c9a2e7b4d1f8c5a2e9b6d3f"
# The suite holds at most 40 PostgreSQL connections at once (tests/connection_budget.py). A
# world on Postgres holds up to this request pool plus the 4-connection idempotency pool.
# Tests with more concurrent work than that queue on the pool -- the long pool timeout lets
# them -- so ten transactions at a time still race for the same rows and locks.
PG_POOL: Final[dict[str, Any]] = {
    "db_pool_size": 10,
    "db_max_overflow": 0,
    "db_pool_timeout_seconds": 120,
}


def make_settings(**overrides: Any) -> Settings:
    # The failed-auth throttle is off unless a test turns it on: worlds on the shared test
    # database would otherwise throttle each other's deliberate failures.
    base: dict[str, Any] = {
        "s2s_secrets": (S2S_SECRET,),
        "admin_token": ADMIN_TOKEN,
        "failed_auth_limit_per_minute": 0,
    }
    if overrides.get("database_url"):
        base.update(PG_POOL)
    base.update(overrides)
    return Settings(**base)


class SharedStore(Provider):
    """The world's memory store, so the world and every app built on it share one."""

    def __init__(self, store: MemoryStore) -> None:
        super().__init__(scope=Scope.APP)
        self._store = store

    @provide
    def store(self) -> MemoryStore:
        return self._store


class FixedProvider(Provider):
    """Overrides the clock and the artifact store with the test's own instances."""

    def __init__(self, clock: ManualClock, artifacts: MemoryArtifactStore) -> None:
        super().__init__(scope=Scope.APP)
        self._clock = clock
        self._artifacts = artifacts

    @provide
    def clock(self) -> Clock:
        return self._clock

    @provide
    def artifacts(self) -> ArtifactStore:
        return self._artifacts


@dataclass(frozen=True)
class Tenant:
    client_id: ClientId
    persona_id: PersonaId
    api_key: str = field(repr=False)


def token_of(issued: IssuedLink | dict[str, Any]) -> str:
    link = issued.candidate_link if isinstance(issued, IssuedLink) else issued["candidate_link"]
    return str(link.split("#t=", 1)[1])


class World:
    """One store, one manual clock; ``run`` executes a use case in its own request scope."""

    def __init__(self, **settings: Any) -> None:
        self.clock = ManualClock()
        self.store = MemoryStore()
        self.artifacts = MemoryArtifactStore()
        self.settings = make_settings(**settings)
        self.container: AsyncContainer = make_container(self.settings, *self.overrides())

    def overrides(self) -> list[Provider]:
        """What this world changes in the service's composition; an app built for it gets
        the same: ``create_app(world.settings, *world.overrides())``."""
        shared = [SharedStore(self.store)] if self.settings.in_memory else []
        return [*shared, FixedProvider(self.clock, self.artifacts)]

    def providers(self) -> list[Provider]:
        """The composition root's providers with this world's overrides."""
        return providers(self.settings, *self.overrides())

    async def close(self) -> None:
        await self.container.close()

    async def run(self, use_case: type[Any], command: Any = None, *args: Any) -> Any:
        async with self.container() as scope:
            handler = await scope.get(use_case)
            if command is None and not args:
                return await handler()
            return await handler(command, *args)

    async def tenant(self, credits: int = 100, cap: int | None = None, **client: Any) -> Tenant:
        view = await self.run(
            CreateClient,
            CreateClientCommand(
                name="Acme", credits=credits, max_concurrent_interviews=cap, **client
            ),
        )
        key = await self.run(CreateApiKey, CreateApiKeyCommand(client_id=view.client.id))
        persona = await self.run(
            CreatePersona,
            CreatePersonaCommand(client_id=view.client.id, role_name="Engineer", language="en"),
        )
        return Tenant(view.client.id, persona.id, key.raw)

    async def start(self, tenant: Tenant, **fields: Any) -> IssuedLink:
        fields.setdefault("persona_id", tenant.persona_id)
        fields.setdefault("consent_mode", ConsentMode.EXPLICIT)
        command = StartSessionCommand(client_id=tenant.client_id, project_id=None, **fields)
        issued: IssuedLink = await self.run(StartSession, command)
        return issued

    def ledger_sum(self, client_id: UUID) -> int:
        return sum(e.amount for e in self.store.ledger[ClientId(client_id)])

    def balance(self, client_id: UUID) -> int:
        return self.store.clients[ClientId(client_id)].balance
