"""Links from a created resource (and from a page) to the operations that use it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

# Links from an operation's success answer to the operations that use what it created.
_BY_ID: Final = "$response.body#/id"


_SESSION_LINKS: Final = {
    "get_session": {"session_id": _BY_ID},
    "list_session_events": {"session_id": _BY_ID},
    "reinvite_session": {"session_id": _BY_ID},
    "get_recording": {"session_id": _BY_ID},
    "get_transcript": {"session_id": _BY_ID},
}


LINKS: Final[Mapping[str, Mapping[str, Mapping[str, str]]]] = {
    "create_persona": {
        "get_persona": {"persona_id": _BY_ID},
        "archive_persona": {"persona_id": _BY_ID},
        "start_session": {"persona_id": _BY_ID},
    },
    "start_session": _SESSION_LINKS,
    "reinvite_session": _SESSION_LINKS,
    "create_client": {
        "get_client": {"client_id": _BY_ID},
        "update_client": {"client_id": _BY_ID},
        "adjust_credits": {"client_id": _BY_ID},
        "create_project": {"client_id": _BY_ID},
        "create_api_key": {"client_id": _BY_ID},
    },
    "create_project": {"create_api_key": {"client_id": "$response.body#/client_id"}},
    "create_api_key": {"revoke_api_key": {"key_id": _BY_ID}},
}


# Bodies a link sends: a key made right after a project belongs to it.
LINK_BODIES: Final[Mapping[tuple[str, str], Mapping[str, Any]]] = {
    ("create_project", "create_api_key"): {"project_id": _BY_ID},
}


def add_links(op: dict[str, Any]) -> None:
    """``LINKS``, and from every paginated list to its next page."""
    source = op["operationId"]
    links = dict(LINKS.get(source, {}))
    parameters = op.get("parameters") or []
    if any(p["name"] == "cursor" for p in parameters):
        links[source] = {
            "cursor": "$response.body#/next_cursor",
            **{p["name"]: f"$request.path.{p['name']}" for p in parameters if p["in"] == "path"},
        }
    if not links:
        return
    success = min(op["responses"], key=int)
    op["responses"][success]["links"] = {
        target: {
            "operationId": target,
            "parameters": dict(parameters),
            **({"requestBody": body} if (body := LINK_BODIES.get((source, target))) else {}),
        }
        for target, parameters in links.items()
    }
