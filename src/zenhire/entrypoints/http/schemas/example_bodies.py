"""The bodies the examples share: one persona, one session started, admitted, completed
after 754 s and charged 13 credits."""

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

PERSONA: Final = {
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
CREATED: Final = {
    "id": SESSION_ID,
    "session_id": SESSION_ID,
    "status": "initiated",
    "candidate_link": LINK,
    "expires_in": 604800,
    "expires_at": "2026-06-05T10:00:00.000Z",
}
COMPLETED: Final = {
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
CHARGE: Final = {
    "id": LEDGER_ID,
    "seq": 2,
    "kind": "charge",
    "amount": -13,
    "balance_after": 87,
    "session_id": SESSION_ID,
    "reason": None,
    "created_at": "2026-05-29T10:12:46.000Z",
}
