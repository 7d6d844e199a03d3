"""``/api/v1/webhooks/endpoints``: register, read, change, delete, rotate, ping."""

from __future__ import annotations

from typing import Any, Final
from uuid import UUID

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, delete, get, patch, post
from litestar.params import FromPath, JSONBody

from zenhire.domain import errors as e
from zenhire.domain.webhooks.endpoint_changes import (
    DeleteEndpoint,
    UpdateEndpoint,
    UpdateEndpointCommand,
)
from zenhire.domain.webhooks.manage import (
    CreateEndpoint,
    CreateEndpointCommand,
    EndpointRef,
    GetEndpoint,
    ListEndpoints,
)
from zenhire.domain.webhooks.model import EndpointId
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.params import caller
from zenhire.entrypoints.http.schemas.webhooks import (
    WebhookEndpointCreate,
    WebhookEndpointCreated,
    WebhookEndpointList,
    WebhookEndpointOut,
    WebhookEndpointPatch,
)

NO_STORE: Final = {"Cache-Control": "no-store"}
OWNED: Final = (e.NotFoundError, e.ResourceForbiddenError)
URL_ERRORS: Final = (e.InsecureWebhookUrlError, e.PrivateWebhookUrlError)


def endpoint_ref(request: Request[Any, Any, Any], endpoint_id: UUID) -> EndpointRef:
    return EndpointRef(caller(request).client_id, EndpointId(endpoint_id))


@post(
    "/endpoints",
    status_code=201,
    operation_id="create_webhook_endpoint",
    summary="Register a webhook endpoint",
    description=(
        "Registers a URL that receives your events, signed (Standard Webhooks). The URL must "
        "use https and must not be or resolve to a private, loopback, link-local, multicast "
        'or reserved address. `events` lists the types to receive, or `["*"]` for all. '
        "At most 10 endpoints per client. The signing `secret` is shown only in this answer "
        "(and on rotation): store it now."
    ),
    tags=[openapi.WEBHOOKS],
    opt=openapi.answers(
        *URL_ERRORS, e.WebhookEndpointLimitError, headers={201: ("Cache-Control",)}
    ),
)
@inject
async def create_endpoint(
    request: Request[Any, Any, Any],
    data: JSONBody[WebhookEndpointCreate],
    create: FromDishka[CreateEndpoint],
) -> Response[WebhookEndpointCreated]:
    created = await create(
        CreateEndpointCommand(
            client_id=caller(request).client_id,
            url=data.url,
            events=tuple(data.events),
            description=data.description,
        )
    )
    body = WebhookEndpointCreated(
        **WebhookEndpointOut.fields_of(created.endpoint), secret=created.secret
    )
    return Response(body, status_code=201, headers=NO_STORE)


@get(
    "/endpoints",
    operation_id="list_webhook_endpoints",
    summary="List webhook endpoints",
    description="Your endpoints, newest first (at most 10; never their secrets).",
    tags=[openapi.WEBHOOKS],
    opt=openapi.answers(),
)
@inject
async def list_endpoints(
    request: Request[Any, Any, Any], list_: FromDishka[ListEndpoints]
) -> WebhookEndpointList:
    return WebhookEndpointList(
        data=[WebhookEndpointOut.of(x) for x in await list_(caller(request).client_id)]
    )


@get(
    "/endpoints/{endpoint_id:uuid}",
    operation_id="get_webhook_endpoint",
    summary="Get a webhook endpoint",
    description="One of your endpoints (never its secret).",
    tags=[openapi.WEBHOOKS],
    opt=openapi.answers(*OWNED),
)
@inject
async def get_endpoint(
    request: Request[Any, Any, Any], endpoint_id: FromPath[UUID], get_: FromDishka[GetEndpoint]
) -> WebhookEndpointOut:
    return WebhookEndpointOut.of(await get_(endpoint_ref(request, endpoint_id)))


@patch(
    "/endpoints/{endpoint_id:uuid}",
    operation_id="update_webhook_endpoint",
    summary="Change a webhook endpoint",
    description=(
        "Changes any of `url` (the URL rules apply again), `events`, `description` and "
        "`enabled`. Disabling records `DISABLED_BY_CLIENT`; enabling again clears "
        "`disabled_reason` and delivery resumes."
    ),
    tags=[openapi.WEBHOOKS],
    opt=openapi.answers(*OWNED, *URL_ERRORS),
)
@inject
async def update_endpoint(
    request: Request[Any, Any, Any],
    endpoint_id: FromPath[UUID],
    data: JSONBody[WebhookEndpointPatch],
    update: FromDishka[UpdateEndpoint],
) -> WebhookEndpointOut:
    unset = msgspec.UNSET
    changed = await update(
        UpdateEndpointCommand(
            ref=endpoint_ref(request, endpoint_id),
            url=None if data.url is unset else data.url,
            events=None if data.events is unset else tuple(data.events),
            description=None if data.description is unset else data.description,
            description_set=data.description is not unset,
            enabled=None if data.enabled is unset else data.enabled,
        )
    )
    return WebhookEndpointOut.of(changed)


@delete(
    "/endpoints/{endpoint_id:uuid}",
    status_code=200,
    operation_id="delete_webhook_endpoint",
    summary="Delete a webhook endpoint",
    description="Deletes the endpoint; its pending deliveries are cancelled.",
    tags=[openapi.WEBHOOKS],
    opt=openapi.answers(*OWNED),
)
@inject
async def delete_endpoint(
    request: Request[Any, Any, Any],
    endpoint_id: FromPath[UUID],
    delete_: FromDishka[DeleteEndpoint],
) -> WebhookEndpointOut:
    return WebhookEndpointOut.of(await delete_(endpoint_ref(request, endpoint_id)))


HANDLERS = [
    create_endpoint,
    list_endpoints,
    get_endpoint,
    update_endpoint,
    delete_endpoint,
]
