"""The business settings the use cases apply (read from ``ZENHIRE_*`` by the entrypoints),
and the rules that depend on them alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from zenhire.domain.errors.auth import ClientInactiveError
from zenhire.domain.errors.resources import InsufficientCreditsError
from zenhire.domain.model.admission import LineState
from zenhire.domain.model.links import IssuedLink
from zenhire.domain.model.sessions import Session

DAY: Final = 86_400


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy:
    candidate_link_base: str = "https://interview.zenhire.ai/"
    link_ttl_seconds: int = 7 * DAY
    max_interview_seconds: int = 3_600
    interview_credits_per_minute: int = 1
    min_credits_to_start: int = 1
    default_max_concurrent_interviews: int = 8
    queue_retry_after_seconds: int = 5
    sweep_batch_size: int = 500
    max_active_personas: int = 1_000
    failed_auth_limit_per_minute: int = 30  # 0: no throttle

    def candidate_link(self, raw_token: str) -> str:
        """The link handed to the candidate; the token travels in the fragment only."""
        return f"{self.candidate_link_base}#t={raw_token}"

    def issued_link(self, session: Session, raw_token: str) -> IssuedLink:
        """The answer that carries the session's fresh link (and its lifetime) once."""
        return IssuedLink(session, self.candidate_link(raw_token), self.link_ttl_seconds)

    def ensure_minimum_credits(self, balance: int) -> None:
        """INSUFFICIENT_CREDITS below the minimum a session needs to start or be admitted."""
        if balance < self.min_credits_to_start:
            raise InsufficientCreditsError(balance, self.min_credits_to_start)

    def admitting(self, state: LineState | None) -> LineState:
        """The locked line of a client that may admit a candidate now, checked in api.md's
        order: CLIENT_INACTIVE when the client is gone (it admits no one either) or
        deactivated, MISSING_PERMISSION without ``interview``, INSUFFICIENT_CREDITS below the
        minimum to start."""
        if state is None:
            raise ClientInactiveError()
        state.client.ensure_may_interview()
        self.ensure_minimum_credits(state.client.balance)
        return state
