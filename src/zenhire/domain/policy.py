"""The business settings the use cases apply (read from ``ZENHIRE_*`` by the entrypoints)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

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
