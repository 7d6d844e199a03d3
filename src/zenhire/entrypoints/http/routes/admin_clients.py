"""``/api/v1/admin/clients``: clients (operator API; their credits: ``admin_credits``).

Each handler maps the request to one of ``admin.operations``, which ``zenhire admin`` shares.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, get, patch, post
from litestar.params import FromPath, JSONBody

from zenhire.domain import errors as e
from zenhire.domain import limits
from zenhire.domain.model.idempotency import ADMIN_SCOPE
from zenhire.domain.use_cases.admin_clients import (
    CreateClient,
    GetClient,
    ListClients,
    UpdateClient,
)
from zenhire.entrypoints.admin import operations as ops
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.idempotency import Idempotency, KeyHeader
from zenhire.entrypoints.http.params import CursorParam, Limit
from zenhire.entrypoints.http.routes import admin_credits
from zenhire.entrypoints.http.routes.admin_params import ActiveParam, NamePrefix
from zenhire.entrypoints.http.schemas.accounts import (
    ClientCreate,
    ClientOut,
    ClientPage,
    ClientPatch,
)


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


HANDLERS = [
    create_client,
    list_clients,
    get_client,
    update_client,
    *admin_credits.HANDLERS,
]
