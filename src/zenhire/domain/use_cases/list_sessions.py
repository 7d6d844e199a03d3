"""List the caller's sessions."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.sessions import Session
from zenhire.domain.pagination import Page, PageRequest, paginate
from zenhire.domain.ports.sessions import SessionFilter, Sessions


@dataclass(frozen=True, slots=True)
class ListSessionsQuery:
    where: SessionFilter
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListSessions:
    """The caller's sessions, newest first, filtered, keyset-paginated.

    ``tags`` must all be carried; ``metadata`` pairs match the value's JSON text without
    quotes; ``created_after`` is inclusive and ``created_before`` exclusive.
    """

    sessions: Sessions

    async def __call__(self, query: ListSessionsQuery) -> Page[Session]:
        rows = await self.sessions.list(query.where, query.page)
        return paginate(rows, query.page.limit)
