"""New identifiers."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID


class Ids(Protocol):
    def new_id(self) -> UUID:
        """A fresh, unique, time-ordered id. Raises nothing."""
        ...
