"""What a field name means wherever it appears (``docs.field_doc`` reads it last)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from zenhire.entrypoints.http.schemas.doc_values import (
    CLIENT_ID,
    CREATED_AT,
    PERSONA_ID,
    PROJECT_ID,
    SESSION_ID,
    Doc,
)

FIELDS: Final[Mapping[str, Doc]] = {
    "client_id": Doc("The client (your account) that owns it.", CLIENT_ID),
    "project_id": Doc(
        "The project it is attributed to: the project of the API key that created it, or "
        "null. Attribution only; every key of the client sees it.",
        PROJECT_ID,
    ),
    "persona_id": Doc("The persona the session runs.", PERSONA_ID),
    "session_id": Doc("The session's id.", SESSION_ID),
    "role_name": Doc("The role the interviewer recruits for.", "Data Engineer"),
    "language": Doc("The interview's language, e.g. a BCP 47 tag.", "en"),
    "system_prompt": Doc(
        "The interviewer's instructions; generated from role and language when not given.",
        "You are interviewing a candidate for the role of Data Engineer. Speak English.",
    ),
    "base_prompt_override": Doc(
        "Replaces the platform's base interviewer prompt for this persona; null keeps it.",
        None,
    ),
    "created_at": Doc("When it was created (UTC).", CREATED_AT),
    "updated_at": Doc("When it last changed (UTC).", "2026-05-29T10:05:00.000Z"),
    "candidate_ref": Doc(
        "Your own reference for the candidate (at most 256 characters), echoed back.",
        "cand-42",
    ),
    "consent_mode": Doc(
        "How the candidate's consent to be recorded is collected: `explicit` (the interview "
        "asks for it) or `integrator` (you collected it).",
        "explicit",
    ),
    "metadata": Doc(
        "Your flat key-value data, echoed with value types preserved.",
        {"requisition": "REQ-1042", "round": 2, "remote": True},
    ),
    "tags": Doc("Your labels; list filters match rows carrying all given tags.", ["backend"]),
    "invite_count": Doc("Links issued for this session: 1, plus one per re-invite.", 1),
    "started_at": Doc("When the candidate was admitted (UTC); null before.", CREATED_AT),
    "deadline_at": Doc(
        "When the live interview's time budget runs out (UTC); null before admission.",
        "2026-05-29T11:00:00.000Z",
    ),
    "ended_at": Doc("When the session ended (UTC); null while it has not.", None),
    "completed_at": Doc("When it completed with a result (UTC); null otherwise.", None),
    "credit_charged": Doc(
        "Credits charged for the interview: null until completed, 0 when it cost nothing.",
        None,
    ),
    "recording_s3_key": Doc(
        "Where the interview backend stored the recording; fetch it with get_recording.", None
    ),
    "transcript_s3_key": Doc(
        "Where the interview backend stored the transcript; fetch it with get_transcript.",
        None,
    ),
    "interview_svc_session_id": Doc(
        "The interview backend's own id for the live call.", "ses_8f2a61c0"
    ),
    "live_interviews": Doc("Interviews of the client live right now.", 3),
    "max_concurrent_interviews": Doc(
        "How many interviews of the client may be live at once; further candidates wait in line.",
        8,
    ),
    "seq": Doc(
        "The row's number in the client's ledger, in commit order: each row's balance_after "
        "is the previous row's plus its amount.",
        2,
    ),
    "balance_after": Doc("The client's balance right after this row.", 87),
    "kind": Doc(
        "`grant` (operator credit), `adjustment` (operator correction, negative) or `charge` "
        "(a completed interview, negative).",
        "charge",
    ),
    "prefix": Doc("The key's first characters, to recognise it in lists.", "zh_api_Xk3f"),
    "revoked_at": Doc("When the key was revoked (UTC); null while it works.", None),
    "last_used_at": Doc(
        "Start of the newest clock minute (UTC) in which the key made a request; null: never.",
        "2026-05-29T10:41:00.000Z",
    ),
    "rating": Doc("The candidate's rating of the interview, 1 (worst) to 5 (best).", 5),
    "comment": Doc("The candidate's comment.", "Clear questions, good pace."),
    "next_cursor": Doc("Pass as `cursor` to get the next page; null on the last page.", None),
    "max_interview_seconds": Doc("The time budget of one live interview, in seconds.", 3600),
    "queue_position": Doc("The candidate's place in the client's waiting line, from 1.", 2),
    "retry_after_seconds": Doc("Seconds to wait before verifying again.", 5),
    "reconnect": Doc(
        "True when the session was already live (a reload or brief reconnect): no new slot "
        "is used and the deadline stays.",
        False,
    ),
    "error_code": Doc(
        "Why the session failed: `SESSION_TIMEOUT`, `LINK_EXPIRED`, `INTERVIEW_FAILED` or "
        "a code the interview backend reported; null unless failed.",
        None,
    ),
    "duration_sec": Doc("The interview's length in seconds, as the backend reported it.", 754),
    "source": Doc(
        "`requests` for sessions started through this API, `playground` for sessions "
        "started in the console.",
        "requests",
    ),
    "charged": Doc("Credits charged by this completion (0 when it changed nothing).", 13),
    "balance": Doc("The client's credit balance; it may be negative after a charge.", 87),
    "minimum_to_start": Doc("The balance needed to start a session or admit a candidate.", 1),
    "interview_credits_per_minute": Doc("Credits charged per started minute.", 1),
    "recent_transactions": Doc("The client's latest ledger rows, newest first (at most 20)."),
    "permissions": Doc(
        "What the client may use: `interview` grants the interview API.", ["interview"]
    ),
    "allowed_ips": Doc(
        "Addresses (CIDRs) the key may be used from; empty allows any.", ["203.0.113.0/24"]
    ),
    "rate_limit_per_minute": Doc("Requests the key may make per minute.", 500),
    "feedback": Doc("The candidate's feedback, if the interview backend reported one.", None),
    "persona": Doc("The persona the session runs."),
    "code": Doc("Stable, documented error code; branch on it.", "INSUFFICIENT_CREDITS"),
    "message": Doc(
        "Human-readable explanation; wording may change.",
        "The credit balance is below the minimum to start.",
    ),
    "timestamp": Doc("When the error happened (UTC).", CREATED_AT),
    "requestId": Doc(
        "Equals the response's X-Request-ID header; quote it to support.",
        "req_1780048800000_3f9a1c2b7d4e",
    ),
    "details": Doc(
        "Code-specific data, e.g. `fields` (a list of {field, problem}) for INVALID_INPUT or "
        "{balance, minimum} for INSUFFICIENT_CREDITS."
    ),
    "retryAfterSeconds": Doc("Seconds to wait before retrying (429 and 503 only).", 2),
    "error": Doc("The error."),
    "data": Doc("The rows of this page."),
}
