"""Admission under a client's concurrent-interview cap, with a FIFO waiting line.

Rule (decided here, documented in the README): the waiters that retried within
``3 × retry_after`` form the line, oldest first. A candidate is admitted when its place in
that line (or ``len(line) + 1`` for a newcomer) is within the free slots
(``cap − live``). So earlier waiters are always served first, yet a free slot never idles
because the waiter it is kept for retried a moment later than the one behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from zenhire.domain.model.clients import Client
from zenhire.domain.model.ids import ClientId, SessionId
from zenhire.domain.model.personas import Persona
from zenhire.domain.model.sessions import Session

STALE_AFTER_RETRIES: Final = 3


@dataclass(frozen=True, slots=True)
class Waiter:
    client_id: ClientId
    session_id: SessionId
    enqueued_at: datetime
    last_seen_at: datetime


@dataclass(frozen=True, slots=True)
class LineState:
    """A client's admission state, read under the client's admission lock.

    ``client`` is the client as locked (active, permissions, balance, cap); ``waiters`` come
    in arrival order (the order they first joined the line).
    """

    client: Client
    live: int
    waiters: tuple[Waiter, ...]

    @property
    def cap(self) -> int:
        return self.client.max_concurrent_interviews


@dataclass(frozen=True, slots=True)
class Admit:
    pass


@dataclass(frozen=True, slots=True)
class HoldOff:
    position: int
    waiter: Waiter
    newly_queued: bool


@dataclass(frozen=True, slots=True)
class AdmissionPlan:
    """The decision, and the rows of the line it takes out: the candidate's own, when it is
    admitted after waiting or joins again after dropping out. Other waiters' stale rows are
    left to the sweeper (``WaitingLine.drop_stale``): an admission writes only its own
    session's rows and its client's, so two admissions never wait for each other's rows."""

    decision: Admit | HoldOff
    leaving: tuple[SessionId, ...]


@dataclass(frozen=True, slots=True)
class Admitted:
    """The candidate may start (or go on, ``reconnect``): the session is ``active``."""

    session: Session
    persona: Persona
    reconnect: bool
    max_interview_seconds: int


@dataclass(frozen=True, slots=True)
class Queued:
    """Held off at the cap: the session stays ``initiated`` and the backend retries."""

    session: Session
    queue_position: int
    retry_after_seconds: int
    live_interviews: int
    max_concurrent_interviews: int


def stale_cutoff(now: datetime, retry_after_seconds: int) -> datetime:
    """Waiters last seen before this instant have dropped out of the line."""
    return now - timedelta(seconds=STALE_AFTER_RETRIES * retry_after_seconds)


def plan_admission(
    state: LineState,
    session_id: SessionId,
    client_id: ClientId,
    now: datetime,
    retry_after_seconds: int,
) -> AdmissionPlan:
    """Decide admit or hold-off for ``session_id``; waiters last seen before the cutoff are
    out of the line, whether or not their rows are still there."""
    cutoff = stale_cutoff(now, retry_after_seconds)
    # Stable sort: waiters that joined in the same instant keep the adapter's arrival order.
    line = sorted(
        (w for w in state.waiters if w.last_seen_at >= cutoff), key=lambda w: w.enqueued_at
    )
    mine = next((i for i, w in enumerate(line) if w.session_id == session_id), None)
    position = len(line) + 1 if mine is None else mine + 1
    has_row = any(w.session_id == session_id for w in state.waiters)
    leaving = (session_id,) if has_row else ()
    if position <= state.cap - state.live:
        return AdmissionPlan(Admit(), leaving)
    if mine is None:  # a newcomer, or back after dropping out: joins at the end
        waiter = Waiter(client_id, session_id, enqueued_at=now, last_seen_at=now)
        return AdmissionPlan(HoldOff(position, waiter, newly_queued=True), leaving)
    previous = line[mine]
    waiter = Waiter(client_id, session_id, previous.enqueued_at, last_seen_at=now)
    return AdmissionPlan(HoldOff(position, waiter, newly_queued=False), ())
