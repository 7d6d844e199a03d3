"""The base of every domain error, and the invalid-input family.

The domain knows codes, never HTTP statuses; ``entrypoints.http.errors`` maps each class to
its status. ``details`` carries the code-specific, secret-free extra data of the envelope.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


class DomainError(Exception):
    """Base of every expected failure; ``code`` is the stable public catalog string."""

    code: ClassVar[str] = "INTERNAL_ERROR"
    default_message: ClassVar[str] = "Internal error."

    def __init__(self, message: str | None = None, details: Mapping[str, Any] | None = None):
        self.message = message or self.default_message
        self.details = dict(details) if details else None
        super().__init__(self.message)


class FieldProblem:
    """One invalid input field: its dotted path and what is wrong with it."""

    __slots__ = ("field", "problem")

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "problem": self.problem}


class InvalidInputError(DomainError):
    code = "INVALID_INPUT"
    default_message = "The request is invalid."

    def __init__(self, problems: list[FieldProblem], message: str | None = None) -> None:
        super().__init__(message, {"fields": [p.as_dict() for p in problems]})
        self.problems = problems


def invalid(field: str, problem: str) -> InvalidInputError:
    """Shorthand for a one-field ``InvalidInputError``."""
    return InvalidInputError([FieldProblem(field, problem)])


class InvalidCursorError(DomainError):
    code = "INVALID_CURSOR"
    default_message = "The cursor cannot be decoded."
