"""``/api/v1/admin``: the operator API (Bearer admin token; 404 when disabled)."""

from __future__ import annotations

from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Response, delete, get, patch, post
from litestar.params import FromPath, JSONBody

from zenhire.domain import errors as e
from zenhire.domain.model.clients import INTERVIEW_PERMISSION
from zenhire.domain.model.ids import ApiKeyId, ClientId, ProjectId, SessionId
from zenhire.domain.use_cases.admin_clients import (
    CreateClient,
    CreateClientCommand,
    GetClient,
    PostCredits,
    PostCreditsCommand,
    UpdateClient,
    UpdateClientCommand,
)
from zenhire.domain.use_cases.admin_keys import (
    CreateApiKey,
    CreateApiKeyCommand,
    CreateProject,
    CreateProjectCommand,
    RevokeApiKey,
)
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.routes.sessions import NO_STORE, link_response
from zenhire.entrypoints.http.schemas.accounts import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyOut,
    ClientCreate,
    ClientOut,
    ClientPatch,
    CreditsIn,
    LedgerRow,
    ProjectIn,
    ProjectOut,
    key_fields,
)
from zenhire.entrypoints.http.schemas.sessions import SessionCreated


@post(
    "/clients",
    status_code=201,
    operation_id="create_client",
    summary="Create a client",
    description="A client (tenant), optionally with a first credit grant.",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(),
)
@inject
async def create_client(
    data: JSONBody[ClientCreate], create: FromDishka[CreateClient]
) -> ClientOut:
    view = await create(
        CreateClientCommand(
            name=data.name,
            credits=data.credits,
            max_concurrent_interviews=data.max_concurrent_interviews,
            permissions=data.permissions
            if data.permissions is not None
            else [INTERVIEW_PERMISSION],
            active=data.active,
        )
    )
    return ClientOut.of(view)


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
    return ClientOut.of(await get_(ClientId(client_id)))


@patch(
    "/clients/{client_id:uuid}",
    operation_id="update_client",
    summary="Update a client",
    description="Changes only the fields given. Deactivating a client stops its keys.",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError),
)
@inject
async def update_client(
    client_id: FromPath[UUID], data: JSONBody[ClientPatch], update: FromDishka[UpdateClient]
) -> ClientOut:
    view = await update(
        UpdateClientCommand(
            client_id=ClientId(client_id),
            name=data.name,
            max_concurrent_interviews=data.max_concurrent_interviews,
            permissions=data.permissions,
            active=data.active,
        )
    )
    return ClientOut.of(view)


@post(
    "/clients/{client_id:uuid}/credits",
    status_code=201,
    operation_id="adjust_credits",
    summary="Grant or take credits",
    description=(
        "Adds one ledger row (`grant` for a positive amount, `adjustment` for a negative "
        "one) and moves the balance with it."
    ),
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError),
)
@inject
async def post_credits(
    client_id: FromPath[UUID], data: JSONBody[CreditsIn], post_: FromDishka[PostCredits]
) -> LedgerRow:
    entry = await post_(
        PostCreditsCommand(client_id=ClientId(client_id), amount=data.amount, reason=data.reason)
    )
    return LedgerRow.of(entry)


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
    project = await create(CreateProjectCommand(client_id=ClientId(client_id), name=data.name))
    return ProjectOut.of(project)


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
    issued = await create(
        CreateApiKeyCommand(
            client_id=ClientId(client_id),
            project_id=ProjectId(data.project_id) if data.project_id else None,
            expires_at=data.expires_at,
            allowed_ips=data.allowed_ips,
            name=data.name,
            rate_limit_per_minute=data.rate_limit_per_minute,
        )
    )
    body = ApiKeyCreated(**key_fields(issued.key), key=issued.raw)
    return Response(body, status_code=201, headers=NO_STORE)


@delete(
    "/api-keys/{key_id:uuid}",
    status_code=200,
    operation_id="revoke_api_key",
    summary="Revoke an API key",
    description=(
        "The key stops working (401 INVALID_API_KEY); other processes may accept it for a "
        "few more seconds. Revoking again answers the same."
    ),
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError),
)
@inject
async def revoke_api_key(key_id: FromPath[UUID], revoke: FromDishka[RevokeApiKey]) -> ApiKeyOut:
    return ApiKeyOut.of(await revoke(ApiKeyId(key_id)))


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
    issued = await reinvite(ReInviteCommand(session_id=SessionId(session_id), client_id=None))
    return link_response(issued, "session_reinvited")


HANDLERS = [
    create_client,
    get_client,
    update_client,
    post_credits,
    create_project,
    create_api_key,
    revoke_api_key,
    admin_reinvite,
]
