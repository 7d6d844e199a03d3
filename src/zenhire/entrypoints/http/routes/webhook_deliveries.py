"""``/api/v1/webhooks``: an endpoint's deliveries, manual retry, the reconciliation feed."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, get, post
from litestar.params import FromPath, QueryParameter

from zenhire.domain import errors as e
from zenhire.domain.model.ids import SessionId
from zenhire.domain.ports.webhook_events import EventFilter
from zenhire.domain.validation import utc_instant
from zenhire.domain.webhooks.feed import (
    DeliveryRef,
    ListDeliveries,
    ListDeliveriesQuery,
    ListEvents,
    ListEventsQuery,
    RetryDelivery,
)
from zenhire.domain.webhooks.model import DeliveryStatus, WebhookDeliveryId
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.params import CursorParam, Limit, caller, page_request
from zenhire.entrypoints.http.routes.webhook_endpoints import OWNED, endpoint_ref
from zenhire.entrypoints.http.schemas.webhooks import (
    WebhookDeliveryOut,
    WebhookDeliveryPage,
    WebhookEventOut,
    WebhookEventPage,
)


@get(
    "/endpoints/{endpoint_id:uuid}/deliveries",
    operation_id="list_webhook_deliveries",
    summary="List an endpoint's deliveries",
    description="The endpoint's deliveries, newest first, a page at a time (`next_cursor`).",
    tags=[openapi.WEBHOOKS],
    opt=openapi.answers(*OWNED, e.InvalidCursorError),
)
@inject
async def list_deliveries(
    request: Request[Any, Any, Any],
    endpoint_id: FromPath[UUID],
    list_: FromDishka[ListDeliveries],
    status: Annotated[
        DeliveryStatus | None, QueryParameter(description="Only deliveries in this status.")
    ] = None,
    event_type: Annotated[
        str | None, QueryParameter(description="Only deliveries of this event type.")
    ] = None,
    limit: Limit = 20,
    cursor: CursorParam = None,
) -> WebhookDeliveryPage:
    page = await list_(
        ListDeliveriesQuery(
            ref=endpoint_ref(request, endpoint_id),
            status=status,
            event_type=event_type,
            page=page_request(limit, cursor),
        )
    )
    return WebhookDeliveryPage(
        data=[WebhookDeliveryOut.of(d) for d in page.items], next_cursor=page.next_cursor
    )


@post(
    "/deliveries/{delivery_id:uuid}/retry",
    status_code=202,
    operation_id="retry_webhook_delivery",
    summary="Retry a delivery now",
    description=(
        "Makes the delivery due now; attempts go on from where they were (a `failed` one "
        "too). A `delivered` one is sent again with the same `webhook-id`. A `cancelled` one "
        "(its endpoint was deleted) cannot be retried."
    ),
    tags=[openapi.WEBHOOKS],
    opt=openapi.answers(*OWNED, e.DeliveryCancelledError),
)
@inject
async def retry_delivery(
    request: Request[Any, Any, Any], delivery_id: FromPath[UUID], retry: FromDishka[RetryDelivery]
) -> Response[WebhookDeliveryOut]:
    ref = DeliveryRef(caller(request).client_id, WebhookDeliveryId(delivery_id))
    return Response(WebhookDeliveryOut.of(await retry(ref)), status_code=202)


@get(
    "/events",
    operation_id="list_webhook_events",
    summary="List events (reconciliation feed)",
    description=(
        "Your events of the last 30 days, newest first: the source of truth to reconcile "
        "with after deliveries you missed. Each is the body that was delivered, its `id` the "
        "`webhook-id` header."
    ),
    tags=[openapi.WEBHOOKS],
    opt=openapi.answers(e.InvalidCursorError),
)
@inject
async def list_events(
    request: Request[Any, Any, Any],
    list_: FromDishka[ListEvents],
    type: Annotated[str | None, QueryParameter(description="Only events of this type.")] = None,
    session_id: Annotated[
        UUID | None, QueryParameter(description="Only events about this session.")
    ] = None,
    created_after: Annotated[
        datetime | None,
        QueryParameter(description="Only events at or after this instant (UTC if no offset)."),
    ] = None,
    limit: Limit = 20,
    cursor: CursorParam = None,
) -> WebhookEventPage:
    where = EventFilter(
        client_id=caller(request).client_id,
        type=type,
        session_id=None if session_id is None else SessionId(session_id),
        created_after=None
        if created_after is None
        else utc_instant("created_after", created_after),
    )
    page = await list_(ListEventsQuery(where, page_request(limit, cursor)))
    return WebhookEventPage(
        data=[WebhookEventOut.of(x) for x in page.items], next_cursor=page.next_cursor
    )


HANDLERS = [list_deliveries, retry_delivery, list_events]
