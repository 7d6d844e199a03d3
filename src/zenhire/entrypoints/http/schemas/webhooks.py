"""Webhook bodies: endpoints, deliveries, events (api.md §11)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

import msgspec

from zenhire.domain.timefmt import iso, iso_or_none
from zenhire.domain.webhooks.manage import SUBSCRIBABLE
from zenhire.domain.webhooks.model import (
    ALL_EVENTS,
    DeliveryStatus,
    DisabledReason,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventType,
    public_event_id,
)
from zenhire.domain.webhooks.urls import URL_MAX
from zenhire.entrypoints.http.schemas.common import IPV6, Out, Strict, Timestamp

_PORT = r"(?::(?:[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"
# An absolute http(s) URL: a host name, IPv4 or bracketed IPv6 address, an optional port, no
# credentials, no whitespace or control characters.
URL_PATTERN = (
    rf"^https?://(?:[A-Za-z0-9._~!$&'()*+,;=-]+|\[{IPV6}\])"
    + _PORT
    + r"(?:[/?#][^\s\u0000-\u001f\u007f]*)?$"
)
Url = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=URL_MAX,
        pattern=URL_PATTERN,
        description="Your receiver: https (no private, loopback or link-local address).",
        examples=["https://hooks.example.com/zenhire"],
    ),
]
EventName = Annotated[
    str, msgspec.Meta(extra_json_schema={"enum": [ALL_EVENTS, *sorted(SUBSCRIBABLE)]})
]
Events = Annotated[
    list[EventName],
    msgspec.Meta(
        min_length=1,
        max_length=len(SUBSCRIBABLE),
        description='Event types to receive, or `["*"]` for all.',
        extra_json_schema={"uniqueItems": True},
    ),
]
Description = Annotated[str, msgspec.Meta(max_length=500)]
Overlap = Annotated[
    int,
    msgspec.Meta(
        ge=0,
        le=604_800,
        description="Seconds during which deliveries are signed with the old secret too.",
    ),
]
Secret = Annotated[
    str,
    msgspec.Meta(
        description="`whsec_` + base64 of 32 random bytes; shown only here.",
        examples=["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    ),
]


class WebhookEndpointCreate(Strict):
    url: Url
    events: Events = msgspec.field(default_factory=lambda: [ALL_EVENTS])
    description: Description | None = None


class WebhookEndpointPatch(Strict):
    url: Url | msgspec.UnsetType = msgspec.UNSET
    events: Events | msgspec.UnsetType = msgspec.UNSET
    description: Description | msgspec.UnsetType | None = msgspec.UNSET
    enabled: bool | msgspec.UnsetType = msgspec.UNSET


class WebhookSecretRotate(Strict):
    expire_previous_after_seconds: Overlap = 86_400


class WebhookEndpointOut(Out):
    id: UUID
    url: str
    events: list[str]
    description: str | None
    enabled: bool
    disabled_reason: DisabledReason | None
    created_at: Timestamp
    updated_at: Timestamp

    @classmethod
    def fields_of(cls, e: WebhookEndpoint) -> dict[str, Any]:
        return {
            "id": e.id,
            "url": e.url,
            "events": list(e.events),
            "description": e.description,
            "enabled": e.enabled,
            "disabled_reason": e.disabled_reason,
            "created_at": iso(e.created_at),
            "updated_at": iso(e.updated_at),
        }

    @classmethod
    def of(cls, e: WebhookEndpoint) -> WebhookEndpointOut:
        return cls(**cls.fields_of(e))


class WebhookEndpointCreated(WebhookEndpointOut):
    """The endpoint with its signing secret: shown only in this answer."""

    secret: Secret


class WebhookEndpointList(Out):
    data: list[WebhookEndpointOut]


class WebhookSecretOut(Out):
    secret: Secret


class WebhookDeliveryOut(Out):
    id: UUID
    event_id: str
    event_type: str
    endpoint_id: UUID
    status: DeliveryStatus
    attempts: int
    last_attempt_at: Timestamp | None
    last_status_code: int | None
    last_error: str | None
    next_attempt_at: Timestamp | None
    delivered_at: Timestamp | None
    created_at: Timestamp

    @classmethod
    def of(cls, d: WebhookDelivery) -> WebhookDeliveryOut:
        return cls(
            id=d.id,
            event_id=public_event_id(d.event_id),
            event_type=d.event_type,
            endpoint_id=d.endpoint_id,
            status=d.status,
            attempts=d.attempts,
            last_attempt_at=iso_or_none(d.last_attempt_at),
            last_status_code=d.last_status_code,
            last_error=d.last_error,
            next_attempt_at=iso_or_none(d.next_attempt_at),
            delivered_at=iso_or_none(d.delivered_at),
            created_at=iso(d.created_at),
        )


class WebhookDeliveryPage(Out):
    data: list[WebhookDeliveryOut]
    next_cursor: str | None


class WebhookEventOut(Out):
    """One event, as delivered: the webhook-id header is its id."""

    id: Annotated[str, msgspec.Meta(examples=["evt_0192f3c1b7e47c2a9d6e0b1a2c3d4e5f"])]
    type: Annotated[
        str, msgspec.Meta(extra_json_schema={"enum": [t.value for t in WebhookEventType]})
    ]
    created_at: Timestamp
    data: dict[str, Any]

    @classmethod
    def of(cls, e: WebhookEvent) -> WebhookEventOut:
        return cls(id=e.public_id, type=e.type, created_at=iso(e.created_at), data=e.data)


class WebhookEventPage(Out):
    data: list[WebhookEventOut]
    next_cursor: str | None


class PingQueued(Out):
    """Accepted: the ping is queued for delivery."""

    status: str = "queued"
    event_id: str | None = None
    delivery_id: UUID | None = None
