"""``/api/v1/webhooks/endpoints/{id}``: rotate the secret, ping."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, post
from litestar.params import FromPath, JSONBody

from zenhire.domain.webhooks.endpoint_changes import (
    RotateSecret,
    RotateSecretCommand,
)
from zenhire.domain.webhooks.feed import PingEndpoint
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.routes.webhook_endpoints import NO_STORE, OWNED, endpoint_ref
from zenhire.entrypoints.http.schemas.webhooks import (
    PingQueued,
    WebhookSecretOut,
    WebhookSecretRotate,
)


@post(
    "/endpoints/{endpoint_id:uuid}/rotate-secret",
    status_code=200,
    operation_id="rotate_webhook_secret",
    summary="Rotate a webhook endpoint's secret",
    description=(
        "Issues a new signing secret, shown only in this answer. Until "
        "`expire_previous_after_seconds` (default 86,400) have passed, every delivery carries "
        "a signature with each secret, so receivers can switch without losing events."
    ),
    tags=[openapi.WEBHOOKS],
    opt=openapi.answers(*OWNED, headers={200: ("Cache-Control",)}),
)
@inject
async def rotate_secret(
    request: Request[Any, Any, Any],
    endpoint_id: FromPath[UUID],
    data: JSONBody[WebhookSecretRotate],
    rotate: FromDishka[RotateSecret],
) -> Response[WebhookSecretOut]:
    overlap = data.expire_previous_after_seconds
    secret = await rotate(
        RotateSecretCommand(
            ref=endpoint_ref(request, endpoint_id), expire_previous_after_seconds=overlap
        )
    )
    return Response(WebhookSecretOut(secret=secret), headers=NO_STORE)


@post(
    "/endpoints/{endpoint_id:uuid}/ping",
    status_code=202,
    operation_id="ping_webhook_endpoint",
    summary="Ping a webhook endpoint",
    description=(
        "Queues a `ping` event (data `{}`) to this endpoint only; follow it in the "
        "endpoint's deliveries."
    ),
    tags=[openapi.WEBHOOKS],
    opt=openapi.answers(*OWNED),
)
@inject
async def ping_endpoint(
    request: Request[Any, Any, Any], endpoint_id: FromPath[UUID], ping: FromDishka[PingEndpoint]
) -> Response[PingQueued]:
    event = await ping(endpoint_ref(request, endpoint_id))
    return Response(PingQueued(event_id=event.public_id), status_code=202)


HANDLERS = [rotate_secret, ping_endpoint]
