"""Numbers and dates in a person's terms: thousands separators, relative times."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final

from zenhire.domain.timefmt import iso


def number(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def utc(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def relative(value: datetime | None, now: datetime | None) -> str:
    """``3 minutes ago``, ``in 2 days`` from ``now`` (the page's clock reading); the exact
    UTC time is the element's title."""
    if value is None or now is None:
        return utc(value) or "—"
    seconds = (value - now).total_seconds()
    ahead, seconds = seconds > 0, abs(seconds)
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size:
            n = int(seconds // size)
            text = f"{n} {unit}{'' if n == 1 else 's'}"
            return f"in {text}" if ahead else f"{text} ago"
    return "just now"


FILTERS: Final[dict[str, Any]] = {"number": number, "utc": utc, "relative": relative, "iso": iso}
