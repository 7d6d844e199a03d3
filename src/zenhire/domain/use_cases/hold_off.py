"""The held-off step of a token verification: no free slot for the candidate's place yet."""

from __future__ import annotations

from datetime import datetime

from zenhire.domain.model.admission import AdmissionPlan, HoldOff
from zenhire.domain.model.events import EventType
from zenhire.domain.model.sessions import Session
from zenhire.domain.ports.sessions import Sessions
from zenhire.domain.ports.waiting_line import WaitingLine


async def hold_off(
    line: WaitingLine, sessions: Sessions, session: Session, plan: AdmissionPlan, now: datetime
) -> int:
    """Keep the candidate in the client's FIFO line (``initiated``); their position.

    Sessions leaving the line (``plan.leaving``) are removed, the candidate's waiter is
    written (its ``last_seen_at`` refreshed), and a candidate newly queued gets a ``queued``
    event. The caller commits.
    """
    hold = plan.decision
    assert isinstance(hold, HoldOff)  # noqa: S101  # the caller checked
    if plan.leaving:
        await line.remove(hold.waiter.client_id, plan.leaving)
    await line.upsert(hold.waiter)
    if hold.newly_queued:
        session.record(EventType.QUEUED, now, position=hold.position)
        await sessions.save(session)
    return hold.position
