"""The values a session is made of: statuses, consent modes, feedback, end codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from zenhire.domain import limits

SESSION_TIMEOUT: Final = "SESSION_TIMEOUT"
LINK_EXPIRED: Final = "LINK_EXPIRED"
INTERVIEW_FAILED: Final = "INTERVIEW_FAILED"
SOURCE_REQUESTS: Final = "requests"
SOURCE_PLAYGROUND: Final = "playground"  # started from the console's playground
# A completion's duration_sec may be any integer ≥ 0 (api.md §2); the session keeps it
# saturated at the largest value the stores hold.
DURATION_STORED_MAX: Final = limits.COUNT_MAX

MetadataValue = str | int | float | bool


class SessionStatus(StrEnum):
    INITIATED = "initiated"
    ACTIVE = "active"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def is_terminal(self) -> bool:
        return self in (SessionStatus.COMPLETED, SessionStatus.FAILED)


class ConsentMode(StrEnum):
    EXPLICIT = "explicit"
    INTEGRATOR = "integrator"


@dataclass(frozen=True, slots=True)
class Feedback:
    rating: int
    comment: str | None

    @property
    def negative(self) -> bool:
        return self.rating <= 2


class IllegalTransitionError(Exception):
    """A use case asked for a transition the current status forbids (a programming error)."""
