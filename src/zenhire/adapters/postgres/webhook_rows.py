"""Rows of the webhook tables ↔ domain values."""

from __future__ import annotations

import json
from typing import Any, Final

from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.webhooks.model import (
    DeliveryStatus,
    DisabledReason,
    EndpointId,
    WebhookDelivery,
    WebhookDeliveryId,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventId,
)

DELIVERY_COLUMNS: Final = (
    "id, event_id, event_type, endpoint_id, client_id, status, attempts, last_attempt_at,"
    " last_status_code, last_error, next_attempt_at, delivered_at, created_at"
)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def endpoint(r: Any, prefix: str = "") -> WebhookEndpoint:
    def v(name: str) -> Any:
        return r[prefix + name]

    reason = v("disabled_reason")
    return WebhookEndpoint(
        id=EndpointId(v("id")),
        client_id=ClientId(v("client_id")),
        url=v("url"),
        events=tuple(v("events")),
        description=v("description"),
        enabled=v("enabled"),
        disabled_reason=None if reason is None else DisabledReason(reason),
        secret=v("secret"),
        previous_secret=v("previous_secret"),
        previous_secret_expires_at=v("previous_secret_expires_at"),
        failing_since=v("failing_since"),
        created_at=v("created_at"),
        updated_at=v("updated_at"),
    )


def event(r: Any, prefix: str = "") -> WebhookEvent:
    session_id = r[prefix + "session_id"]
    return WebhookEvent(
        id=WebhookEventId(r[prefix + "id"]),
        client_id=ClientId(r[prefix + "client_id"]),
        type=r[prefix + "type"],
        session_id=None if session_id is None else SessionId(session_id),
        created_at=r[prefix + "created_at"],
        data=_json(r[prefix + "data"]),
    )


def delivery(r: Any) -> WebhookDelivery:
    return WebhookDelivery(
        id=WebhookDeliveryId(r["id"]),
        event_id=WebhookEventId(r["event_id"]),
        event_type=r["event_type"],
        endpoint_id=EndpointId(r["endpoint_id"]),
        client_id=ClientId(r["client_id"]),
        status=DeliveryStatus(r["status"]),
        attempts=r["attempts"],
        last_attempt_at=r["last_attempt_at"],
        last_status_code=r["last_status_code"],
        last_error=r["last_error"],
        next_attempt_at=r["next_attempt_at"],
        delivered_at=r["delivered_at"],
        created_at=r["created_at"],
    )
