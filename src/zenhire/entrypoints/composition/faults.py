"""Each store's ``StorageFaults``: what its driver errors mean in domain terms."""

from __future__ import annotations

from dishka import Provider, Scope, provide

from zenhire.domain.errors import DomainError
from zenhire.entrypoints.settings import Settings
from zenhire.entrypoints.storage_faults import StorageFaults


def _none(error: BaseException, /) -> DomainError | None:  # noqa: ARG001
    return None  # the memory store raises domain errors only


def storage_faults(settings: Settings) -> StorageFaults:
    """The store's translation: Postgres maps transient SQLSTATEs and lost connections to
    ``StorageUnavailableError`` (``adapters.postgres.faults``); memory has none."""
    if settings.in_memory:
        return _none
    from zenhire.adapters.postgres.connection import translate

    return translate


def is_storage_failure(error: BaseException) -> bool:
    """Whether a command's failure came from the database (only one that loaded it can)."""
    import sys

    if "sqlalchemy" not in sys.modules:
        return False
    from zenhire.adapters.postgres.connection import translate

    return translate(error) is not None


class FaultsProvider(Provider):
    """The store's ``StorageFaults``, for the sweeper (the app takes it at build time)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(scope=Scope.APP)
        self._faults = storage_faults(settings)

    @provide
    def faults(self) -> StorageFaults:
        return self._faults
