"""Keyset pagination over in-memory rows, matching the SQL ``(created_at, id) <`` order."""

from __future__ import annotations

from collections.abc import Iterable

from zenhire.domain.pagination import K, PageRequest


def newest_first(rows: Iterable[K], page: PageRequest) -> list[K]:
    """Rows strictly after the cursor, newest first, at most ``limit + 1``."""
    after = page.after
    if after is not None:
        rows = (r for r in rows if (r.created_at, r.id) < (after.created_at, after.id))
    ordered = sorted(rows, key=lambda r: (r.created_at, r.id), reverse=True)
    return ordered[: page.limit + 1]
