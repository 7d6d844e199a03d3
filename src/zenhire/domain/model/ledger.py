"""The credit ledger: the balance always equals the sum of a client's rows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from zenhire.domain.model.ids import ClientId, LedgerEntryId, SessionId

# How far a reported duration may run past what the platform saw between admission and the
# completion: the backend's call may start a little before its verify and end a little
# after (api.md §6.3).
OBSERVATION_GRACE_SECONDS: Final = 60


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


def billable_seconds(reported: int, observed: timedelta, max_interview_seconds: int) -> int:
    """The seconds a completion is billed for: the reported duration, counted at most up to
    what the platform observed (``ended_at − started_at``, whole seconds, + 60 s) and at most
    up to the time budget."""
    seen = max(0, int(observed.total_seconds())) + OBSERVATION_GRACE_SECONDS
    return min(reported, seen, max_interview_seconds)
