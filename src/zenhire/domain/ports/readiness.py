"""Whether the store can serve this code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class Readiness(Protocol):
    async def check(self) -> Mapping[str, str]:
        """The checks passed (``{"database": "ok", "schema": "ok"}``) when the store can serve
        this code; otherwise raise ``StorageUnavailableError`` whose ``details`` carry the
        failed ``checks`` (and, for a schema that is not the newest, ``schema_revision``:
        ``current`` and ``expected``). Cheap: at most one round trip to the store; no lock."""
        ...
