"""The README's error catalog is the error table, status by status: nothing missing, nothing
extra, no code under a status the table does not give it."""

from __future__ import annotations

import re
from pathlib import Path

from zenhire.entrypoints.http.errors import (
    HTTP_CODES,
    S2S_STATUS_OVERRIDES,
    STATUS,
    UNSEEN_HTTP_CODES,
)

README = Path(__file__).parents[2] / "README.md"
# Codes in the table that no surface raises (none today; CONFLICT is the console's taken email).
NOT_RAISED: set[str] = set()


def table_catalog() -> dict[int, set[str]]:
    rows: dict[int, set[str]] = {}
    pairs = [(status, cls.code) for cls, status in STATUS.items()]
    pairs += [(status, cls.code) for cls, status in S2S_STATUS_OVERRIDES.items()]
    pairs += list(HTTP_CODES.items())
    for status, code in pairs:
        if code not in NOT_RAISED | UNSEEN_HTTP_CODES:
            rows.setdefault(status, set()).add(code)
    return rows


def readme_catalog() -> dict[int, set[str]]:
    text = README.read_text().split("## Error catalog", 1)[1].split("\n## ", 1)[0]
    return {
        int(status): set(re.findall(r"`([A-Z_]+)`", codes))
        for status, codes in re.findall(r"^\| (\d{3}) \| (.*) \|$", text, re.M)
    }


def test_the_readme_catalog_is_the_error_table() -> None:
    assert readme_catalog() == table_catalog()


def test_the_catalog_is_read_from_the_readme() -> None:
    catalog = readme_catalog()
    assert "INSUFFICIENT_CREDITS" in catalog[402]
    assert "CLIENT_INACTIVE" in catalog[401] & catalog[403]
