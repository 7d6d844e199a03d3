"""Failures of the store, and writes that lost a race."""

from __future__ import annotations

from zenhire.domain.errors.base import DomainError


class StorageUnavailableError(DomainError):
    code = "STORAGE_UNAVAILABLE"
    default_message = "The database is unreachable; retry shortly."


class AdmissionStateChangedError(Exception):
    """An admission decided on a read of its client that another transaction has since
    changed; nothing it wrote was kept. Not an answer of the API: only ``WaitingLine.read``
    leads to it, and its one caller (``VerifyToken``) decides again on a fresh read."""


class ConflictError(DomainError):
    """A write lost a race it cannot recover from (e.g. a unique constraint)."""

    code = "CONFLICT"
    default_message = "The request conflicts with the current state; retry."
