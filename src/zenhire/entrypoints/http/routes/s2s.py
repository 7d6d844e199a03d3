"""``/api/v1/interview/s2s``: the interview backend's signed calls."""

from __future__ import annotations

from typing import cast
from uuid import UUID

import structlog
from dishka.integrations.litestar import FromDishka, inject
from litestar import Response, post
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, JSONBody

from zenhire.domain import errors as e
from zenhire.domain.model.ids import SessionId
from zenhire.domain.model.sessions import Feedback, SessionStatus
from zenhire.domain.use_cases.complete_session import (
    CompleteSession,
    CompleteSessionCommand,
    CompletionResult,
)
from zenhire.domain.use_cases.verify_token import Admitted, VerifyToken, VerifyTokenCommand
from zenhire.entrypoints import metrics
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.schemas.s2s import (
    AdmittedOut,
    CompleteIn,
    CompleteOut,
    QueuedOut,
    VerifyIn,
)

events = structlog.get_logger("zenhire.events")


@post(
    "/verify",
    status_code=200,
    operation_id="verify_token",
    summary="Verify a candidate token",
    description=(
        "Call when the candidate opens the link, with the token from its fragment. "
        "**200** `admitted`: start the interview now (also for a live session, as a "
        "reconnect: same deadline, no new slot). **202** `queued`: the client is at its cap "
        "of live interviews or others wait ahead; verify again after `Retry-After` seconds "
        "(waiters are served first come, first served; one silent for three times that "
        "drops out of the line)."
    ),
    tags=[openapi.BACKEND],
    responses={
        202: ResponseSpec(
            QueuedOut, description="Held off: verify again after Retry-After seconds"
        ),
    },
    opt=openapi.answers(
        e.InvalidTokenError,
        e.SessionEndedError,
        e.TokenExpiredError,
        e.ClientInactiveError,
        e.MissingPermissionError,
        e.InsufficientCreditsError,
        headers={202: ("Retry-After",)},
    ),
)
@inject
async def verify(
    data: JSONBody[VerifyIn], verify_: FromDishka[VerifyToken]
) -> Response[AdmittedOut]:
    outcome = await verify_(VerifyTokenCommand(data.token, data.interview_svc_session_id))
    s = outcome.session
    if isinstance(outcome, Admitted):
        metrics.ADMISSIONS.labels(str(outcome.reconnect).lower()).inc()
        events.info(
            "admitted",
            session_id=str(s.id),
            client_id=str(s.client_id),
            reconnect=outcome.reconnect,
        )
        return Response(AdmittedOut.of(outcome), status_code=200)
    metrics.HOLD_OFFS.inc()
    metrics.WAITING_LINE.set(outcome.queue_position)
    events.info(
        "held_off",
        session_id=str(s.id),
        client_id=str(s.client_id),
        queue_position=outcome.queue_position,
        live=outcome.live_interviews,
    )
    retry = str(outcome.retry_after_seconds)
    held = Response(QueuedOut.of(outcome), status_code=202, headers={"Retry-After": retry})
    return cast("Response[AdmittedOut]", held)  # documented as the 202 response above


@post(
    "/sessions/{session_id:uuid}/complete",
    status_code=200,
    operation_id="complete_session",
    summary="Report a session's outcome",
    description=(
        "Call when the interview ends. `completed` charges the client per started minute "
        "(0 s costs nothing) of `duration_sec`, counted at most up to the time the platform "
        "observed (admission to this call, + 60 s) and the interview budget; `failed` "
        "charges nothing. Safe to retry: the same `delivery_id` with the same body gets the "
        "first answer again, and a report for a session already ended is answered 200 with "
        "`charged: 0`. An `interview_svc_session_id` other than the one given at verify is "
        "refused (409 `SESSION_MISMATCH`)."
    ),
    tags=[openapi.BACKEND],
    opt=openapi.answers(
        e.NotFoundError, e.SessionMismatchError, e.DeliveryConflictError, e.SessionNotActiveError
    ),
)
@inject
async def complete(
    session_id: FromPath[UUID],
    data: JSONBody[CompleteIn],
    complete_: FromDishka[CompleteSession],
) -> CompleteOut:
    feedback = None
    if data.feedback is not None:
        feedback = Feedback(rating=data.feedback.rating, comment=data.feedback.comment)
    result = await complete_(
        CompleteSessionCommand(
            session_id=SessionId(session_id),
            status=SessionStatus(data.status),
            delivery_id=data.delivery_id,
            duration_sec=data.duration_sec,
            recording_s3_key=data.recording_s3_key,
            transcript_s3_key=data.transcript_s3_key,
            interview_svc_session_id=data.interview_svc_session_id,
            error_code=data.error_code,
            feedback=feedback,
        )
    )
    announce(result)
    return CompleteOut.of(result)


def announce(result: CompletionResult) -> None:
    """Count and log what the (committed) completion wrote, once: a replayed delivery, or one
    for a session that had already ended, wrote nothing and gets one line of its own."""
    session_id = str(result.session_id)
    if not result.closed:
        event = "completion_replayed" if result.replayed else "completion_after_end"
        events.info(event, session_id=session_id, status=result.status.value)
        return
    events.info("completed", session_id=session_id, status=result.status.value)
    metrics.COMPLETIONS.labels(result.status.value).inc()
    if result.charged:
        metrics.CREDITS_CHARGED.inc(result.charged)
        events.info("charged", session_id=session_id, credits=result.charged)


HANDLERS = [verify, complete]
