"""Reads whose WHERE clause takes optional conditions, each fragment declared once.

A list endpoint filters on whatever the caller sent. Rather than build SQL at the call site,
the adapter declares the statement's head, its tail and every optional condition once;
``Filters.query`` then joins the chosen fragments in declaration order and numbers their
parameters. The bare form and the form with every condition are declared with the other
statements, so the test that prepares them all checks each fragment against the schema.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Final

from zenhire.adapters.postgres.statements import DECLARED, Mode, Statement

_PARAMETER: Final = re.compile(r"\$(\d+)")


class Filters:
    """``head`` ends in a WHERE clause using ``$1…$k``; ``tail`` and each condition hold
    ``{}`` where their parameters go."""

    def __init__(self, head: str, tail: str, **conditions: str) -> None:
        self.head = head
        self.tail = tail
        self.conditions = conditions
        self.fixed = max((int(n) for n in _PARAMETER.findall(head)), default=0)
        DECLARED.append(self._statement(()))
        DECLARED.append(self._statement(tuple(conditions)))

    def query(self, *fixed: Any) -> Query:
        """Start a query with the head's ``$1…$k`` arguments."""
        if len(fixed) != self.fixed:
            raise TypeError(f"the head takes {self.fixed} arguments, got {len(fixed)}")
        return Query(self, list(fixed))

    @lru_cache(maxsize=256)  # noqa: B019  # the instances are module constants
    def _statement(self, chosen: tuple[str, ...]) -> Statement:
        number = self.fixed
        parts = [self.head]

        def numbered(fragment: str) -> str:
            nonlocal number
            slots = []
            for _ in range(fragment.count("{}")):
                number += 1
                slots.append(f"${number}")
            return fragment.format(*slots)

        parts.extend(f"AND {numbered(self.conditions[name])}" for name in chosen)
        parts.append(numbered(self.tail))
        return Statement(" ".join(parts), Mode.READ)


class Query:
    """One use of a ``Filters``: conditions are added in any order; SQL keeps the declared one."""

    def __init__(self, filters: Filters, fixed: list[Any]) -> None:
        self.filters = filters
        self.fixed = fixed
        self.chosen: dict[str, Sequence[Any]] = {}

    def where(self, name: str, *values: Any) -> Query:
        self.chosen[name] = values
        return self

    def finish(self, *tail: Any) -> tuple[Statement, list[Any]]:
        """The statement and its arguments, ``tail`` filling the tail's parameters."""
        names = tuple(n for n in self.filters.conditions if n in self.chosen)
        args = list(self.fixed)
        for name in names:
            args.extend(self.chosen[name])
        args.extend(tail)
        return self.filters._statement(names), args  # its own family
