"""The bodies the platform POSTs to webhook endpoints (the API document's ``webhooks``)."""

from __future__ import annotations

from typing import Annotated, Final, Literal

import msgspec

from zenhire.entrypoints.http.schemas.common import Out, Timestamp
from zenhire.entrypoints.http.schemas.session_views import SessionSummary

EventId = Annotated[str, msgspec.Meta(pattern="^evt_[0-9a-f]{32}$")]
SESSION_EVENT_TYPES: Final = (
    "session.created",
    "session.queued",
    "session.admitted",
    "session.completed",
    "session.failed",
    "session.reinvited",
)
SessionEventType = Annotated[str, msgspec.Meta(extra_json_schema={"enum": SESSION_EVENT_TYPES})]


class SessionEventData(Out):
    session: SessionSummary


class SessionEventBody(Out):
    """A session changed state: its summary as it was right after the change."""

    id: EventId
    type: SessionEventType
    created_at: Timestamp
    data: SessionEventData


class CreditsLowData(Out):
    balance: int
    minimum: int


class CreditsLowBody(Out):
    """A charge or an adjustment took the balance below the minimum to start."""

    id: EventId
    type: Literal["credits.low"]
    created_at: Timestamp
    data: CreditsLowData


class PingData(Out):
    pass


class PingBody(Out):
    """Sent on request, to test an endpoint."""

    id: EventId
    type: Literal["ping"]
    created_at: Timestamp
    data: PingData


# The body of each event type, as the document's ``webhooks`` lists them.
BODIES: Final[dict[str, type[Out]]] = {
    **dict.fromkeys(SESSION_EVENT_TYPES, SessionEventBody),
    "credits.low": CreditsLowBody,
    "ping": PingBody,
}
