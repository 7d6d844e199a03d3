"""What a store's own failures mean, for code that meets one outside the adapter.

The composition root provides one per store (``composition.faults``); the app's error
handler, the sweeper and the CLI ask it instead of knowing any database library.
"""

from __future__ import annotations

from typing import Protocol

from zenhire.domain.errors import DomainError


class StorageFaults(Protocol):
    def __call__(self, error: BaseException, /) -> DomainError | None:
        """The domain error ``error`` stands for (``StorageUnavailableError`` for a failure
        that may pass by itself), or None when it is not the store's: a bug."""
        ...
