"""A session's audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.events import SessionEvent
from zenhire.domain.model.ownership import owned
from zenhire.domain.ports.sessions import Sessions
from zenhire.domain.use_cases.get_session import SessionRef


@dataclass(frozen=True, slots=True, kw_only=True)
class ListSessionEvents:
    """A session's audit trail, oldest first (404 unknown, 403 another client's)."""

    sessions: Sessions

    async def __call__(self, ref: SessionRef) -> list[SessionEvent]:
        session = owned(await self.sessions.get(ref.session_id), ref.client_id)
        return await self.sessions.events(session.id)
