"""Instants from the outside world, read as UTC. (The session labels' checks live with the
model in ``model.labels``; their names are kept here for existing importers.)"""

from __future__ import annotations

from datetime import UTC, datetime

from zenhire.domain.errors.base import invalid
from zenhire.domain.model.labels import (
    check_metadata,
    check_tags,
    metadata_size,
    metadata_text,
    truncate_candidate_ref,
)

__all__ = [
    "check_metadata",
    "check_tags",
    "future_instant",
    "metadata_size",
    "metadata_text",
    "truncate_candidate_ref",
    "utc_instant",
]


def utc_instant(field: str, moment: datetime) -> datetime:
    """``moment`` in UTC (an instant without an offset is read as UTC); INVALID_INPUT when
    the shift to UTC leaves years 1-9999 (no store or clock can hold it)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise invalid(field, "must fall within the years 1-9999 in UTC") from None


def future_instant(field: str, moment: datetime | None, now: datetime) -> datetime | None:
    """``moment`` in UTC (``utc_instant``) when it lies after ``now``, INVALID_INPUT when it
    does not; None (no such instant, as for a key that never expires) stays None."""
    if moment is None:
        return None
    moment = utc_instant(field, moment)
    if moment <= now:
        raise invalid(field, "must be in the future")
    return moment
