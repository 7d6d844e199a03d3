"""The document's ``webhooks`` (OpenAPI 3.1): what the platform POSTs to your endpoints, one
entry per event type, with the Standard Webhooks headers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from zenhire.entrypoints.http.schemas.webhook_events import BODIES

_HEADERS: Final = (
    (
        "webhook-id",
        "The event's id: the same on every retry and every endpoint. Deduplicate on it.",
        {"type": "string", "pattern": "^evt_[0-9a-f]{32}$"},
    ),
    (
        "webhook-timestamp",
        "Unix seconds of this attempt; refuse one too far from your clock (replays).",
        {"type": "string", "pattern": "^[0-9]+$"},
    ),
    (
        "webhook-signature",
        "Space-separated `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` "
        "keyed with the base64-decoded part of your secret after `whsec_`; two entries while "
        "a rotated secret is still valid. Verify with any Standard Webhooks library.",
        {"type": "string"},
    ),
)
_ANSWER: Final = (
    "Any 2xx within the timeout acknowledges the event. Anything else (another status, a "
    "redirect, a timeout) is retried after about 5 s, 30 s, 3 min, 18 min, 1.8 h, then "
    "every 6 h (±20 %) until the event is 3 days old."
)


def event_types() -> list[type[Any]]:
    """The body types, for the document's components."""
    return list(dict.fromkeys(BODIES.values()))


def add_webhooks(doc: dict[str, Any], ref_of: Mapping[Any, Any]) -> None:
    doc["webhooks"] = {
        name: {
            "post": {
                "operationId": "receive_" + name.replace(".", "_"),
                "summary": f"Receive {name}",
                "description": (body.__doc__ or "").strip(),
                "tags": ["Webhooks"],
                "parameters": [
                    {
                        "name": header,
                        "in": "header",
                        "required": True,
                        "description": text,
                        "schema": schema,
                    }
                    for header, text, schema in _HEADERS
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref_of[body]}},
                },
                "responses": {"2XX": {"description": _ANSWER}},
            }
        }
        for name, body in BODIES.items()
    }
