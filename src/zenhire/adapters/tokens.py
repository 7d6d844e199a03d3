"""Secrets: candidate tokens and API keys, minted from a CSPRNG and stored as SHA-256."""

from __future__ import annotations

import hashlib
import secrets
import time
from typing import Final

from zenhire.domain.console.ports import ConsoleSecrets
from zenhire.domain.ports import MintedSecret, Tokens
from zenhire.domain.use_cases.auth import API_KEY_PREFIX

CANDIDATE_TOKEN_PREFIX: Final = "zht_"  # noqa: S105  # a public prefix, not a secret
_ENTROPY_BYTES: Final = 32  # 256 bits
_KEY_DISPLAY_CHARS: Final = 8


class SecretTokens(Tokens):
    def mint_candidate_token(self) -> MintedSecret:
        raw = CANDIDATE_TOKEN_PREFIX + secrets.token_urlsafe(_ENTROPY_BYTES)
        return MintedSecret(raw=raw, digest=self.digest(raw), prefix=CANDIDATE_TOKEN_PREFIX)

    def mint_api_key(self) -> MintedSecret:
        raw = API_KEY_PREFIX + secrets.token_urlsafe(_ENTROPY_BYTES)
        prefix = raw[: len(API_KEY_PREFIX) + _KEY_DISPLAY_CHARS]
        return MintedSecret(raw=raw, digest=self.digest(raw), prefix=prefix)

    def digest(self, raw: str) -> bytes:
        return hashlib.sha256(raw.encode()).digest()


def mint_secret(nbytes: int = _ENTROPY_BYTES) -> str:
    """A URL-safe random secret (admin tokens and S2S secrets minted for the demo)."""
    return secrets.token_urlsafe(nbytes)


def mint_request_id() -> str:
    """``req_<epoch-ms>_<random>``, for requests that arrive without a usable id."""
    return f"req_{time.time_ns() // 1_000_000}_{secrets.token_hex(6)}"


class ConsoleSecretTokens(ConsoleSecrets):
    """Console session ids and invite tokens: 256 random bits, stored as SHA-256."""

    def mint(self) -> tuple[str, bytes]:
        raw = secrets.token_urlsafe(_ENTROPY_BYTES)
        return raw, self.digest(raw)

    def digest(self, raw: str) -> bytes:
        return hashlib.sha256(raw.encode()).digest()
