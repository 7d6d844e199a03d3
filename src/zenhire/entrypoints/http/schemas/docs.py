"""What every field of the wire schemas means, for integrators, with a realistic example.

``FIELDS`` holds the names that mean the same thing wherever they appear; ``BY_TYPE`` holds
what a name means in one schema (where it differs, or adds a rule). Schemas are named by class
name. The API document takes a property's description from ``BY_TYPE`` first, then
``FIELDS``; tests require one for every property of every schema, and every name here to be a
schema or field the document has.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from zenhire.domain import limits

NO_EXAMPLE: Final[Any] = object()

SESSION_ID: Final = "0197a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b"
PERSONA_ID: Final = "0197a3c1-2f4e-7a10-8b3c-5d6e7f8a9b0c"
CLIENT_ID: Final = "0197a2f0-1a2b-7c3d-8e4f-5a6b7c8d9e0f"
PROJECT_ID: Final = "0197a2f1-3c4d-7e5f-8a6b-7c8d9e0f1a2b"
KEY_ID: Final = "0197a2f2-4d5e-7f6a-9b7c-8d9e0f1a2b3c"
LEDGER_ID: Final = "0197a3d9-6e7f-7a8b-9c0d-1e2f3a4b5c6d"
CREATED_AT: Final = "2026-05-29T10:00:00.000Z"


@dataclass(frozen=True, slots=True)
class Doc:
    text: str
    example: Any = NO_EXAMPLE


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

BY_TYPE: Final[Mapping[str, Mapping[str, Doc]]] = {
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
    "LedgerRow": {
        "id": Doc("The ledger row's id.", LEDGER_ID),
        "amount": Doc("Credits added (positive) or taken (negative).", -13),
        "session_id": Doc("The session a charge is for; null for other rows.", SESSION_ID),
        "reason": Doc("The operator's reason; null for charges.", None),
    },
    "ClientCreate": {
        "name": Doc(f"The client's name, 1-{limits.NAME_MAX} characters.", "Acme Hiring"),
        "credits": Doc("Credits granted at creation (a `grant` ledger row).", 500),
        "max_concurrent_interviews": Doc(
            "Interviews that may be live at once; default: the platform setting.", 8
        ),
        "permissions": Doc('Default `["interview"]`.', ["interview"]),
        "active": Doc("False creates the client deactivated.", True),
    },
    "ClientPatch": {
        "name": Doc("New name.", "Acme Hiring"),
        "max_concurrent_interviews": Doc("New cap of live interviews.", 12),
        "permissions": Doc("New permissions (replaces the list).", ["interview"]),
        "active": Doc("False deactivates the client: its keys stop working.", True),
    },
    "ClientOut": {
        "id": Doc("The client's id.", CLIENT_ID),
        "name": Doc("The client's name.", "Acme Hiring"),
        "active": Doc("False when deactivated.", True),
        "credits": Doc("The client's credit balance.", 500),
    },
    "CreditsIn": {
        "amount": Doc(
            "Credits to add (positive, a `grant`) or take (negative, an `adjustment`); never 0.",
            500,
        ),
        "reason": Doc(
            f"Why, 1-{limits.REASON_MAX} characters; kept on the ledger row.", "Monthly top-up"
        ),
    },
    "ProjectIn": {"name": Doc("The project's name.", "EMEA hiring")},
    "ProjectOut": {
        "id": Doc("The project's id.", PROJECT_ID),
        "name": Doc("The project's name.", "EMEA hiring"),
        "client_id": Doc("The client it belongs to.", CLIENT_ID),
    },
    "ApiKeyIn": {
        "project_id": Doc(
            "A project of the same client to attribute the key's sessions to.", PROJECT_ID
        ),
        "expires_at": Doc(
            "When the key stops working; must be in the future.", "2027-01-01T00:00:00Z"
        ),
        "allowed_ips": Doc(
            "Addresses or CIDRs the key may be used from; absent allows any.", ["203.0.113.0/24"]
        ),
        "name": Doc("A label for the key.", "ATS production"),
        "rate_limit_per_minute": Doc("Requests the key may make per minute.", 500),
    },
    "ApiKeyOut": {
        "id": Doc("The key's id (not the key).", KEY_ID),
        "name": Doc("The key's label.", "ATS production"),
        "client_id": Doc("The client the key authenticates as.", CLIENT_ID),
        "project_id": Doc("The project the key's sessions are attributed to, or null.", PROJECT_ID),
        "expires_at": Doc("When the key stops working (UTC); null: never.", None),
    },
    "ApiKeyCreated": {
        "key": Doc(
            "The API key itself. Shown only here: store it now, it is kept as a digest.",
            "zh_api_Xk3fP9qL2mN7vB4cR8tW1yZ6hJ0dS5aG",
        ),
    },
    "ReadyOut": {
        "status": Doc("`ok`.", "ok"),
        "checks": Doc("Each dependency checked and its state.", {"database": "ok"}),
    },
}

# Descriptions of whole schemas (where the class docstring is written for developers).
TYPES: Final[Mapping[str, str]] = {
    "ConsentMode": "How the candidate's consent to be recorded is collected.",
    "SessionStatus": "A session's lifecycle state.",
    "PersonaStatus": "Whether a persona can start sessions.",
    "LedgerKind": "What a ledger row records.",
    "SessionCreated": "A new candidate link. Sent with `Cache-Control: no-store`.",
    "ApiKeyCreated": "A new API key with the key itself, shown once.",
    "ApiKeyOut": "An API key's record; never the key itself.",
}

# Rules across fields, which the types alone cannot state.
RULES: Final[Mapping[str, Mapping[str, Any]]] = {
    "CompleteIn": {
        "if": {"properties": {"status": {"const": "completed"}}, "required": ["status"]},
        "then": {
            "required": ["duration_sec"],
            "properties": {"duration_sec": {"type": "integer"}},
        },
    },
}

PARAMETERS: Final[Mapping[str, str]] = {
    "persona_id": "The persona's id.",
    "session_id": "The session's id.",
    "client_id": "The client's id.",
    "key_id": "The API key's id.",
    "endpoint_id": "The webhook endpoint's id.",
    "delivery_id": "The delivery's id.",
}


def field_doc(cls: type, name: str) -> Doc | None:
    """The description of ``cls``'s field ``name``: the schema's own first, its bases' next
    (a subclass keeps its base's meanings), then the shared one."""
    from zenhire.entrypoints.http.schemas.webhook_docs import WEBHOOK_BY_TYPE

    for base in cls.__mro__:
        own = BY_TYPE.get(base.__name__) or WEBHOOK_BY_TYPE.get(base.__name__, {})
        if name in own:
            return own[name]
    return FIELDS.get(name)


def type_doc(cls: type) -> str | None:
    from zenhire.entrypoints.http.schemas.webhook_docs import WEBHOOK_TYPES

    return TYPES.get(cls.__name__) or WEBHOOK_TYPES.get(cls.__name__)
