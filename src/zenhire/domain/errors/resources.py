"""Resources and what a client may do with them: existence, ownership, personas, credits."""

from __future__ import annotations

from zenhire.domain.errors.base import DomainError


class NotFoundError(DomainError):
    code = "NOT_FOUND"
    default_message = "No such resource."


class ResourceForbiddenError(DomainError):
    code = "RESOURCE_FORBIDDEN"
    default_message = "The resource belongs to another client."


class PersonaArchivedError(DomainError):
    code = "PERSONA_ARCHIVED"
    default_message = "The persona is archived."


class PersonaLimitError(DomainError):
    code = "PERSONA_LIMIT"
    default_message = "The client holds the most active personas allowed; archive one first."

    def __init__(self, limit: int) -> None:
        super().__init__(None, {"limit": limit})


class InsufficientCreditsError(DomainError):
    code = "INSUFFICIENT_CREDITS"
    default_message = "The credit balance is below the minimum to start."

    def __init__(self, balance: int, minimum: int) -> None:
        super().__init__(None, {"balance": balance, "minimum": minimum})
