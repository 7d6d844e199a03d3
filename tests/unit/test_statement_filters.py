"""Filtered reads: conditions declared once, joined in declared order, parameters numbered."""

from __future__ import annotations

import pytest

from zenhire.adapters.postgres.filters import Filters
from zenhire.adapters.postgres.statements import DECLARED, Mode

PAGE = Filters(
    "SELECT id FROM sessions WHERE client_id = $1",
    "ORDER BY created_at DESC, id DESC LIMIT {}",
    status="status = {}",
    after="(created_at, id) < ({}, {})",
)


def test_conditions_join_in_declared_order_whatever_order_they_are_added() -> None:
    statement, args = PAGE.query("c").where("after", "t", "i").where("status", "s").finish(11)
    assert statement.sql == (
        "SELECT id FROM sessions WHERE client_id = $1 AND status = $2"
        " AND (created_at, id) < ($3, $4) ORDER BY created_at DESC, id DESC LIMIT $5"
    )
    assert args == ["c", "s", "t", "i", 11]
    assert statement.mode is Mode.READ


def test_no_condition_is_the_bare_form() -> None:
    statement, args = PAGE.query("c").finish(3)
    assert statement.sql == (
        "SELECT id FROM sessions WHERE client_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
    )
    assert args == ["c", 3]


def test_the_bare_and_the_fullest_forms_are_declared_for_the_prepare_test() -> None:
    declared = {s.sql for s in DECLARED}
    assert PAGE.query("c").finish(1)[0].sql in declared
    fullest = PAGE.query("c").where("status", "s").where("after", "t", "i").finish(1)[0]
    assert fullest.sql in declared


def test_the_head_takes_exactly_its_own_arguments() -> None:
    with pytest.raises(TypeError, match="takes 1 arguments, got 2"):
        PAGE.query("c", "extra")
