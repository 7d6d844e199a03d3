"""The Postgres store (``ZENHIRE_DATABASE_URL`` set): engine per app, connection per request."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Final

from dishka import Provider, Scope, alias, provide
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from zenhire.adapters.key_cache import ApiKeyCache, CachedApiKeys, CacheForgettingClients
from zenhire.adapters.postgres.api_keys import PostgresApiKeys
from zenhire.adapters.postgres.clients import PostgresClients
from zenhire.adapters.postgres.connection import EngineOptions, make_engine, request_connection
from zenhire.adapters.postgres.console_audit import PostgresAuditLog, PostgresConsoleStats
from zenhire.adapters.postgres.console_sessions import (
    PostgresConsoleSessions,
    PostgresLoginFailures,
)
from zenhire.adapters.postgres.console_users import PostgresConsoleUsers, PostgresInvites
from zenhire.adapters.postgres.credits import PostgresCredits
from zenhire.adapters.postgres.deliveries import PostgresDeliveries
from zenhire.adapters.postgres.failed_auth import PostgresFailedAuthCounter
from zenhire.adapters.postgres.idempotency import PostgresIdempotencyKeys
from zenhire.adapters.postgres.personas import PostgresPersonas
from zenhire.adapters.postgres.projects import PostgresProjects
from zenhire.adapters.postgres.rate_counter import PostgresRateCounter
from zenhire.adapters.postgres.readiness import PostgresReadiness
from zenhire.adapters.postgres.schema import ExpectedSchema
from zenhire.adapters.postgres.seen_signatures import PostgresSeenSignatures
from zenhire.adapters.postgres.sessions import PostgresSessions
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.adapters.postgres.unit_of_work import PostgresUnitOfWork
from zenhire.adapters.postgres.waiting_line import PostgresWaitingLine
from zenhire.adapters.postgres.webhook_deliveries import PostgresWebhookDeliveries
from zenhire.adapters.postgres.webhook_endpoints import PostgresWebhookEndpoints
from zenhire.adapters.postgres.webhook_events import PostgresWebhookEvents
from zenhire.domain.console import ports as console
from zenhire.domain.ports import (
    ApiKeys,
    Clients,
    Clock,
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
from zenhire.entrypoints.settings import Settings

_SIDE_POOL_SIZE: Final = 4


def engine_options(settings: Settings) -> EngineOptions:
    return EngineOptions(
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout_seconds=settings.db_pool_timeout_seconds,
        statement_timeout_ms=settings.db_statement_timeout_ms,
        lock_timeout_ms=settings.db_lock_timeout_ms,
        idle_in_transaction_timeout_ms=settings.db_idle_in_transaction_timeout_ms,
    )


class PostgresProvider(Provider):
    """Every request shares one connection; the use case commits, the finalizer only closes."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self._settings = settings

    @provide(scope=Scope.APP)
    async def engine(self) -> AsyncIterator[AsyncEngine]:
        assert self._settings.database_url  # noqa: S101  # selected only when set
        engine = make_engine(self._settings.database_url, engine_options(self._settings))
        yield engine
        await engine.dispose()

    @provide(scope=Scope.APP)
    async def idempotency_keys(self) -> AsyncIterator[IdempotencyKeys]:
        """Claims and answers commit apart from the request's transaction, so they need a
        second connection while the request holds its own. They take it from a small pool of
        their own: borrowing from the request pool would let a burst of idempotent requests
        each hold one connection and wait for another until the pool timed out."""
        assert self._settings.database_url  # noqa: S101  # selected only when set
        options = dataclasses.replace(
            engine_options(self._settings), pool_size=_SIDE_POOL_SIZE, max_overflow=0
        )
        engine = make_engine(self._settings.database_url, options)
        yield PostgresIdempotencyKeys(engine)
        await engine.dispose()

    @provide(scope=Scope.REQUEST)
    async def connection(self, engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
        async with request_connection(engine) as connection:
            yield connection

    @provide(scope=Scope.REQUEST)
    async def transaction(self, connection: AsyncConnection) -> AsyncIterator[Transaction]:
        tx = await Transaction.on(connection)
        yield tx
        await tx.close()

    @provide(scope=Scope.APP)
    def key_cache(self, clock: Clock) -> ApiKeyCache:
        return ApiKeyCache(clock, self._settings.api_key_cache_seconds)

    @provide(scope=Scope.REQUEST)
    def keys(self, tx: Transaction, cache: ApiKeyCache) -> ApiKeys:
        return CachedApiKeys(PostgresApiKeys(tx), cache, tx.after_commit)

    @provide(scope=Scope.REQUEST)
    def clients(self, tx: Transaction, cache: ApiKeyCache) -> Clients:
        return CacheForgettingClients(PostgresClients(tx), cache, tx.after_commit)

    @provide(scope=Scope.REQUEST)
    def uow(self, tx: Transaction) -> PostgresUnitOfWork:
        return PostgresUnitOfWork(tx)

    unit_of_work = alias(source=PostgresUnitOfWork, provides=UnitOfWork)
    projects = provide(PostgresProjects, scope=Scope.REQUEST, provides=Projects)
    credits = provide(PostgresCredits, scope=Scope.REQUEST, provides=Credits)
    personas = provide(PostgresPersonas, scope=Scope.REQUEST, provides=Personas)
    sessions = provide(PostgresSessions, scope=Scope.REQUEST, provides=Sessions)
    deliveries = provide(PostgresDeliveries, scope=Scope.REQUEST, provides=Deliveries)
    line = provide(PostgresWaitingLine, scope=Scope.REQUEST, provides=WaitingLine)
    rate_counter = provide(PostgresRateCounter, scope=Scope.REQUEST, provides=RateCounter)
    expected_schema = provide(ExpectedSchema.of_this_code, scope=Scope.APP)
    failed_auth = provide(
        PostgresFailedAuthCounter, scope=Scope.REQUEST, provides=FailedAuthCounter
    )
    seen_signatures = provide(PostgresSeenSignatures, scope=Scope.REQUEST, provides=SeenSignatures)
    readiness = provide(PostgresReadiness, scope=Scope.REQUEST, provides=Readiness)
    webhook_endpoints = provide(
        PostgresWebhookEndpoints, scope=Scope.REQUEST, provides=WebhookEndpoints
    )
    webhook_events = provide(PostgresWebhookEvents, scope=Scope.REQUEST, provides=WebhookEvents)
    webhook_deliveries = provide(
        PostgresWebhookDeliveries, scope=Scope.REQUEST, provides=WebhookDeliveries
    )
    console_users = provide(
        PostgresConsoleUsers, scope=Scope.REQUEST, provides=console.ConsoleUsers
    )
    invites = provide(PostgresInvites, scope=Scope.REQUEST, provides=console.Invites)
    console_sessions = provide(
        PostgresConsoleSessions, scope=Scope.REQUEST, provides=console.ConsoleSessions
    )
    login_failures = provide(
        PostgresLoginFailures, scope=Scope.REQUEST, provides=console.LoginFailures
    )
    audit = provide(PostgresAuditLog, scope=Scope.REQUEST, provides=console.AuditLog)
    console_stats = provide(
        PostgresConsoleStats, scope=Scope.REQUEST, provides=console.ConsoleStats
    )
