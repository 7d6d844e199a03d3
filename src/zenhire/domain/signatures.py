"""The S2S signature scheme (webhook style).

``X-Interview-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<raw body>")>``; several
``v1`` entries may be present and one match against any held secret suffices (rotation).
Comparison is constant-time and happens before the body is parsed.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from typing import Final

from zenhire.domain.errors import InvalidSignatureError, SignatureExpiredError

TOLERANCE_SECONDS: Final = 300
_MAX_HEADER: Final = 4_096


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """Hex HMAC-SHA256 of ``"<t>.<body>"`` under ``secret``."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={sign(secret, timestamp, body)}"


def verify_signature(
    header: str | None,
    timestamp_header: str | None,
    body: bytes,
    secrets: Sequence[str],
    now_unix: int,
) -> None:
    """Return when the header is valid for ``body``; raise the scheme's 401 errors otherwise."""
    timestamp, candidates = _parse(header)
    if timestamp_header is not None and timestamp_header.strip() != str(timestamp):
        raise InvalidSignatureError("X-Interview-Signature-Timestamp does not match t.")
    if abs(now_unix - timestamp) > TOLERANCE_SECONDS:
        raise SignatureExpiredError()
    matched = False
    for secret in secrets:
        expected = sign(secret, timestamp, body).encode()
        for candidate in candidates:
            # Keep looping after a match: the time taken must not depend on which entry matched.
            matched |= hmac.compare_digest(expected, candidate)
    if not matched:
        raise InvalidSignatureError()


def _parse(header: str | None) -> tuple[int, list[bytes]]:
    if not header or len(header) > _MAX_HEADER:
        raise InvalidSignatureError()
    timestamp: int | None = None
    candidates: list[bytes] = []
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep:
            raise InvalidSignatureError()
        if name == "t":
            if timestamp is not None or not value.isascii() or not value.isdigit():
                raise InvalidSignatureError()
            timestamp = int(value)
        elif name == "v1":
            candidates.append(value.encode("ascii", "replace"))
    if timestamp is None or not candidates:
        raise InvalidSignatureError()
    return timestamp, candidates
