"""The pieces of every field description: ``Doc`` and the ids and instant the examples share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

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
