"""The memory store's webhook tables (a part of ``MemoryStore``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from zenhire.domain.webhooks.model import (
    EndpointId,
    WebhookDelivery,
    WebhookDeliveryId,
    WebhookEndpoint,
    WebhookEvent,
    WebhookEventId,
)


@dataclass
class WebhookTables:
    endpoints: dict[EndpointId, WebhookEndpoint] = field(default_factory=dict)
    deleted: dict[EndpointId, bool] = field(default_factory=dict)
    events: dict[WebhookEventId, WebhookEvent] = field(default_factory=dict)
    deliveries: dict[WebhookDeliveryId, WebhookDelivery] = field(default_factory=dict)
    # The token of each delivery's newest claim; a claim holds while it is the newest.
    claims: dict[WebhookDeliveryId, int] = field(default_factory=dict)
    claim_seq: list[int] = field(default_factory=lambda: [0])
