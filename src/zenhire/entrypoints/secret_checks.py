"""A weak secret refused at start: the admin token and the S2S secrets must look random.

The refusal is a ``SettingsError`` that names the variable and never repeats the secret.
"""

from __future__ import annotations

import re
from typing import Final

from zenhire.entrypoints.setting_checks import PREFIX, SettingsError

SECRET_MIN_LENGTH: Final = 32
GENERATE_SECRET: Final = "generate one with `openssl rand -hex 32`"  # noqa: S105  # advice
# Compared after lower-casing and dropping everything but letters and digits.
_PLACEHOLDER_STARTS: Final = ("changeme", "replaceme", "secret", "password", "example", "your")
_MIN_DISTINCT_CHARACTERS: Final = 8  # 32 random hex digits virtually always show 12 or more


def secret_weakness(secret: str) -> str | None:
    """Why ``secret`` must not guard a real server, or None when it may."""
    if len(secret) < SECRET_MIN_LENGTH:
        return f"is shorter than {SECRET_MIN_LENGTH} characters"
    folded = re.sub(r"[^a-z0-9]", "", secret.lower())
    if folded.startswith(_PLACEHOLDER_STARTS):
        return "is a well-known placeholder"
    if len(set(secret)) < _MIN_DISTINCT_CHARACTERS:
        return "repeats too few characters to be random"
    return None


def refuse_weak_secrets(admin_token: str | None, s2s_secrets: tuple[str, ...]) -> None:
    """Refuse a weak admin token or S2S secret, naming the variable (never the secret)."""
    if admin_token and (why := secret_weakness(admin_token)):
        raise SettingsError(f"weak secret: {PREFIX}ADMIN_TOKEN {why}; {GENERATE_SECRET}")
    count = len(s2s_secrets)
    for number, secret in enumerate(s2s_secrets, start=1):
        if why := secret_weakness(secret):
            which = f"entry {number} of {count}" if count > 1 else "the secret"
            raise SettingsError(
                f"weak secret: {PREFIX}S2S_SECRETS: {which} {why}; {GENERATE_SECRET}"
            )
