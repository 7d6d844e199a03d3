"""What the fields of the persona and session schemas (and of every page) mean there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from zenhire.domain import limits
from zenhire.entrypoints.http.schemas.doc_values import (
    CREATED_AT,
    PERSONA_ID,
    SESSION_ID,
    Doc,
)

SESSION_BY_TYPE: Final[Mapping[str, Mapping[str, Doc]]] = {
    "PersonaCreate": {
        "role_name": Doc("The role the interviewer recruits for.", "Data Engineer"),
    },
    "PersonaRow": {
        "id": Doc("The persona's id.", PERSONA_ID),
        "status": Doc("`active`, or `archived` (cannot start sessions).", "active"),
    },
    "SessionCreate": {
        "candidate_ref": Doc(
            "Your own reference for the candidate; longer than 256 characters is cut to 256.",
            "cand-42",
        ),
        "metadata": Doc(
            f"Flat key-value data: at most {limits.METADATA_MAX_KEYS} keys of "
            f"1-{limits.METADATA_KEY_MAX} characters; values are strings of at most "
            f"{limits.METADATA_STRING_MAX} characters, numbers or booleans; at most "
            f"{limits.METADATA_MAX_BYTES} bytes as compact JSON.",
            {"requisition": "REQ-1042", "round": 2, "remote": True},
        ),
        "tags": Doc(
            f"At most {limits.TAGS_MAX} distinct labels of 1-{limits.TAG_MAX} characters.",
            ["backend"],
        ),
    },
    "SessionCreated": {
        "id": Doc("The session's id.", SESSION_ID),
        "session_id": Doc("The same as `id` (its older name).", SESSION_ID),
        "status": Doc("`initiated`: the link is waiting for the candidate.", "initiated"),
        "candidate_link": Doc(
            "The one-time link to hand to the candidate. Shown only here: it is stored as a "
            "digest and cannot be read again (re-invite issues a new one).",
            "https://interview.zenhire.ai/#t=zh_tok_Vq8Xw3nR2pL6sT0yB4mK9cJ1dF7hG5aZ",
        ),
        "expires_in": Doc("Seconds until the link expires.", 604800),
        "expires_at": Doc("When the link expires (UTC).", "2026-06-05T10:00:00.000Z"),
    },
    "SessionSummary": {
        "id": Doc("The session's id.", SESSION_ID),
        "status": Doc(
            "`initiated` (link issued), `active` (interview live), `completed` (with a "
            "result) or `failed` (ended without one; may be re-invited).",
            "completed",
        ),
        "expires_at": Doc("When the current link expires (UTC).", "2026-06-05T10:00:00.000Z"),
        "role_name": Doc("The persona's role.", "Data Engineer"),
        "language": Doc("The persona's language.", "en"),
        "ended_at": Doc(
            "When the session ended (UTC); null while it has not.", "2026-05-29T10:12:34.000Z"
        ),
        "completed_at": Doc(
            "When it completed with a result (UTC); null otherwise.", "2026-05-29T10:12:34.000Z"
        ),
        "credit_charged": Doc(
            "Credits charged for the interview: null until completed, 0 when it cost nothing.",
            13,
        ),
        "recording_s3_key": Doc(
            "Where the recording is stored; null until reported.", "acme/0197a3c4/recording.wav"
        ),
        "transcript_s3_key": Doc(
            "Where the transcript is stored; null until reported.", "acme/0197a3c4/transcript.json"
        ),
    },
    "SessionDetail": {
        "persona": Doc("The persona the session runs (null if it no longer exists)."),
        "feedback": Doc("The candidate's feedback; null when none was reported."),
    },
    "FeedbackOut": {
        "negative": Doc("True when the rating is 2 or less.", False),
    },
    "PersonaBrief": {
        "id": Doc("The persona's id.", PERSONA_ID),
        "status": Doc("`active`, or `archived`.", "active"),
    },
    "SessionPage": {"data": Doc("Sessions, newest first.")},
    "PersonaPage": {"data": Doc("Personas, newest first.")},
    "ClientPage": {"data": Doc("Clients, newest first.")},
    "ProjectPage": {"data": Doc("Projects, newest first.")},
    "ApiKeyPage": {"data": Doc("API keys, newest first; never the keys themselves.")},
    "LedgerPage": {"data": Doc("Ledger rows, newest `seq` first.")},
    "EventList": {"data": Doc("The session's events, oldest first.")},
    "EventOut": {
        "type": Doc(
            "`created`, `queued`, `admitted`, `reconnected`, `completed`, `failed`, "
            "`timed_out`, `link_expired` or `reinvited`.",
            "admitted",
        ),
        "at": Doc("When it happened (UTC).", CREATED_AT),
        "data": Doc("A small object about the event (never a token).", {"queue_position": 1}),
    },
}
