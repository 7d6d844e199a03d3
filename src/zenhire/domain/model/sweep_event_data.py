"""The data of the events a session's end writes, one function per event, shared by the
model (one session at a time) and the set-based sweeps (many in one statement)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from zenhire.domain.timefmt import iso_or_none


def timed_out_data(deadline_at: datetime | None) -> dict[str, Any]:
    """The ``timed_out`` event's data (also written by set-based sweeps)."""
    return {"deadline_at": iso_or_none(deadline_at)}


def link_expired_data(expires_at: datetime | None) -> dict[str, Any]:
    """The ``link_expired`` event's data (also written by set-based sweeps)."""
    return {"expires_at": iso_or_none(expires_at)}
