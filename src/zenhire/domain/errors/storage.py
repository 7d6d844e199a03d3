"""Failures of the store, and writes that lost a race."""

from __future__ import annotations

from zenhire.domain.errors.base import DomainError


class StorageUnavailableError(DomainError):
    code = "STORAGE_UNAVAILABLE"
    default_message = "The database is unreachable; retry shortly."


class ConflictError(DomainError):
    """A write lost a race it cannot recover from (e.g. a unique constraint)."""

    code = "CONFLICT"
    default_message = "The request conflicts with the current state; retry."
