"""The memory store's webhook outbox: events and their deliveries, written in the
transaction of the change they report."""

from __future__ import annotations

from zenhire.adapters.ids import Uuid7Ids
from zenhire.adapters.memory.store import MemoryStore, MemoryTransaction
from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.sessions import Session
from zenhire.domain.webhooks.model import (
    WEBHOOK_TYPE_OF_AUDIT,
    DeliveryStatus,
    EndpointId,
    WebhookDelivery,
    WebhookDeliveryId,
    WebhookEvent,
    WebhookEventId,
)
from zenhire.domain.webhooks.payloads import session_summary, with_persona

_ids = Uuid7Ids()


def emit_session_event(
    tx: MemoryTransaction, store: MemoryStore, session: Session, e: SessionEvent
) -> None:
    """The outbox hook of ``MemorySessions.save``: the webhook event an audit event stands
    for, written in the same transaction (none for a reconnect)."""
    type_ = WEBHOOK_TYPE_OF_AUDIT.get(e.type)
    if type_ is None:
        return
    persona = store.personas[session.persona_id]
    summary = with_persona(session_summary(session), persona.role_name, persona.language)
    event = WebhookEvent(
        id=WebhookEventId(_ids.new_id()),
        client_id=session.client_id,
        type=type_.value,
        session_id=session.id,
        created_at=e.at,
        data={"session": summary},
    )
    write_event(tx, store, event, None)


def write_event(
    tx: MemoryTransaction, store: MemoryStore, event: WebhookEvent, only: EndpointId | None
) -> None:
    tables = store.webhooks
    tx.put(tables.events, event.id, event)
    for endpoint in list(tables.endpoints.values()):
        if tables.deleted.get(endpoint.id):
            continue
        if only is not None:
            if endpoint.id != only:
                continue
        elif not (
            endpoint.client_id == event.client_id and endpoint.enabled
        ) or not endpoint.subscribed(event.type):
            continue
        delivery = WebhookDelivery(
            id=WebhookDeliveryId(_ids.new_id()),
            event_id=event.id,
            event_type=event.type,
            endpoint_id=endpoint.id,
            client_id=endpoint.client_id,
            status=DeliveryStatus.PENDING,
            attempts=0,
            last_attempt_at=None,
            last_status_code=None,
            last_error=None,
            next_attempt_at=event.created_at,
            delivered_at=None,
            created_at=event.created_at,
        )
        tx.put(tables.deliveries, delivery.id, delivery)
