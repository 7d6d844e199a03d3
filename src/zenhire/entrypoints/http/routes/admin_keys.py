"""``/api/v1/admin``: a client's API keys (operator API).

Each handler maps the request to one of ``admin.operations``, which ``zenhire admin`` shares.
"""

from __future__ import annotations

from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Response, delete, get, post
from litestar.params import FromPath, JSONBody

from zenhire.domain import errors as e
from zenhire.domain import limits
from zenhire.domain.use_cases.admin_keys import (
    CreateApiKey,
    ListApiKeys,
    RevokeApiKey,
)
from zenhire.entrypoints.admin import operations as ops
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.params import CursorParam, Limit
from zenhire.entrypoints.http.routes.admin_params import IncludeRevoked
from zenhire.entrypoints.http.routes.links import NO_STORE
from zenhire.entrypoints.http.schemas.access import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyOut,
    ApiKeyPage,
)


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


HANDLERS = [create_api_key, list_api_keys, revoke_api_key]
