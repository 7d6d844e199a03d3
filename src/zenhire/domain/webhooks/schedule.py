"""When the next attempt is due (api.md §11.3)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

RETRY_CAP_SECONDS: Final = 6 * 3_600
RETRY_FACTOR: Final = 6
JITTER: Final = 0.2


def retry_delay(attempts: int, base_seconds: float, jitter: float) -> timedelta:
    """Delay after the ``attempts``-th failed attempt: ``base × 6^(n−1)`` capped at 6 hours,
    scaled by ``1 + jitter`` where ``jitter`` is drawn from [−0.2, 0.2]."""
    exponent = max(attempts - 1, 0)
    # Past 6^10 every base of a second or more is over the cap; avoid huge powers.
    seconds = RETRY_CAP_SECONDS if exponent > 10 else base_seconds * RETRY_FACTOR**exponent
    seconds = min(seconds, RETRY_CAP_SECONDS) * (1 + max(-JITTER, min(JITTER, jitter)))
    return timedelta(seconds=seconds)


def next_attempt(
    *, now: datetime, attempts: int, event_at: datetime, base: float, max_age: float, jitter: float
) -> datetime | None:
    """The next attempt's time, or None when the event is too old to try again (then the
    delivery is ``failed``)."""
    due = now + retry_delay(attempts, base, jitter)
    return None if due > event_at + timedelta(seconds=max_age) else due
