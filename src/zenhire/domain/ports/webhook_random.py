"""Randomness for webhooks: signing secrets and the retry jitter."""

from __future__ import annotations

from typing import Protocol


class WebhookRandom(Protocol):
    def mint_secret(self) -> str:
        """``whsec_`` + base64 of 32 random bytes."""
        ...

    def jitter(self) -> float:
        """Uniform in [−0.2, 0.2]."""
        ...
