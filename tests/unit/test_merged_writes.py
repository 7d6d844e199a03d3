"""Writes merged into one statement: parameters renumbered in order, the last one's own CTEs
kept at the top level, and nothing merged that cannot be."""

from __future__ import annotations

from zenhire.adapters.postgres.merged import mergeable, one_statement


def test_leading_writes_become_ctes_with_their_parameters_renumbered() -> None:
    sql, args = one_statement(
        [
            ("DELETE FROM waiters WHERE client_id = $1 AND session_id = ANY($2)", ["c", ["s"]]),
            ("INSERT INTO waiters VALUES ($1, $2)", ["s", "c"]),
        ]
    )
    assert sql == (
        "WITH merged_0 AS (DELETE FROM waiters WHERE client_id = $1 AND session_id = ANY($2))"
        " INSERT INTO waiters VALUES ($3, $4)"
    )
    assert args == ["c", ["s"], "s", "c"]


def test_the_last_write_keeps_its_own_ctes_at_the_top_level() -> None:
    sql, args = one_statement(
        [
            ("DELETE FROM waiters WHERE session_id = $1", [1]),
            ("WITH written AS (UPDATE sessions SET a = $1) INSERT INTO events VALUES ($2)", [2, 3]),
        ]
    )
    assert sql == (
        "WITH merged_0 AS (DELETE FROM waiters WHERE session_id = $1),"
        " written AS (UPDATE sessions SET a = $2) INSERT INTO events VALUES ($3)"
    )
    assert args == [1, 2, 3]


def test_only_two_or_more_writes_with_plain_leaders_merge() -> None:
    plain, with_ctes = ("DELETE FROM t WHERE id = $1", [1]), ("WITH x AS (SELECT 1) SELECT 2", [])
    assert mergeable([plain, plain, with_ctes])
    assert not mergeable([plain])
    assert not mergeable([with_ctes, plain])
