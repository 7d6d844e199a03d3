"""What the fields of the credit, client, project, key and service schemas mean there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from zenhire.domain import limits
from zenhire.entrypoints.http.schemas.doc_values import (
    CLIENT_ID,
    KEY_ID,
    LEDGER_ID,
    PROJECT_ID,
    SESSION_ID,
    Doc,
)

ACCOUNT_BY_TYPE: Final[Mapping[str, Mapping[str, Doc]]] = {
    "LedgerRow": {
        "id": Doc("The ledger row's id.", LEDGER_ID),
        "amount": Doc("Credits added (positive) or taken (negative).", -13),
        "session_id": Doc("The session a charge is for; null for other rows.", SESSION_ID),
        "reason": Doc("The operator's reason; null for charges.", None),
    },
    "ClientCreate": {
        "name": Doc(f"The client's name, 1-{limits.NAME_MAX} characters.", "Acme Hiring"),
        "credits": Doc("Credits granted at creation (a `grant` ledger row).", 500),
        "max_concurrent_interviews": Doc(
            "Interviews that may be live at once; default: the platform setting.", 8
        ),
        "permissions": Doc('Default `["interview"]`.', ["interview"]),
        "active": Doc("False creates the client deactivated.", True),
    },
    "ClientPatch": {
        "name": Doc("New name.", "Acme Hiring"),
        "max_concurrent_interviews": Doc("New cap of live interviews.", 12),
        "permissions": Doc("New permissions (replaces the list).", ["interview"]),
        "active": Doc("False deactivates the client: its keys stop working.", True),
    },
    "ClientOut": {
        "id": Doc("The client's id.", CLIENT_ID),
        "name": Doc("The client's name.", "Acme Hiring"),
        "active": Doc("False when deactivated.", True),
        "credits": Doc("The client's credit balance.", 500),
    },
    "CreditsIn": {
        "amount": Doc(
            "Credits to add (positive, a `grant`) or take (negative, an `adjustment`); never 0.",
            500,
        ),
        "reason": Doc(
            f"Why, 1-{limits.REASON_MAX} characters; kept on the ledger row.", "Monthly top-up"
        ),
    },
    "ProjectIn": {"name": Doc("The project's name.", "EMEA hiring")},
    "ProjectOut": {
        "id": Doc("The project's id.", PROJECT_ID),
        "name": Doc("The project's name.", "EMEA hiring"),
        "client_id": Doc("The client it belongs to.", CLIENT_ID),
    },
    "ApiKeyIn": {
        "project_id": Doc(
            "A project of the same client to attribute the key's sessions to.", PROJECT_ID
        ),
        "expires_at": Doc(
            "When the key stops working; must be in the future.", "2027-01-01T00:00:00Z"
        ),
        "allowed_ips": Doc(
            "Addresses or CIDRs the key may be used from; absent allows any.", ["203.0.113.0/24"]
        ),
        "name": Doc("A label for the key.", "ATS production"),
        "rate_limit_per_minute": Doc("Requests the key may make per minute.", 500),
    },
    "ApiKeyOut": {
        "id": Doc("The key's id (not the key).", KEY_ID),
        "name": Doc("The key's label.", "ATS production"),
        "client_id": Doc("The client the key authenticates as.", CLIENT_ID),
        "project_id": Doc("The project the key's sessions are attributed to, or null.", PROJECT_ID),
        "expires_at": Doc("When the key stops working (UTC); null: never.", None),
    },
    "ApiKeyCreated": {
        "key": Doc(
            "The API key itself. Shown only here: store it now, it is kept as a digest.",
            "zh_api_Xk3fP9qL2mN7vB4cR8tW1yZ6hJ0dS5aG",
        ),
    },
    "ReadyOut": {
        "status": Doc("`ok`.", "ok"),
        "checks": Doc("Each dependency checked and its state.", {"database": "ok"}),
    },
}
