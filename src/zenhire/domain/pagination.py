"""Keyset pagination over ``(created_at, id)``, newest first, with opaque cursors."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, Protocol, TypeVar
from uuid import UUID

from zenhire.domain.errors import InvalidCursorError

T = TypeVar("T")


class Keyed(Protocol):
    """A row that keyset pagination can order: newest ``created_at`` first, then ``id``."""

    @property
    def id(self) -> UUID: ...

    @property
    def created_at(self) -> datetime: ...


K = TypeVar("K", bound=Keyed)


@dataclass(frozen=True, slots=True)
class Cursor:
    """Position after which the next page starts (exclusive)."""

    created_at: datetime
    id: UUID

    def encode(self) -> str:
        raw = json.dumps([self.created_at.isoformat(), str(self.id)], separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Parse a cursor this service issued; anything else raises ``InvalidCursorError``."""
        try:
            padded = text + "=" * (-len(text) % 4)
            created, ident = json.loads(base64.urlsafe_b64decode(padded.encode()))
            moment = datetime.fromisoformat(created)
            if moment.tzinfo is None:
                raise ValueError("naive cursor time")
            # Raises OverflowError when the shift to UTC leaves years 1-9999.
            return cls(moment.astimezone(UTC), UUID(ident))
        except (ValueError, TypeError, OverflowError, binascii.Error, UnicodeError) as exc:
            raise InvalidCursorError() from exc


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int
    after: Cursor | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def paginate(rows: list[K], limit: int) -> Page[K]:
    """Rows come newest first with one extra; its presence means another page exists."""
    if len(rows) <= limit:
        return Page(rows, None)
    last = rows[limit - 1]
    return Page(rows[:limit], Cursor(last.created_at, last.id).encode())
