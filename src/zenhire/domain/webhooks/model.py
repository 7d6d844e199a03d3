"""Webhook endpoints, events and deliveries: pure values and the rules that move them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Final, NewType
from uuid import UUID

from zenhire.domain.model.events import EventType as AuditType
from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.timefmt import iso

EndpointId = NewType("EndpointId", UUID)
WebhookEventId = NewType("WebhookEventId", UUID)
WebhookDeliveryId = NewType("WebhookDeliveryId", UUID)

ENDPOINTS_PER_CLIENT: Final = 10
EVENTS_KEPT: Final = timedelta(days=30)
ALL_EVENTS: Final = "*"
EVENT_ID_PREFIX: Final = "evt_"


class WebhookEventType(StrEnum):
    SESSION_CREATED = "session.created"
    SESSION_QUEUED = "session.queued"
    SESSION_ADMITTED = "session.admitted"
    SESSION_COMPLETED = "session.completed"
    SESSION_FAILED = "session.failed"
    SESSION_REINVITED = "session.reinvited"
    CREDITS_LOW = "credits.low"
    PING = "ping"


# The audit events that integrators hear of; a reconnect is not a state change.
WEBHOOK_TYPE_OF_AUDIT: Final[dict[AuditType, WebhookEventType]] = {
    AuditType.CREATED: WebhookEventType.SESSION_CREATED,
    AuditType.QUEUED: WebhookEventType.SESSION_QUEUED,
    AuditType.ADMITTED: WebhookEventType.SESSION_ADMITTED,
    AuditType.COMPLETED: WebhookEventType.SESSION_COMPLETED,
    AuditType.FAILED: WebhookEventType.SESSION_FAILED,
    AuditType.TIMED_OUT: WebhookEventType.SESSION_FAILED,
    AuditType.LINK_EXPIRED: WebhookEventType.SESSION_FAILED,
    AuditType.REINVITED: WebhookEventType.SESSION_REINVITED,
}


class DisabledReason(StrEnum):
    FAILING_FOR_3_DAYS = "FAILING_FOR_3_DAYS"
    DISABLED_BY_CLIENT = "DISABLED_BY_CLIENT"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(slots=True, kw_only=True)
class WebhookEndpoint:
    """A client's receiver. ``secret`` signs every delivery; while ``previous_secret`` is
    unexpired (rotation overlap) deliveries carry a signature with each."""

    id: EndpointId
    client_id: ClientId
    url: str
    events: tuple[str, ...]
    description: str | None
    enabled: bool
    disabled_reason: DisabledReason | None
    secret: str = field(repr=False)
    previous_secret: str | None = field(default=None, repr=False)
    previous_secret_expires_at: datetime | None = None
    failing_since: datetime | None = None
    created_at: datetime
    updated_at: datetime

    def subscribed(self, event_type: str) -> bool:
        return ALL_EVENTS in self.events or event_type in self.events

    def signing_secrets(self, now: datetime) -> list[str]:
        """The current secret, then the previous one while its overlap lasts."""
        secrets = [self.secret]
        expires = self.previous_secret_expires_at
        if self.previous_secret is not None and expires is not None and now < expires:
            secrets.append(self.previous_secret)
        return secrets


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookEvent:
    """One outbox entry: ``data`` is the payload's ``data`` (never a token or a key)."""

    id: WebhookEventId
    client_id: ClientId
    type: str
    session_id: SessionId | None
    created_at: datetime
    data: dict[str, Any]

    @property
    def public_id(self) -> str:
        return public_event_id(self.id)

    def body(self) -> dict[str, Any]:
        """The JSON document delivered (and listed by the reconciliation feed)."""
        return {
            "id": self.public_id,
            "type": self.type,
            "created_at": iso(self.created_at),
            "data": self.data,
        }


def public_event_id(event_id: UUID) -> str:
    return f"{EVENT_ID_PREFIX}{event_id.hex}"


def parse_event_id(text: str) -> UUID | None:
    """The id behind ``evt_<32 hex>``, or None when the text is not one."""
    if not text.startswith(EVENT_ID_PREFIX):
        return None
    try:
        return UUID(hex=text[len(EVENT_ID_PREFIX) :])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookDelivery:
    id: WebhookDeliveryId
    event_id: WebhookEventId
    event_type: str
    endpoint_id: EndpointId
    client_id: ClientId
    status: DeliveryStatus
    attempts: int
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime
