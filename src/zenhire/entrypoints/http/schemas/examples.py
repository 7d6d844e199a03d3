"""Whole-body examples of the operations, consistent with each other: one persona, one
session started, admitted, completed after 754 s and charged 13 credits. A test validates
each against its schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from zenhire.entrypoints.http.schemas.docs import (
    CLIENT_ID,
    CREATED_AT,
    LEDGER_ID,
    PERSONA_ID,
    PROJECT_ID,
    SESSION_ID,
)

TIMESTAMP: Final = "2026-05-29T10:00:00.000Z"
REQUEST_ID: Final = "req_1780048800000_3f9a1c2b7d4e"
LINK: Final = "https://interview.zenhire.ai/#t=zh_tok_Vq8Xw3nR2pL6sT0yB4mK9cJ1dF7hG5aZ"
TOKEN: Final = LINK.split("#t=", 1)[1]
PROMPT: Final = "You are interviewing a candidate for the role of Data Engineer. Speak English."

Named = Mapping[str, tuple[str, Any]]

_PERSONA: Final = {
    "id": PERSONA_ID,
    "client_id": CLIENT_ID,
    "role_name": "Data Engineer",
    "language": "en",
    "status": "active",
    "created_at": CREATED_AT,
    "base_prompt_override": None,
    "system_prompt": PROMPT,
    "updated_at": CREATED_AT,
}
_CREATED: Final = {
    "id": SESSION_ID,
    "session_id": SESSION_ID,
    "status": "initiated",
    "candidate_link": LINK,
    "expires_in": 604800,
    "expires_at": "2026-06-05T10:00:00.000Z",
}
_COMPLETED: Final = {
    "id": SESSION_ID,
    "client_id": CLIENT_ID,
    "persona_id": PERSONA_ID,
    "project_id": PROJECT_ID,
    "candidate_ref": "cand-42",
    "status": "completed",
    "error_code": None,
    "consent_mode": "explicit",
    "source": "requests",
    "tags": ["backend"],
    "metadata": {"requisition": "REQ-1042", "round": 2},
    "invite_count": 1,
    "expires_at": "2026-06-05T10:00:00.000Z",
    "created_at": CREATED_AT,
    "started_at": "2026-05-29T10:00:12.000Z",
    "deadline_at": "2026-05-29T11:00:12.000Z",
    "ended_at": "2026-05-29T10:12:46.000Z",
    "completed_at": "2026-05-29T10:12:46.000Z",
    "duration_sec": 754,
    "credit_charged": 13,
    "recording_s3_key": "acme/0197a3c4/recording.wav",
    "transcript_s3_key": "acme/0197a3c4/transcript.json",
    "interview_svc_session_id": "ses_8f2a61c0",
    "role_name": "Data Engineer",
    "language": "en",
}
_CHARGE: Final = {
    "id": LEDGER_ID,
    "seq": 2,
    "kind": "charge",
    "amount": -13,
    "balance_after": 87,
    "session_id": SESSION_ID,
    "reason": None,
    "created_at": "2026-05-29T10:12:46.000Z",
}

REQUESTS: Final[Mapping[str, Named]] = {
    "create_persona": {
        "minimal": (
            "Role and language; the prompt is generated",
            {"role_name": "Data Engineer", "language": "en"},
        ),
    },
    "start_session": {
        "explicit": (
            "The interview asks for consent; your reference, labels and data",
            {
                "consent_mode": "explicit",
                "candidate_ref": "cand-42",
                "tags": ["backend"],
                "metadata": {"requisition": "REQ-1042", "round": 2},
            },
        ),
    },
    "verify_token": {
        "verify": (
            "The token from the link's fragment",
            {"token": TOKEN, "interview_svc_session_id": "ses_8f2a61c0"},
        ),
    },
    "complete_session": {
        "completed": (
            "A 754 s interview with its artifacts and feedback",
            {
                "status": "completed",
                "delivery_id": "dlv-7f3c",
                "duration_sec": 754,
                "recording_s3_key": "acme/0197a3c4/recording.wav",
                "transcript_s3_key": "acme/0197a3c4/transcript.json",
                "interview_svc_session_id": "ses_8f2a61c0",
                "feedback": {"rating": 5, "comment": "Clear questions, good pace."},
            },
        ),
        "failed": (
            "The call dropped for good",
            {"status": "failed", "delivery_id": "dlv-7f3d", "error_code": "CALL_DROPPED"},
        ),
    },
    "create_client": {
        "client": ("A client with 500 credits", {"name": "Acme Hiring", "credits": 500}),
    },
    "adjust_credits": {
        "grant": ("A top-up", {"amount": 500, "reason": "Monthly top-up"}),
        "correction": ("A correction", {"amount": -20, "reason": "Duplicate grant"}),
    },
}

RESPONSES: Final[Mapping[tuple[str, int], Named]] = {
    ("create_persona", 201): {"persona": ("The new persona", _PERSONA)},
    ("get_persona", 200): {"persona": ("A persona", _PERSONA)},
    ("start_session", 201): {"created": ("A link to hand to the candidate", _CREATED)},
    ("reinvite_session", 201): {
        "reinvited": ("A fresh link; the previous one no longer works", _CREATED)
    },
    ("get_session", 200): {
        "completed": (
            "A completed, charged session",
            {
                **_COMPLETED,
                "persona": {
                    "id": PERSONA_ID,
                    "role_name": "Data Engineer",
                    "language": "en",
                    "status": "active",
                },
                "feedback": {
                    "rating": 5,
                    "negative": False,
                    "comment": "Clear questions, good pace.",
                },
            },
        ),
    },
    ("list_sessions", 200): {
        "page": ("The last page", {"data": [_COMPLETED], "next_cursor": None}),
    },
    ("list_session_events", 200): {
        "trail": (
            "Created, admitted, completed",
            {
                "data": [
                    {"type": "created", "at": CREATED_AT, "data": {"invite": 1}},
                    {
                        "type": "admitted",
                        "at": "2026-05-29T10:00:12.000Z",
                        "data": {"reconnect": False},
                    },
                    {
                        "type": "completed",
                        "at": "2026-05-29T10:12:46.000Z",
                        "data": {"duration_sec": 754, "charged": 13},
                    },
                ]
            },
        ),
    },
    ("verify_token", 200): {
        "admitted": (
            "Admitted: 3 of 8 interviews were live, this one starts now",
            {
                "result": "admitted",
                "session_id": SESSION_ID,
                "status": "active",
                "reconnect": False,
                "consent_mode": "explicit",
                "candidate_ref": "cand-42",
                "started_at": "2026-05-29T10:00:12.000Z",
                "deadline_at": "2026-05-29T11:00:12.000Z",
                "max_interview_seconds": 3600,
                "persona": {
                    "id": PERSONA_ID,
                    "role_name": "Data Engineer",
                    "language": "en",
                    "system_prompt": PROMPT,
                    "base_prompt_override": None,
                },
            },
        ),
    },
    ("verify_token", 202): {
        "queued": (
            "Held off: all 8 slots are live, one candidate waits ahead",
            {
                "result": "queued",
                "session_id": SESSION_ID,
                "queue_position": 2,
                "retry_after_seconds": 5,
                "live_interviews": 8,
                "max_concurrent_interviews": 8,
            },
        ),
    },
    ("complete_session", 200): {
        "charged": (
            "754 s at 1 credit per started minute",
            {"session_id": SESSION_ID, "status": "completed", "charged": 13},
        ),
    },
    ("get_credits", 200): {
        "credits": (
            "After one charged interview",
            {
                "balance": 87,
                "minimum_to_start": 1,
                "interview_credits_per_minute": 1,
                "live_interviews": 3,
                "max_concurrent_interviews": 8,
                "recent_transactions": [
                    _CHARGE,
                    {
                        "id": "0197a2f0-9a8b-7c6d-8e5f-4a3b2c1d0e9f",
                        "seq": 1,
                        "kind": "grant",
                        "amount": 100,
                        "balance_after": 100,
                        "session_id": None,
                        "reason": "Welcome credits",
                        "created_at": "2026-05-28T09:00:00.000Z",
                    },
                ],
            },
        ),
    },
}
