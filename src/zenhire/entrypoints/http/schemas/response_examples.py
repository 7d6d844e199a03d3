"""Whole-body examples of the answers, per operation and status (``examples`` has the
requests); a test validates each against its schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from zenhire.entrypoints.http.schemas.docs import (
    CREATED_AT,
    PERSONA_ID,
    SESSION_ID,
)
from zenhire.entrypoints.http.schemas.example_bodies import (
    CHARGE,
    COMPLETED,
    CREATED,
    PERSONA,
    PROMPT,
    Named,
)

RESPONSES: Final[Mapping[tuple[str, int], Named]] = {
    ("create_persona", 201): {"persona": ("The new persona", PERSONA)},
    ("get_persona", 200): {"persona": ("A persona", PERSONA)},
    ("start_session", 201): {"created": ("A link to hand to the candidate", CREATED)},
    ("reinvite_session", 201): {
        "reinvited": ("A fresh link; the previous one no longer works", CREATED)
    },
    ("get_session", 200): {
        "completed": (
            "A completed, charged session",
            {
                **COMPLETED,
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
        "page": ("The last page", {"data": [COMPLETED], "next_cursor": None}),
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
                    CHARGE,
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
