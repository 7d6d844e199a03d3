"""``/api/v1/admin``: the operator API (Bearer admin token; 404 when disabled).

Each handler maps the request to one of ``admin_operations``, which ``zenhire admin`` shares.
"""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, delete, get, patch, post
from litestar.params import FromPath, JSONBody, QueryParameter

from zenhire.domain import errors as e
from zenhire.domain import limits
from zenhire.domain.model.idempotency import ADMIN_SCOPE
from zenhire.domain.model.ledger import LedgerKind
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
from zenhire.domain.use_cases.reinvite import ReInvite
from zenhire.entrypoints import admin_operations as ops
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.idempotency import Idempotency, KeyHeader
from zenhire.entrypoints.http.params import CursorParam, Limit
from zenhire.entrypoints.http.routes.sessions import NO_STORE, link_response
from zenhire.entrypoints.http.schemas.accounts import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyOut,
    ApiKeyPage,
    ClientCreate,
    ClientOut,
    ClientPage,
    ClientPatch,
    CreditsIn,
    LedgerPage,
    LedgerRow,
    ProjectIn,
    ProjectOut,
    ProjectPage,
)
from zenhire.entrypoints.http.schemas.sessions import SessionCreated

ActiveParam = Annotated[
    bool | None,
    QueryParameter(description="Only active (true) or only deactivated (false) clients."),
]
NamePrefix = Annotated[
    str | None,
    QueryParameter(
        min_length=1,
        max_length=limits.NAME_MAX,
        pattern=r"^[^\x00]*$",
        description="Only clients whose name starts with this (case-sensitive, literal).",
    ),
]
IncludeRevoked = Annotated[
    bool, QueryParameter(description="List revoked keys too (by default they are left out).")
]
KindParam = Annotated[
    LedgerKind | None, QueryParameter(description="Only ledger rows of this kind.")
]


@post(
    "/clients",
    status_code=201,
    operation_id="create_client",
    summary="Create a client",
    description=(
        "A client (tenant), optionally with a first credit grant. With an `Idempotency-Key`, "
        "a retry creates nothing more and answers the first response again."
    ),
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(*openapi.IDEMPOTENCY_ERRORS),
)
@inject
async def create_client(
    request: Request[Any, Any, Any],
    data: JSONBody[ClientCreate],
    create: FromDishka[CreateClient],
    idempotency: FromDishka[Idempotency],
    idempotency_key: KeyHeader = None,
) -> Response[ClientOut]:
    async def run() -> Response[ClientOut]:
        return Response(await ops.create_client(create, data), status_code=201)

    return await idempotency.run(request, idempotency_key, run, scope=ADMIN_SCOPE)


@get(
    "/clients",
    operation_id="list_clients",
    summary="List clients",
    description="Every client with its balance and live interviews, newest first, a page at "
    "a time (`next_cursor`).",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.InvalidCursorError),
)
@inject
async def list_clients(
    list_: FromDishka[ListClients],
    active: ActiveParam = None,
    name_prefix: NamePrefix = None,
    limit: Limit = limits.LIST_LIMIT_DEFAULT,
    cursor: CursorParam = None,
) -> ClientPage:
    return await ops.list_clients(
        list_, active=active, name_prefix=name_prefix, limit=limit, cursor=cursor
    )


@get(
    "/clients/{client_id:uuid}",
    operation_id="get_client",
    summary="Get a client",
    description="The client with its balance and live interviews.",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError),
)
@inject
async def get_client(client_id: FromPath[UUID], get_: FromDishka[GetClient]) -> ClientOut:
    return await ops.get_client(get_, client_id)


@patch(
    "/clients/{client_id:uuid}",
    operation_id="update_client",
    summary="Update a client",
    description=(
        "Changes only the fields given, atomically: a concurrent change of other fields is "
        "kept. Deactivating a client stops its keys."
    ),
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError),
)
@inject
async def update_client(
    client_id: FromPath[UUID], data: JSONBody[ClientPatch], update: FromDishka[UpdateClient]
) -> ClientOut:
    return await ops.update_client(update, client_id, data)


@post(
    "/clients/{client_id:uuid}/credits",
    status_code=201,
    operation_id="adjust_credits",
    summary="Grant or take credits",
    description=(
        "Adds one ledger row (`grant` for a positive amount, `adjustment` for a negative "
        "one) and moves the balance with it. With an `Idempotency-Key`, a grant retried after "
        "a timeout credits once and answers the first response again."
    ),
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError, *openapi.IDEMPOTENCY_ERRORS),
)
@inject
async def post_credits(
    request: Request[Any, Any, Any],
    client_id: FromPath[UUID],
    data: JSONBody[CreditsIn],
    post_: FromDishka[PostCredits],
    idempotency: FromDishka[Idempotency],
    idempotency_key: KeyHeader = None,
) -> Response[LedgerRow]:
    async def run() -> Response[LedgerRow]:
        return Response(await ops.post_credits(post_, client_id, data), status_code=201)

    return await idempotency.run(request, idempotency_key, run, scope=ADMIN_SCOPE)


