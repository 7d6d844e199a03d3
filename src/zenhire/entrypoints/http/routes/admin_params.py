"""Query parameters of the operator's list endpoints."""

from __future__ import annotations

from typing import Annotated

from litestar.params import QueryParameter

from zenhire.domain import limits
from zenhire.domain.model.ledger import LedgerKind

ActiveParam = Annotated[
    bool | None,
    QueryParameter(description="Only active (true) or only deactivated (false) clients."),
]
NamePrefix = Annotated[
    str | None,
    QueryParameter(
        min_length=1,
        max_length=limits.NAME_MAX,
        pattern=r"^[^\x00]*$",
        description="Only clients whose name starts with this (case-sensitive, literal).",
    ),
]
IncludeRevoked = Annotated[
    bool, QueryParameter(description="List revoked keys too (by default they are left out).")
]
KindParam = Annotated[
    LedgerKind | None, QueryParameter(description="Only ledger rows of this kind.")
]
