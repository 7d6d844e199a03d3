"""Webhooks: endpoints (create with the secret shown once, edit, enable/disable, rotate the
secret, ping, delete) and each endpoint's deliveries with Retry — over the API's use cases."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Response, Template

from zenhire.domain.console.model import AuditAction
from zenhire.domain.console.use_cases.audit import RecordChange
from zenhire.domain.pagination import PageRequest
from zenhire.domain.webhooks.endpoint_changes import (
    DeleteEndpoint,
    RotateSecret,
    RotateSecretCommand,
    UpdateEndpoint,
    UpdateEndpointCommand,
)
from zenhire.domain.webhooks.feed import (
    DeliveryRef,
    ListDeliveries,
    ListDeliveriesQuery,
    PingEndpoint,
    RetryDelivery,
)
from zenhire.domain.webhooks.manage import (
    CreateEndpoint,
    CreateEndpointCommand,
    EndpointRef,
    GetEndpoint,
    ListEndpoints,
)
from zenhire.domain.webhooks.model import (
    ALL_EVENTS,
    EndpointId,
    WebhookDeliveryId,
    WebhookEventType,
)
from zenhire.entrypoints.console.web import changing_form, container, page, see_other, signed_in

EVENTS = [e.value for e in WebhookEventType if e is not WebhookEventType.PING]


def _events(values: dict[str, str]) -> tuple[str, ...]:
    chosen = tuple(e for e in EVENTS if values.get(f"event:{e}"))
    return chosen if chosen and len(chosen) < len(EVENTS) else (ALL_EVENTS,)


def _ref(actor: Any, endpoint_id: UUID) -> EndpointRef:
    return EndpointRef(actor.client_id, EndpointId(endpoint_id))


@get("/webhooks", include_in_schema=False)
async def webhooks(request: Request[Any, Any, Any]) -> Template:
    actor = await signed_in(request)
    endpoints = await (await container(request).get(ListEndpoints))(actor.client_id)
    return page(request, "webhooks.html", endpoints=endpoints, events=EVENTS, all=ALL_EVENTS)


@post("/webhooks", include_in_schema=False)
async def create(request: Request[Any, Any, Any]) -> Response[Any]:
    actor, values = await changing_form(request)
    scope = container(request)
    url = values.get("url", "").strip()
    await (await scope.get(RecordChange))(actor, AuditAction.WEBHOOK_CHANGED, f"created {url}")
    made = await (await scope.get(CreateEndpoint))(
        CreateEndpointCommand(
            client_id=actor.client_id,
            url=url,
            events=_events(values),
            description=values.get("description") or None,
        )
    )
    return page(
        request,
        "webhook_secret.html",
        secret=True,
        status=201,
        endpoint=made.endpoint,
        value=made.secret,
        rotated=False,
    )


@get("/webhooks/{endpoint_id:uuid}", include_in_schema=False)
async def endpoint(request: Request[Any, Any, Any], endpoint_id: FromPath[UUID]) -> Template:
    actor = await signed_in(request)
    scope = container(request)
    ref = _ref(actor, endpoint_id)
    found = await (await scope.get(GetEndpoint))(ref)
    cursor = request.query_params.get("cursor") or None
    deliveries = await (await scope.get(ListDeliveries))(
        ListDeliveriesQuery(ref=ref, status=None, event_type=None, page=PageRequest.of(25, cursor))
    )
    return page(
        request,
        "webhook.html",
        e=found,
        deliveries=deliveries.items,
        next_cursor=deliveries.next_cursor,
        events=EVENTS,
        all=ALL_EVENTS,
    )


@post("/webhooks/{endpoint_id:uuid}", include_in_schema=False)
async def change(request: Request[Any, Any, Any], endpoint_id: FromPath[UUID]) -> Response[Any]:
    """One form per action: ``edit``, ``enable``, ``disable``, ``rotate``, ``ping``, ``delete``."""
    actor, values = await changing_form(request)
    scope = container(request)
    ref = _ref(actor, endpoint_id)
    action = values.get("action", "")
    current = await (await scope.get(GetEndpoint))(ref)  # NOT_FOUND for another client's
    await (await scope.get(RecordChange))(
        actor, AuditAction.WEBHOOK_CHANGED, f"{action or 'edit'}: {current.url}"
    )
    back = see_other(f"/console/webhooks/{endpoint_id}")
    if action == "rotate":
        value = await (await scope.get(RotateSecret))(RotateSecretCommand(ref=ref))
        found = await (await scope.get(GetEndpoint))(ref)
        return page(
            request, "webhook_secret.html", secret=True, endpoint=found, value=value, rotated=True
        )
    if action == "ping":
        await (await scope.get(PingEndpoint))(ref)
    elif action == "delete":
        await (await scope.get(DeleteEndpoint))(ref)
        return see_other("/console/webhooks")
    elif action in {"enable", "disable"}:
        await (await scope.get(UpdateEndpoint))(
            UpdateEndpointCommand(ref=ref, enabled=action == "enable")
        )
    else:
        await (await scope.get(UpdateEndpoint))(
            UpdateEndpointCommand(
                ref=ref,
                url=values.get("url", "").strip() or None,
                events=_events(values),
                description=values.get("description") or None,
                description_set=True,
            )
        )
    return back


@post("/webhooks/deliveries/{delivery_id:uuid}/retry", include_in_schema=False)
async def retry(request: Request[Any, Any, Any], delivery_id: FromPath[UUID]) -> Response[Any]:
    actor, _ = await changing_form(request)
    scope = container(request)
    await (await scope.get(RecordChange))(
        actor, AuditAction.WEBHOOK_CHANGED, f"retry delivery {delivery_id}"
    )
    done = await (await scope.get(RetryDelivery))(
        DeliveryRef(actor.client_id, WebhookDeliveryId(delivery_id))
    )
    return see_other(f"/console/webhooks/{done.endpoint_id}")


HANDLERS = [webhooks, create, endpoint, change, retry]
