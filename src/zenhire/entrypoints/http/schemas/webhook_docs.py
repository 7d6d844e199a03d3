"""What the webhook schemas' fields mean (merged into ``docs.field_doc``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from zenhire.entrypoints.http.schemas.docs import CREATED_AT, SESSION_ID, Doc

ENDPOINT_ID: Final = "0197a3e0-7f8a-7b9c-8d0e-1f2a3b4c5d6e"
EVENT_ID: Final = "evt_0197a3e17a8b7c9d8e0f1a2b3c4d5e6f"
DELIVERY_ID: Final = "0197a3e2-8a9b-7cad-9e0f-2a3b4c5d6e7f"
_URL = Doc("Your receiver's URL.", "https://hooks.example.com/zenhire")
_EVENTS = Doc('Event types the endpoint receives, or `["*"]` for all.', ["session.completed"])
_DESCRIPTION = Doc("Your note about the endpoint (at most 500 characters).", "ATS production")
_ENABLED = Doc("Whether events are delivered to it.", True)
_SECRET = Doc(
    "The signing secret (`whsec_` + base64 of 32 random bytes). Shown only here.",
    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
)
_ENDPOINT: Final[Mapping[str, Doc]] = {
    "id": Doc("The endpoint's id.", ENDPOINT_ID),
    "url": _URL,
    "events": _EVENTS,
    "description": _DESCRIPTION,
    "enabled": _ENABLED,
    "disabled_reason": Doc(
        "Why it is disabled: `FAILING_FOR_3_DAYS` (every delivery failed for the maximum "
        "age) or `DISABLED_BY_CLIENT`; null while enabled.",
        None,
    ),
}
_RESOURCES: Final[Mapping[str, Mapping[str, Doc]]] = {
    "WebhookEndpointCreate": {"url": _URL, "events": _EVENTS, "description": _DESCRIPTION},
    "WebhookEndpointPatch": {
        "url": _URL,
        "events": _EVENTS,
        "description": _DESCRIPTION,
        "enabled": Doc("false stops deliveries; true resumes them.", True),
    },
    "WebhookSecretRotate": {
        "expire_previous_after_seconds": Doc(
            "Seconds (0-604,800) during which deliveries are signed with the old secret too.",
            86_400,
        )
    },
    "WebhookEndpointOut": _ENDPOINT,
    "WebhookEndpointCreated": {**_ENDPOINT, "secret": _SECRET},
    "WebhookEndpointList": {"data": Doc("Your endpoints, newest first.")},
    "WebhookSecretOut": {"secret": _SECRET},
    "WebhookDeliveryOut": {
        "id": Doc("The delivery's id.", DELIVERY_ID),
        "event_id": Doc("The event delivered; also its `webhook-id` header.", EVENT_ID),
        "event_type": Doc("The event's type.", "session.completed"),
        "endpoint_id": Doc("The endpoint it is delivered to.", ENDPOINT_ID),
        "status": Doc(
            "`pending` (attempts go on), `delivered`, `failed` (gave up) or `cancelled`.",
            "delivered",
        ),
        "attempts": Doc("Attempts made so far.", 1),
        "last_attempt_at": Doc("When the last attempt was made (UTC); null before.", CREATED_AT),
        "last_status_code": Doc("The HTTP status of the last answer; null without one.", 200),
        "last_error": Doc("Why the last attempt failed (at most 1 KiB); null otherwise.", None),
        "next_attempt_at": Doc("When the next attempt is due (UTC); null when none is.", None),
        "delivered_at": Doc("When a 2xx answer was received (UTC).", CREATED_AT),
    },
    "WebhookDeliveryPage": {
        "data": Doc("Deliveries, newest first."),
        "next_cursor": Doc("Cursor of the next page; null on the last.", None),
    },
    "WebhookEventOut": {
        "id": Doc("The event's id, sent as `webhook-id`: deduplicate on it.", EVENT_ID),
        "type": Doc("What happened.", "session.completed"),
        "data": Doc(
            "For session events `{session}`: the session summary as it was when the event "
            "happened; for `credits.low` `{balance, minimum}`; for `ping` `{}`.",
            {"session": {"id": SESSION_ID, "status": "completed"}},
        ),
    },
    "WebhookEventPage": {
        "data": Doc("Events, newest first."),
        "next_cursor": Doc("Cursor of the next page; null on the last.", None),
    },
    "PingQueued": {
        "status": Doc("`queued`.", "queued"),
        "event_id": Doc("The ping event's id.", EVENT_ID),
        "delivery_id": Doc("Unused; null.", None),
    },
}
_EVENT_ID = Doc("The event's id, also sent as `webhook-id`: deduplicate on it.", EVENT_ID)
_AT = Doc("When it happened (UTC).", CREATED_AT)
WEBHOOK_BY_TYPE: Final[Mapping[str, Mapping[str, Doc]]] = {
    **_RESOURCES,
    "SessionEventBody": {
        "id": _EVENT_ID,
        "type": Doc("What happened to the session.", "session.completed"),
        "created_at": _AT,
        "data": Doc("The session as it was right after the change."),
    },
    "SessionEventData": {
        "session": Doc(
            "The session summary, as `GET /api/v1/interview/sessions/{id}` shows it (without "
            "persona detail and feedback); `error_code` tells a timeout or an expired link "
            "from a reported failure."
        )
    },
    "CreditsLowBody": {
        "id": _EVENT_ID,
        "type": Doc("`credits.low`.", "credits.low"),
        "created_at": _AT,
        "data": Doc("The balance after the posting and the minimum to start."),
    },
    "CreditsLowData": {
        "balance": Doc("The balance after the charge or adjustment.", 0),
        "minimum": Doc("The minimum balance to start a session.", 1),
    },
    "PingBody": {
        "id": _EVENT_ID,
        "type": Doc("`ping`.", "ping"),
        "created_at": _AT,
        "data": Doc("Empty.", {}),
    },
}
WEBHOOK_TYPES: Final[Mapping[str, str]] = {
    "WebhookEndpointCreated": "A new endpoint with its signing secret, shown once.",
    "WebhookEndpointOut": "A webhook endpoint; never its secret.",
    "DeliveryStatus": "Where a delivery stands.",
    "DisabledReason": "Why an endpoint is disabled.",
}
