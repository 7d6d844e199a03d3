"""The S2S signature scheme (webhook style), api.md §6.3.

``X-Interview-Signature: t=<unix seconds>,v1=<hex>,v2=<hex>``, where

* ``v1`` = HMAC-SHA256 of ``"<t>.<raw body>"`` (the original scheme: it does not cover the
  path, so on its own it could be replayed onto another session), and
* ``v2`` = HMAC-SHA256 of ``"<t>.<METHOD>.<path>.<raw body>"`` (path without query).

Several entries of each may be present; one match against any held secret suffices
(rotation). Comparison is constant-time, and the whole check is pure: it runs before the body
is parsed and before any store is touched. Entries of other names are ignored (forward
compatibility).

A verified signature is identified by the digest of what it signs (version, ``t``, for ``v2``
method and path, and the body), not by the hex presented: the same signed request is
recognised under whichever secret or entry it is presented with.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Final

from zenhire.domain.errors.auth import InvalidSignatureError, SignatureExpiredError

TOLERANCE_SECONDS: Final = 300
# An accepted signature is remembered for twice the window: past that, its t is out of it.
REMEMBER_SECONDS: Final = 2 * TOLERANCE_SECONDS
REMEMBER_FOR: Final = timedelta(seconds=REMEMBER_SECONDS)
_MAX_HEADER: Final = 4_096
_VERSIONS: Final = ("v1", "v2")


@dataclass(frozen=True, slots=True)
class SignedRequest:
    """What a signature may cover: the method, the path without query, the raw body."""

    method: str
    path: str
    body: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class VerifiedSignature:
    """A signature that verified; what the replay memory keeps of it.

    ``digests`` identify every entry version that matched (sorted, so every process writes
    them in one order); ``deciding`` is the one whose remembered path decides a reuse: the
    ``v2`` digest when a ``v2`` entry matched (it binds the path itself), else the ``v1`` one.
    """

    digests: tuple[bytes, ...]
    deciding: bytes


def _v1_message(timestamp: int, request: SignedRequest) -> bytes:
    return str(timestamp).encode() + b"." + request.body


def _v2_message(timestamp: int, request: SignedRequest) -> bytes:
    head = f"{timestamp}.{request.method.upper()}.{request.path}.".encode()
    return head + request.body


_MESSAGES: Final = {"v1": _v1_message, "v2": _v2_message}


def _hmac(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """``v1``: hex HMAC-SHA256 of ``"<t>.<body>"`` under ``secret``."""
    return _hmac(secret, _v1_message(timestamp, SignedRequest("", "", body)))


def sign_v2(secret: str, timestamp: int, method: str, path: str, body: bytes) -> str:
    """``v2``: hex HMAC-SHA256 of ``"<t>.<METHOD>.<path>.<body>"`` under ``secret``."""
    return _hmac(secret, _v2_message(timestamp, SignedRequest(method, path, body)))


def signature_header(
    secret: str,
    timestamp: int,
    body: bytes,
    *,
    method: str | None = None,
    path: str | None = None,
    v1: bool = True,
) -> str:
    """The header value a sender writes: ``v1``, plus ``v2`` when ``method`` and ``path`` are
    given (``v1=False`` leaves ``v1`` out)."""
    parts = [f"t={timestamp}"]
    if v1:
        parts.append(f"v1={sign(secret, timestamp, body)}")
    if method is not None and path is not None:
        parts.append(f"v2={sign_v2(secret, timestamp, method, path, body)}")
    return ",".join(parts)


def verify_signature(
    header: str | None,
    timestamp_header: str | None,
    request: SignedRequest,
    secrets: Sequence[str],
    now_unix: int,
    *,
    require_v2: bool = False,
) -> VerifiedSignature:
    """Return what verified; raise INVALID_SIGNATURE (missing, malformed, wrong, or no valid
    ``v2`` when ``require_v2``) or SIGNATURE_EXPIRED (``|now − t| > 300 s``)."""
    timestamp, candidates = _parse(header)
    if timestamp_header is not None and timestamp_header.strip() != str(timestamp):
        raise InvalidSignatureError("X-Interview-Signature-Timestamp does not match t.")
    if abs(now_unix - timestamp) > TOLERANCE_SECONDS:
        raise SignatureExpiredError()
    matched = {
        version: _matches(version, timestamp, request, candidates, secrets) for version in _VERSIONS
    }
    if require_v2 and not matched["v2"]:
        raise InvalidSignatureError("A valid v2 signature is required.")
    if not (matched["v1"] or matched["v2"]):
        raise InvalidSignatureError()
    digests = {
        version: hashlib.sha256(
            version.encode() + b":" + _MESSAGES[version](timestamp, request)
        ).digest()
        for version in _VERSIONS
        if matched[version]
    }
    deciding = digests.get("v2") or digests["v1"]
    return VerifiedSignature(tuple(sorted(digests.values())), deciding)


def _matches(
    version: str,
    timestamp: int,
    request: SignedRequest,
    candidates: dict[str, list[bytes]],
    secrets: Sequence[str],
) -> bool:
    presented = candidates[version]
    if not presented:
        return False
    message = _MESSAGES[version](timestamp, request)
    matched = False
    for secret in secrets:
        expected = _hmac(secret, message).encode()
        for candidate in presented:
            # Keep looping after a match: the time taken must not depend on which entry matched.
            matched |= hmac.compare_digest(expected, candidate)
    return matched


def _parse(header: str | None) -> tuple[int, dict[str, list[bytes]]]:
    if not header or len(header) > _MAX_HEADER:
        raise InvalidSignatureError()
    timestamp: int | None = None
    candidates: dict[str, list[bytes]] = {version: [] for version in _VERSIONS}
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep:
            raise InvalidSignatureError()
        if name == "t":
            if timestamp is not None or not value.isascii() or not value.isdigit():
                raise InvalidSignatureError()
            timestamp = int(value)
        elif name in candidates:
            candidates[name].append(value.encode("ascii", "replace"))
    if timestamp is None or not any(candidates.values()):
        raise InvalidSignatureError()
    return timestamp, candidates
