"""What the fields of the console-user schemas (admin API) mean."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from zenhire.entrypoints.http.schemas.doc_values import CREATED_AT, KEY_ID, Doc

CONSOLE_BY_TYPE: Final[Mapping[str, Mapping[str, Doc]]] = {
    "ConsoleUserIn": {
        "email": Doc(
            "The person's email: their console login (compared case-insensitively).",
            "ana@acme.example",
        ),
        "role": Doc(
            "`owner` (everything, users included), `admin` (everything but users) or "
            "`viewer` (reads only).",
            "owner",
        ),
    },
    "ConsoleUserCreated": {
        "id": Doc("The console user's id.", KEY_ID),
        "email": Doc("The person's email, lower-cased.", "ana@acme.example"),
        "role": Doc("The person's role.", "owner"),
        "invite_url": Doc(
            "Where the person sets their password: works once, for 72 hours. Shown only here.",
            "https://console.zenhire.example/console/invite/Q2x1ZV9leGFtcGxlX3Rva2VuX29ubHk",
        ),
        "invite_expires_at": Doc("When the invite link stops working (UTC).", CREATED_AT),
    },
}
CONSOLE_TYPES: Final[Mapping[str, str]] = {
    "ConsoleUserCreated": "A console user and their one-time invite link, shown once.",
}
