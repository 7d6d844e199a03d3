"""A client's webhook endpoints (joining the unit of work)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from zenhire.domain.model.ids import ClientId
from zenhire.domain.webhooks.model import EndpointId, WebhookEndpoint


class WebhookEndpoints(Protocol):
    async def lock_count(self, client_id: ClientId) -> int:
        """Lock the client's row until the unit of work ends (so two creations cannot both
        pass the limit) and count its endpoints that are not deleted."""
        ...

    async def add(self, endpoint: WebhookEndpoint) -> None: ...

    async def get(self, endpoint_id: EndpointId) -> WebhookEndpoint | None:
        """The endpoint unless unknown or deleted."""
        ...

    async def list(self, client_id: ClientId) -> list[WebhookEndpoint]:
        """The client's endpoints that are not deleted, newest first."""
        ...

    async def save(self, endpoint: WebhookEndpoint) -> None: ...

    async def delete(self, endpoint_id: EndpointId, now: datetime) -> None:
        """Mark deleted and cancel its pending deliveries."""
        ...
