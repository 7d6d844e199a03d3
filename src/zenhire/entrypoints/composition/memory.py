"""The in-memory store: one store per app, one serialisable transaction per request."""

from __future__ import annotations

from collections.abc import AsyncIterator

from dishka import Provider, Scope, alias, provide

from zenhire.adapters.memory.accounts import (
    MemoryApiKeys,
    MemoryClients,
    MemoryCredits,
    MemoryProjects,
)
from zenhire.adapters.memory.console import (
    MemoryAuditLog,
    MemoryConsoleSessions,
    MemoryConsoleStats,
    MemoryConsoleUsers,
    MemoryInvites,
    MemoryLoginFailures,
)
from zenhire.adapters.memory.failed_auth import MemoryFailedAuthCounter
from zenhire.adapters.memory.idempotency import MemoryIdempotencyKeys
from zenhire.adapters.memory.personas import MemoryPersonas
from zenhire.adapters.memory.rate_counter import MemoryRateCounter
from zenhire.adapters.memory.seen_signatures import MemorySeenSignatures
from zenhire.adapters.memory.sessions import (
    MemoryDeliveries,
    MemorySessions,
    MemoryWaitingLine,
)
from zenhire.adapters.memory.store import MemoryReadiness, MemoryStore, MemoryTransaction
from zenhire.adapters.memory.webhook_deliveries import MemoryWebhookDeliveries
from zenhire.adapters.memory.webhooks import MemoryWebhookEndpoints, MemoryWebhookEvents
from zenhire.domain.console import ports as console
from zenhire.domain.ports import (
    ApiKeys,
    Clients,
    Credits,
    Deliveries,
    FailedAuthCounter,
    IdempotencyKeys,
    Personas,
    Projects,
    RateCounter,
    Readiness,
    SeenSignatures,
    Sessions,
    UnitOfWork,
    WaitingLine,
)
from zenhire.domain.ports.webhook_deliveries import WebhookDeliveries
from zenhire.domain.ports.webhook_endpoints import WebhookEndpoints
from zenhire.domain.ports.webhook_events import WebhookEvents


class MemoryProvider(Provider):
    """The in-memory store (APP) and one serialisable transaction per request."""

    @provide(scope=Scope.APP)
    def store(self) -> MemoryStore:
        return MemoryStore()

    @provide(scope=Scope.REQUEST)
    async def transaction(self, store: MemoryStore) -> AsyncIterator[MemoryTransaction]:
        tx = MemoryTransaction(store)
        yield tx
        await tx.rollback()  # a no-op after commit; releases the store either way

    uow = alias(source=MemoryTransaction, provides=UnitOfWork)
    clients = provide(MemoryClients, scope=Scope.REQUEST, provides=Clients)
    projects = provide(MemoryProjects, scope=Scope.REQUEST, provides=Projects)
    keys = provide(MemoryApiKeys, scope=Scope.REQUEST, provides=ApiKeys)
    credits = provide(MemoryCredits, scope=Scope.REQUEST, provides=Credits)
    personas = provide(MemoryPersonas, scope=Scope.REQUEST, provides=Personas)
    sessions = provide(MemorySessions, scope=Scope.REQUEST, provides=Sessions)
    deliveries = provide(MemoryDeliveries, scope=Scope.REQUEST, provides=Deliveries)
    line = provide(MemoryWaitingLine, scope=Scope.REQUEST, provides=WaitingLine)
    readiness = provide(MemoryReadiness, scope=Scope.APP, provides=Readiness)
    idempotency_keys = provide(MemoryIdempotencyKeys, scope=Scope.APP, provides=IdempotencyKeys)
    rate_counter = provide(MemoryRateCounter, scope=Scope.APP, provides=RateCounter)
    failed_auth = provide(MemoryFailedAuthCounter, scope=Scope.APP, provides=FailedAuthCounter)
    seen_signatures = provide(MemorySeenSignatures, scope=Scope.APP, provides=SeenSignatures)
    webhook_endpoints = provide(
        MemoryWebhookEndpoints, scope=Scope.REQUEST, provides=WebhookEndpoints
    )
    webhook_events = provide(MemoryWebhookEvents, scope=Scope.REQUEST, provides=WebhookEvents)
    webhook_deliveries = provide(
        MemoryWebhookDeliveries, scope=Scope.REQUEST, provides=WebhookDeliveries
    )
    console_users = provide(MemoryConsoleUsers, scope=Scope.REQUEST, provides=console.ConsoleUsers)
    invites = provide(MemoryInvites, scope=Scope.REQUEST, provides=console.Invites)
    console_sessions = provide(
        MemoryConsoleSessions, scope=Scope.REQUEST, provides=console.ConsoleSessions
    )
    login_failures = provide(MemoryLoginFailures, scope=Scope.APP, provides=console.LoginFailures)
    audit = provide(MemoryAuditLog, scope=Scope.REQUEST, provides=console.AuditLog)
    console_stats = provide(MemoryConsoleStats, scope=Scope.REQUEST, provides=console.ConsoleStats)
