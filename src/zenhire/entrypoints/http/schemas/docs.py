"""What every field of the wire schemas means, for integrators, with a realistic example.

``FIELDS`` (``field_docs``) holds the names that mean the same thing wherever they appear;
``BY_TYPE`` (``session_docs``, ``s2s_docs``, ``account_docs``, ``console_docs``,
``webhook_docs``) holds what a name means in one schema (where it differs, or adds a rule).
Schemas are named by class name. The API document takes a property's description from
``BY_TYPE`` first, then ``FIELDS``; tests require one for every property of every schema, and
every name here to be a schema or field the document has.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from zenhire.entrypoints.http.schemas.account_docs import ACCOUNT_BY_TYPE
from zenhire.entrypoints.http.schemas.console_docs import CONSOLE_BY_TYPE, CONSOLE_TYPES
from zenhire.entrypoints.http.schemas.doc_values import (
    CLIENT_ID,
    CREATED_AT,
    KEY_ID,
    LEDGER_ID,
    NO_EXAMPLE,
    PERSONA_ID,
    PROJECT_ID,
    SESSION_ID,
    Doc,
)
from zenhire.entrypoints.http.schemas.field_docs import FIELDS
from zenhire.entrypoints.http.schemas.s2s_docs import S2S_BY_TYPE
from zenhire.entrypoints.http.schemas.session_docs import SESSION_BY_TYPE

BY_TYPE: Final[Mapping[str, Mapping[str, Doc]]] = {
    **SESSION_BY_TYPE,
    **S2S_BY_TYPE,
    **ACCOUNT_BY_TYPE,
    **CONSOLE_BY_TYPE,
}

# Descriptions of whole schemas (where the class docstring is written for developers).
TYPES: Final[Mapping[str, str]] = {
    "ConsentMode": "How the candidate's consent to be recorded is collected.",
    "SessionStatus": "A session's lifecycle state.",
    "PersonaStatus": "Whether a persona can start sessions.",
    "LedgerKind": "What a ledger row records.",
    "SessionCreated": "A new candidate link. Sent with `Cache-Control: no-store`.",
    "ApiKeyCreated": "A new API key with the key itself, shown once.",
    "ApiKeyOut": "An API key's record; never the key itself.",
    **CONSOLE_TYPES,
}

# Rules across fields, which the types alone cannot state.
RULES: Final[Mapping[str, Mapping[str, Any]]] = {
    "CompleteIn": {
        "if": {"properties": {"status": {"const": "completed"}}, "required": ["status"]},
        "then": {
            "required": ["duration_sec"],
            "properties": {"duration_sec": {"type": "integer"}},
        },
    },
}

PARAMETERS: Final[Mapping[str, str]] = {
    "persona_id": "The persona's id.",
    "session_id": "The session's id.",
    "client_id": "The client's id.",
    "key_id": "The API key's id.",
    "endpoint_id": "The webhook endpoint's id.",
    "delivery_id": "The delivery's id.",
}


def field_doc(cls: type, name: str) -> Doc | None:
    """The description of ``cls``'s field ``name``: the schema's own first, its bases' next
    (a subclass keeps its base's meanings), then the shared one."""
    from zenhire.entrypoints.http.schemas.webhook_docs import WEBHOOK_BY_TYPE

    for base in cls.__mro__:
        own = BY_TYPE.get(base.__name__) or WEBHOOK_BY_TYPE.get(base.__name__, {})
        if name in own:
            return own[name]
    return FIELDS.get(name)


def type_doc(cls: type) -> str | None:
    from zenhire.entrypoints.http.schemas.webhook_docs import WEBHOOK_TYPES

    return TYPES.get(cls.__name__) or WEBHOOK_TYPES.get(cls.__name__)


__all__ = [
    "BY_TYPE",
    "CLIENT_ID",
    "CREATED_AT",
    "FIELDS",
    "KEY_ID",
    "LEDGER_ID",
    "NO_EXAMPLE",
    "PARAMETERS",
    "PERSONA_ID",
    "PROJECT_ID",
    "RULES",
    "SESSION_ID",
    "TYPES",
    "Doc",
    "field_doc",
    "type_doc",
]
