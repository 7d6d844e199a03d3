"""Secrets handed out once: candidate tokens and API keys, and their digests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class MintedSecret:
    """A secret shown once (``raw``) and the only form that is stored (``digest``)."""

    raw: str = field(repr=False)
    digest: bytes = field(repr=False)
    prefix: str


class Tokens(Protocol):
    def mint_candidate_token(self) -> MintedSecret:
        """≥ 256 bits from a CSPRNG, URL-safe, with a recognisable prefix. Raises nothing."""
        ...

    def mint_api_key(self) -> MintedSecret:
        """A new ``zh_api_`` key. Raises nothing."""
        ...

    def digest(self, raw: str) -> bytes:
        """SHA-256 of the raw secret: the lookup key stored in place of it. Raises nothing."""
        ...
