"""The credit ledger: the balance always equals the sum of a client's rows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from zenhire.domain.model.ids import ClientId, LedgerEntryId, SessionId


class LedgerKind(StrEnum):
    GRANT = "grant"
    ADJUSTMENT = "adjustment"
    CHARGE = "charge"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One ledger row. ``seq`` numbers a client's rows 1, 2, 3, … in commit order (it is
    assigned under the client's row lock), so walking them by ``seq`` every ``balance_after``
    is the previous one plus ``amount``."""

    id: LedgerEntryId
    client_id: ClientId
    kind: LedgerKind
    amount: int
    balance_after: int
    session_id: SessionId | None
    reason: str | None
    created_at: datetime
    seq: int


def interview_cost(duration_sec: int, max_interview_seconds: int, credits_per_minute: int) -> int:
    """Credits for one interview: every started minute of the capped duration (0 s costs 0)."""
    billable = min(duration_sec, max_interview_seconds)
    return math.ceil(billable / 60) * credits_per_minute
