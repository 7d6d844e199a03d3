"""What the fields of the interview backend's schemas (verify, complete) mean there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from zenhire.domain import limits
from zenhire.entrypoints.http.schemas.doc_values import (
    PERSONA_ID,
    Doc,
)

S2S_BY_TYPE: Final[Mapping[str, Mapping[str, Doc]]] = {
    "VerifyIn": {
        "token": Doc(
            "The candidate token: the part of the candidate link after `#t=`.",
            "zh_tok_Vq8Xw3nR2pL6sT0yB4mK9cJ1dF7hG5aZ",
        ),
        "interview_svc_session_id": Doc(
            "Your id for the live call; a later completion must carry the same one.",
            "ses_8f2a61c0",
        ),
    },
    "AdmittedOut": {
        "result": Doc("`admitted`: start the interview now.", "admitted"),
        "status": Doc("`active`.", "active"),
        "persona": Doc("The persona to run."),
    },
    "VerifyPersona": {
        "id": Doc("The persona's id.", PERSONA_ID),
    },
    "QueuedOut": {
        "result": Doc(
            "`queued`: the client is at its cap; verify again after `retry_after_seconds`.",
            "queued",
        ),
        "live_interviews": Doc("Interviews of the client live right now.", 8),
    },
    "FeedbackIn": {
        "comment": Doc(
            f"The candidate's comment, at most {limits.FEEDBACK_COMMENT_MAX} characters.",
            "Clear questions, good pace.",
        ),
    },
    "CompleteIn": {
        "status": Doc(
            "`completed` (the interview happened; it is charged) or `failed`.", "completed"
        ),
        "delivery_id": Doc(
            "Your id for this report, unique per session: a retry with the same id and body "
            "gets the first answer again; the same id with another body gets 409.",
            "dlv-7f3c",
        ),
        "duration_sec": Doc(
            "The interview's length in seconds; required when `status` is `completed`. "
            "Billing counts at most the time the platform observed and the time budget.",
            754,
        ),
        "recording_s3_key": Doc(
            "Where you stored the recording, inside the artifact store.",
            "acme/0197a3c4/recording.wav",
        ),
        "transcript_s3_key": Doc(
            "Where you stored the transcript, inside the artifact store.",
            "acme/0197a3c4/transcript.json",
        ),
        "error_code": Doc("Why it failed (with `failed`); default `INTERVIEW_FAILED`.", None),
        "feedback": Doc("The candidate's feedback, if any."),
    },
    "CompleteOut": {
        "status": Doc("The session's status after this report.", "completed"),
    },
}
