"""dishka providers, grouped by concern. ``create_app`` composes them; tests override any."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from dishka import Provider, Scope, alias, provide, provide_all

from zenhire.adapters.artifacts import FilesystemArtifactStore
from zenhire.adapters.clock import SystemClock
from zenhire.adapters.ids import Uuid7Ids
from zenhire.adapters.memory.accounts import (
    MemoryApiKeys,
    MemoryClients,
    MemoryCredits,
    MemoryProjects,
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
from zenhire.adapters.memory.webhooks import (
    MemoryWebhookDeliveries,
    MemoryWebhookEndpoints,
    MemoryWebhookEvents,
)
from zenhire.adapters.tokens import SecretTokens
from zenhire.domain.policy import Policy
from zenhire.domain.ports import (
    ApiKeys,
    ArtifactStore,
    Clients,
    Clock,
    Credits,
    Deliveries,
    FailedAuthCounter,
    IdempotencyKeys,
    Ids,
    Personas,
    Projects,
    RateCounter,
    Readiness,
    SeenSignatures,
    Sessions,
    Tokens,
    UnitOfWork,
    WaitingLine,
)
from zenhire.domain.use_cases.admin_clients import (
    CreateClient,
    GetClient,
    ListClients,
    ListLedger,
    PostCredits,
    UpdateClient,
)
from zenhire.domain.use_cases.admin_keys import (
    CreateApiKey,
    CreateProject,
    ListApiKeys,
    ListProjects,
    RevokeApiKey,
)
from zenhire.domain.use_cases.artifacts import OpenArtifact
from zenhire.domain.use_cases.auth import Authenticate
from zenhire.domain.use_cases.close_expired import CloseExpired
from zenhire.domain.use_cases.complete_session import CompleteSession
from zenhire.domain.use_cases.credits import GetCredits
from zenhire.domain.use_cases.failed_auth import CheckFailedAuth, CountFailedAuth
from zenhire.domain.use_cases.personas import (
    ArchivePersona,
    CreatePersona,
    GetPersona,
    ListPersonas,
)
from zenhire.domain.use_cases.purge_idempotency import PurgeIdempotencyKeys
from zenhire.domain.use_cases.rate_limit import SpendRequestBudget
from zenhire.domain.use_cases.refresh_link import RefreshLink
from zenhire.domain.use_cases.reinvite import ReInvite
from zenhire.domain.use_cases.remember_signature import ForgetSignatures, RememberSignature
from zenhire.domain.use_cases.session_reads import GetSession, ListSessionEvents, ListSessions
from zenhire.domain.use_cases.start_session import StartSession
from zenhire.domain.use_cases.verify_token import VerifyToken
from zenhire.domain.webhooks.ports import WebhookDeliveries, WebhookEndpoints, WebhookEvents
from zenhire.entrypoints.http.idempotency import Idempotency
from zenhire.entrypoints.settings import Settings
from zenhire.entrypoints.webhooks_ioc import WEBHOOK_USE_CASES, WebhookCore


class CoreProvider(WebhookCore):
    """Settings, policy, clock, ids, tokens and the artifact store (APP scope)."""

    scope = Scope.APP

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self._settings = settings

    @provide
    def settings(self) -> Settings:
        return self._settings

    @provide
    def policy(self, settings: Settings) -> Policy:
        return settings.policy()

    @provide
    def artifacts(self, settings: Settings) -> ArtifactStore:
        return FilesystemArtifactStore(Path(settings.artifact_dir))

    clock = provide(SystemClock, provides=Clock)
    ids = provide(Uuid7Ids, provides=Ids)
    tokens = provide(SecretTokens, provides=Tokens)


class MemoryProvider(Provider):
    """The in-memory store (APP) and one serialisable transaction per request."""

    def __init__(self, store: MemoryStore | None = None) -> None:
        super().__init__()
        self._store = store or MemoryStore()

    @provide(scope=Scope.APP)
    def store(self) -> MemoryStore:
        return self._store

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


class UseCaseProvider(Provider):
    """Every use case, built per request from that request's adapters."""

    scope = Scope.REQUEST

    authenticate = provide(Authenticate)
    create_persona = provide(CreatePersona)
    get_persona = provide(GetPersona)
    list_personas = provide(ListPersonas)
    archive_persona = provide(ArchivePersona)
    start_session = provide(StartSession)
    get_session = provide(GetSession)
    list_sessions = provide(ListSessions)
    list_events = provide(ListSessionEvents)
    open_artifact = provide(OpenArtifact)
    reinvite = provide(ReInvite)
    get_credits = provide(GetCredits)
    verify_token = provide(VerifyToken)
    complete_session = provide(CompleteSession)
    close_expired = provide(CloseExpired)
    purge_idempotency_keys = provide(PurgeIdempotencyKeys)
    create_client = provide(CreateClient)
    get_client = provide(GetClient)
    update_client = provide(UpdateClient)
    post_credits = provide(PostCredits)
    create_project = provide(CreateProject)
    create_api_key = provide(CreateApiKey)
    revoke_api_key = provide(RevokeApiKey)
    list_clients = provide(ListClients)
    list_ledger = provide(ListLedger)
    list_projects = provide(ListProjects)
    list_api_keys = provide(ListApiKeys)
    refresh_link = provide(RefreshLink)
    spend_request_budget = provide(SpendRequestBudget)
    check_failed_auth = provide(CheckFailedAuth)
    count_failed_auth = provide(CountFailedAuth)
    remember_signature = provide(RememberSignature)
    forget_signatures = provide(ForgetSignatures)
    idempotency = provide(Idempotency)
    webhooks = provide_all(*WEBHOOK_USE_CASES)


def storage_provider(settings: Settings) -> Provider:
    """Memory when no database URL is set, otherwise the Postgres adapters."""
    if settings.in_memory:
        return MemoryProvider()
    from zenhire.entrypoints.postgres_ioc import PostgresProvider

    return PostgresProvider(settings)
