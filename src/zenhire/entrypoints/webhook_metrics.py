"""Webhook delivery metrics (api.md §11.3): attempts by outcome, deliveries pending, the age of
the oldest pending one, and the time from an event to its delivery."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from prometheus_client import Counter, Gauge, Histogram

ATTEMPTS: Final = Counter(
    "zenhire_webhook_attempts", "Webhook delivery attempts.", ["outcome"]
)  # outcome: delivered, retry (failed, will try again), failed (gave up), unrecorded
PENDING: Final = Gauge(
    "zenhire_webhook_deliveries_pending",
    "Webhook deliveries not yet delivered, failed or cancelled.",
    multiprocess_mode="mostrecent",
)
OLDEST_PENDING: Final = Gauge(
    "zenhire_webhook_oldest_pending_seconds",
    "Age of the oldest pending webhook delivery.",
    multiprocess_mode="mostrecent",
)
EVENT_TO_DELIVERY: Final = Histogram(
    "zenhire_webhook_event_to_delivery_seconds",
    "Time from an event to its successful delivery.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21600, 86400),
)


def record_pending(pending: int, oldest: datetime | None, now: datetime) -> None:
    PENDING.set(pending)
    OLDEST_PENDING.set(0 if oldest is None else max((now - oldest).total_seconds(), 0))
