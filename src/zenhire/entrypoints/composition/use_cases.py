"""Every use case, built per request from that request's adapters (the same for every store)."""

from __future__ import annotations

from dishka import Provider, Scope, provide, provide_all

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
from zenhire.domain.use_cases.reinvite import ReInvite
from zenhire.domain.use_cases.remember_signature import ForgetSignatures, RememberSignature
from zenhire.domain.use_cases.replay_request import ReplayRequest
from zenhire.domain.use_cases.session_reads import GetSession, ListSessionEvents, ListSessions
from zenhire.domain.use_cases.start_session import StartSession
from zenhire.domain.use_cases.verify_token import VerifyToken
from zenhire.entrypoints.composition.conflicts import retried_once
from zenhire.entrypoints.composition.webhooks import WEBHOOK_USE_CASES
from zenhire.entrypoints.console.use_cases import CONSOLE_USE_CASES, CONSOLE_WRITES
from zenhire.entrypoints.http.idempotency import Idempotency


class UseCaseProvider(Provider):
    """Every use case, built per request from that request's adapters; each that writes is
    run once more when its transaction loses a deadlock (``conflicts.retried_once``)."""

    scope = Scope.REQUEST

    authenticate = provide(Authenticate)
    create_persona = provide(retried_once(CreatePersona), provides=CreatePersona)
    get_persona = provide(GetPersona)
    list_personas = provide(ListPersonas)
    archive_persona = provide(retried_once(ArchivePersona), provides=ArchivePersona)
    start_session = provide(retried_once(StartSession), provides=StartSession)
    get_session = provide(GetSession)
    list_sessions = provide(ListSessions)
    list_events = provide(ListSessionEvents)
    open_artifact = provide(OpenArtifact)
    reinvite = provide(retried_once(ReInvite), provides=ReInvite)
    get_credits = provide(GetCredits)
    verify_token = provide(retried_once(VerifyToken), provides=VerifyToken)
    complete_session = provide(retried_once(CompleteSession), provides=CompleteSession)
    close_expired = provide(retried_once(CloseExpired), provides=CloseExpired)
    purge_idempotency_keys = provide(PurgeIdempotencyKeys)
    create_client = provide(retried_once(CreateClient), provides=CreateClient)
    get_client = provide(GetClient)
    update_client = provide(retried_once(UpdateClient), provides=UpdateClient)
    post_credits = provide(retried_once(PostCredits), provides=PostCredits)
    create_project = provide(retried_once(CreateProject), provides=CreateProject)
    create_api_key = provide(retried_once(CreateApiKey), provides=CreateApiKey)
    revoke_api_key = provide(retried_once(RevokeApiKey), provides=RevokeApiKey)
    list_clients = provide(ListClients)
    list_ledger = provide(ListLedger)
    list_projects = provide(ListProjects)
    list_api_keys = provide(ListApiKeys)
    replay_request = provide(retried_once(ReplayRequest), provides=ReplayRequest)
    spend_request_budget = provide(SpendRequestBudget)
    check_failed_auth = provide(CheckFailedAuth)
    count_failed_auth = provide(CountFailedAuth)
    remember_signature = provide(RememberSignature)
    forget_signatures = provide(ForgetSignatures)
    idempotency = provide(Idempotency)
    webhooks = provide_all(*WEBHOOK_USE_CASES)
    console = provide_all(*CONSOLE_USE_CASES)

    def __init__(self) -> None:
        super().__init__()
        for use_case in CONSOLE_WRITES:  # the console's, listed beside the console's others
            self.provide(retried_once(use_case), provides=use_case)
