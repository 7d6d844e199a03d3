"""What settings alone decide is unusable: a database URL that is not PostgreSQL, a weak secret.

Every refusal is a ``SettingsError`` whose one line names the variable and never repeats the
value (a URL may carry a password).
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

PREFIX: Final = "ZENHIRE_"
DATABASE_SCHEMES: Final = ("postgresql", "postgres", "postgresql+asyncpg", "postgres+asyncpg")
SECRET_MIN_LENGTH: Final = 32
GENERATE_SECRET: Final = "generate one with `openssl rand -hex 32`"  # noqa: S105  # advice
# Compared after lower-casing and dropping everything but letters and digits.
_PLACEHOLDER_STARTS: Final = ("changeme", "replaceme", "secret", "password", "example", "your")
_MIN_DISTINCT_CHARACTERS: Final = 8  # 32 random hex digits virtually always show 12 or more


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def check_database_url(url: str) -> None:
    """Refuse a URL that is not a well-formed PostgreSQL one; the message never repeats the
    URL, which may carry a password."""
    name = f"{PREFIX}DATABASE_URL"
    expected = "expected postgresql://user[:password]@host[:port]/database"
    scheme, sep, _ = url.partition("://")
    if not sep or scheme.lower() not in DATABASE_SCHEMES:
        got = f"a {scheme}:// URL" if sep and re.fullmatch(r"[\w+.-]+", scheme) else "no scheme"
        raise SettingsError(
            f"invalid setting: {name}: {expected} (postgres:// and +asyncpg accepted), got {got}"
        )
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018  # raises on a port that is not a number in range
    except ValueError:
        raise SettingsError(
            f"invalid setting: {name}: the port is not a number from 1 to 65535 ({expected})"
        ) from None
    if any(c.isspace() for c in url):
        raise SettingsError(f"invalid setting: {name}: {expected} (it contains white space)")


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
