"""A stored transcript (JSON passed through as the interview backend wrote it) as turns."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Final

SHOWN_MAX_BYTES: Final = 2 * 1024 * 1024  # a page shows at most this much; the API has it all
_SPEAKER_KEYS: Final = ("speaker", "role", "who", "from")
_TEXT_KEYS: Final = ("text", "content", "message", "utterance")
_LIST_KEYS: Final = ("turns", "messages", "segments", "utterances", "transcript")


@dataclass(frozen=True, slots=True)
class Turn:
    speaker: str
    text: str


async def read_bounded(chunks: AsyncIterator[bytes], limit: int = SHOWN_MAX_BYTES) -> bytes | None:
    """The content, or None when it is larger than ``limit`` (the iteration is closed)."""
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            await chunks.aclose()  # type: ignore[attr-defined]
            return None
        parts.append(chunk)
    return b"".join(parts)


def turns(raw: bytes) -> list[Turn] | None:
    """Turns found in the usual shapes (a list of ``{speaker, text}``, or such a list under
    ``turns``/``messages``/``segments``); None when the shape is not one of them."""
    try:
        data: Any = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(data, dict):
        data = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), None)
    if not isinstance(data, list):
        return None
    found: list[Turn] = []
    for item in data:
        if not isinstance(item, dict):
            return None
        speaker = next((str(item[k]) for k in _SPEAKER_KEYS if k in item), "")
        text = next((str(item[k]) for k in _TEXT_KEYS if k in item), None)
        if text is None:
            return None
        found.append(Turn(speaker.capitalize() or "—", text))
    return found
