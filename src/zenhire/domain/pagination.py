"""Keyset pagination, newest first, with opaque cursors: over ``(created_at, id)``, or over a
per-owner sequence number (the ledger's ``seq``)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Generic, Protocol, TypeVar
from uuid import UUID

from zenhire.domain import limits
from zenhire.domain.errors.base import InvalidCursorError, invalid

T = TypeVar("T")
_BIGINT_END: Final = 2**63  # positions are stored as bigint


class Keyed(Protocol):
    """A row that keyset pagination can order: newest ``created_at`` first, then ``id``."""

    @property
    def id(self) -> UUID: ...

    @property
    def created_at(self) -> datetime: ...


K = TypeVar("K", bound=Keyed)


def _encode(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(text: str) -> Any:
    """The JSON inside a cursor; raises ``ValueError`` (base64, UTF-8 and JSON errors all are
    one) when there is none."""
    return json.loads(base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode()))


@dataclass(frozen=True, slots=True)
class Cursor:
    """Position after which the next page starts (exclusive)."""

    created_at: datetime
    id: UUID

    def encode(self) -> str:
        return _encode([self.created_at.isoformat(), str(self.id)])

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """Parse a cursor this service issued; anything else raises ``InvalidCursorError``."""
        try:
            created, ident = _decode(text)
            moment = datetime.fromisoformat(created)
            if moment.tzinfo is None:
                raise ValueError("naive cursor time")
            # Raises OverflowError when the shift to UTC leaves years 1-9999.
            return cls(moment.astimezone(UTC), UUID(ident))
        except (ValueError, TypeError, OverflowError) as exc:
            raise InvalidCursorError() from exc


@dataclass(frozen=True, slots=True)
class SeqCursor:
    """Position in a sequence numbered 1, 2, 3, …: the next page starts below ``seq``."""

    seq: int

    def encode(self) -> str:
        return _encode([self.seq])

    @classmethod
    def decode(cls, text: str) -> SeqCursor:
        """Parse a cursor this service issued; anything else raises ``InvalidCursorError``."""
        try:
            (seq,) = _decode(text)
        except (ValueError, TypeError) as exc:
            raise InvalidCursorError() from exc
        if type(seq) is not int or not 1 <= seq < _BIGINT_END:
            raise InvalidCursorError()
        return cls(seq)


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= limits.LIST_LIMIT_MAX:
        raise invalid("limit", f"must be 1-{limits.LIST_LIMIT_MAX}")
    return limit


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int
    after: Cursor | None = None

    @classmethod
    def of(cls, limit: int, cursor: str | None) -> PageRequest:
        """The page a caller asks for with an opaque cursor (None: the first page)."""
        return cls(_check_limit(limit), Cursor.decode(cursor) if cursor else None)


@dataclass(frozen=True, slots=True)
class SeqPageRequest:
    limit: int
    after: SeqCursor | None = None

    @classmethod
    def of(cls, limit: int, cursor: str | None) -> SeqPageRequest:
        """The page a caller asks for with an opaque cursor (None: the first page)."""
        return cls(_check_limit(limit), SeqCursor.decode(cursor) if cursor else None)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None


def paginate(rows: list[K], limit: int) -> Page[K]:
    """Rows come newest first with one extra; its presence means another page exists."""
    return paginate_by(rows, limit, lambda last: Cursor(last.created_at, last.id).encode())


def paginate_by(rows: list[T], limit: int, cursor_after: Callable[[T], str]) -> Page[T]:
    """``paginate`` for rows whose position ``cursor_after`` encodes."""
    if len(rows) <= limit:
        return Page(rows, None)
    return Page(rows[:limit], cursor_after(rows[limit - 1]))