@get(
    "/clients/{client_id:uuid}/ledger",
    operation_id="list_ledger",
    summary="List a client's ledger",
    description="The client's ledger rows, newest `seq` first (the order they were written), "
    "a page at a time (`next_cursor`).",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError, e.InvalidCursorError),
)
@inject
async def list_ledger(
    client_id: FromPath[UUID],
    list_: FromDishka[ListLedger],
    kind: KindParam = None,
    limit: Limit = limits.LIST_LIMIT_DEFAULT,
    cursor: CursorParam = None,
) -> LedgerPage:
    return await ops.list_ledger(list_, client_id, kind=kind, limit=limit, cursor=cursor)


@post(
    "/clients/{client_id:uuid}/projects",
    status_code=201,
    operation_id="create_project",
    summary="Create a project",
    description="A project of the client, to attribute API keys and their sessions to.",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError),
)
@inject
async def create_project(
    client_id: FromPath[UUID], data: JSONBody[ProjectIn], create: FromDishka[CreateProject]
) -> ProjectOut:
    return await ops.create_project(create, client_id, data)


@get(
    "/clients/{client_id:uuid}/projects",
    operation_id="list_projects",
    summary="List a client's projects",
    description="The client's projects, newest first, a page at a time (`next_cursor`).",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError, e.InvalidCursorError),
)
@inject
async def list_projects(
    client_id: FromPath[UUID],
    list_: FromDishka[ListProjects],
    limit: Limit = limits.LIST_LIMIT_DEFAULT,
    cursor: CursorParam = None,
) -> ProjectPage:
    return await ops.list_projects(list_, client_id, limit=limit, cursor=cursor)


@post(
    "/clients/{client_id:uuid}/api-keys",
    status_code=201,
    operation_id="create_api_key",
    summary="Create an API key",
    description=(
        "A new API key of the client. The key itself is in this answer only; it is stored "
        "as a digest. `project_id` must name a project of the same client."
    ),
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError, headers={201: ("Cache-Control",)}),
)
@inject
async def create_api_key(
    client_id: FromPath[UUID], data: JSONBody[ApiKeyIn], create: FromDishka[CreateApiKey]
) -> Response[ApiKeyCreated]:
    body = await ops.create_api_key(create, client_id, data)
    return Response(body, status_code=201, headers=NO_STORE)


@get(
    "/clients/{client_id:uuid}/api-keys",
    operation_id="list_api_keys",
    summary="List a client's API keys",
    description=(
        "The client's keys, newest first, a page at a time (`next_cursor`); never the key "
        "itself. `last_used_at` is the start of the newest clock minute in which the key made "
        "a request."
    ),
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError, e.InvalidCursorError),
)
@inject
async def list_api_keys(
    client_id: FromPath[UUID],
    list_: FromDishka[ListApiKeys],
    include_revoked: IncludeRevoked = False,
    limit: Limit = limits.LIST_LIMIT_DEFAULT,
    cursor: CursorParam = None,
) -> ApiKeyPage:
    return await ops.list_api_keys(
        list_, client_id, include_revoked=include_revoked, limit=limit, cursor=cursor
    )


@delete(
    "/api-keys/{key_id:uuid}",
    status_code=200,
    operation_id="revoke_api_key",
    summary="Revoke an API key",
    description=(
        "The key stops working (401 INVALID_API_KEY) at once in the process that revoked it; "
        "other processes may accept it for a few more seconds. Revoking again answers the same."
    ),
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError),
)
@inject
async def revoke_api_key(key_id: FromPath[UUID], revoke: FromDishka[RevokeApiKey]) -> ApiKeyOut:
    return await ops.revoke_api_key(revoke, key_id)


@post(
    "/sessions/{session_id:uuid}/reinvite",
    status_code=201,
    operation_id="admin_reinvite_session",
    summary="Re-invite a candidate (any client)",
    description="As reinvite_session, for a session of any client.",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(
        e.NotFoundError,
        e.SessionCompletedError,
        e.SessionActiveError,
        e.SessionNotEndedError,
        e.PersonaArchivedError,
        e.InsufficientCreditsError,
        headers={201: ("Location", "Cache-Control")},
    ),
)
@inject
async def admin_reinvite(
    session_id: FromPath[UUID], reinvite: FromDishka[ReInvite]
) -> Response[SessionCreated]:
    return link_response(await ops.reinvite(reinvite, session_id), "session_reinvited")


HANDLERS = [
    create_client,
    list_clients,
    get_client,
    update_client,
    post_credits,
    list_ledger,
    create_project,
    list_projects,
    create_api_key,
    list_api_keys,
    revoke_api_key,
    admin_reinvite,
]
