"""The rules the use cases check on a session, each raising the contract's error when it
does not hold (the lifecycle itself is in ``sessions``)."""

from __future__ import annotations

from datetime import datetime

from zenhire.domain.errors import sessions as errors
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.session_values import SessionStatus


class SessionRules:
    """Mixed into ``Session``; reads only the fields named here."""

    __slots__ = ()
    id: SessionId
    status: SessionStatus
    error_code: str | None
    expires_at: datetime
    deadline_at: datetime | None
    interview_svc_session_id: str | None

    def link_expired(self, now: datetime) -> bool:
        """The current link is valid on ``[created, expires_at)``."""
        return now >= self.expires_at

    def past_deadline(self, now: datetime) -> bool:
        return self.deadline_at is not None and now >= self.deadline_at

    def ensure_not_ended(self) -> None:
        """SESSION_ENDED (with the status and error code) once ``completed`` or ``failed``."""
        if self.status.is_terminal:
            raise errors.SessionEndedError(self.status.value, self.error_code)

    def ensure_link_valid(self, now: datetime) -> None:
        """TOKEN_EXPIRED once the current link's TTL is over."""
        if self.link_expired(now):
            raise errors.TokenExpiredError()

    def ensure_started(self) -> None:
        """SESSION_NOT_ACTIVE while still ``initiated``: there is nothing to complete yet."""
        if self.status is SessionStatus.INITIATED:
            raise errors.SessionNotActiveError()

    def ensure_bound_to(self, svc_session_id: str | None) -> None:
        """SESSION_MISMATCH when a report names another backend session than the one
        recorded (api.md §6.3): it must not end or bill this session."""
        recorded = self.interview_svc_session_id
        if svc_session_id is not None and recorded is not None and svc_session_id != recorded:
            raise errors.SessionMismatchError()

    def ensure_reinvitable(self) -> None:
        """Only a ``failed`` session (any error code) gets a new link."""
        if self.status is SessionStatus.COMPLETED:
            raise errors.SessionCompletedError()
        if self.status is SessionStatus.ACTIVE:
            raise errors.SessionActiveError()
        if self.status is SessionStatus.INITIATED:
            raise errors.SessionNotEndedError()
