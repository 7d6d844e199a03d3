"""The error families add up to one catalog, and the one status table covers all of it."""

from __future__ import annotations

from zenhire.domain import errors
from zenhire.entrypoints.http.errors import STATUS


def test_every_error_of_the_catalog_has_a_status_in_the_one_table() -> None:
    missing = [cls.__name__ for cls in errors.catalog() if cls not in STATUS]
    assert missing == []


def test_each_code_names_one_error_class() -> None:
    codes = [cls.code for cls in errors.catalog()]
    assert len(codes) == len(set(codes))
    assert {"INSUFFICIENT_CREDITS", "IDEMPOTENCY_KEY_USED"} <= set(codes)


def test_the_package_names_every_family_member() -> None:
    exported = {getattr(errors, name) for name in errors.__all__}
    assert set(errors.catalog()) <= exported
