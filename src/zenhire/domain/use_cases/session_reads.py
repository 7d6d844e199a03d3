"""Compatibility names: each session read is its own module."""

from zenhire.domain.use_cases.get_session import GetSession, SessionDetail, SessionRef
from zenhire.domain.use_cases.list_session_events import ListSessionEvents
from zenhire.domain.use_cases.list_sessions import ListSessions, ListSessionsQuery

__all__ = [
    "GetSession",
    "ListSessionEvents",
    "ListSessions",
    "ListSessionsQuery",
    "SessionDetail",
    "SessionRef",
]
