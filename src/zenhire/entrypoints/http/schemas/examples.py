"""Whole-body examples of the operations, consistent with each other (``example_bodies``):
the requests here, the answers in ``response_examples``. A test validates each against its
schema."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from zenhire.entrypoints.http.schemas.example_bodies import (
    REQUEST_ID,
    TIMESTAMP,
    TOKEN,
    Named,
)
from zenhire.entrypoints.http.schemas.response_examples import RESPONSES

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


__all__ = ["REQUESTS", "REQUEST_ID", "RESPONSES", "TIMESTAMP", "Named"]
