"""What settings alone decide is unusable: a database URL that is not PostgreSQL (here), a weak
secret (``secret_checks``).

Every refusal is a ``SettingsError`` whose one line names the variable and never repeats the
value (a URL may carry a password).
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urlsplit

PREFIX: Final = "ZENHIRE_"
DATABASE_SCHEMES: Final = ("postgresql", "postgres", "postgresql+asyncpg", "postgres+asyncpg")


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
