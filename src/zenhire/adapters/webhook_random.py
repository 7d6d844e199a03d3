"""Randomness for webhooks: signing secrets and the retry schedule's jitter."""

from __future__ import annotations

import base64
import secrets

from zenhire.domain.ports.webhook_random import WebhookRandom
from zenhire.domain.webhooks.schedule import JITTER
from zenhire.domain.webhooks.signing import SECRET_PREFIX

_SECRET_BYTES = 32
_STEPS = 1_000_000


class SecretsWebhookRandom(WebhookRandom):
    def mint_secret(self) -> str:
        return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(_SECRET_BYTES)).decode()

    def jitter(self) -> float:
        return (secrets.randbelow(2 * _STEPS + 1) - _STEPS) / _STEPS * JITTER
