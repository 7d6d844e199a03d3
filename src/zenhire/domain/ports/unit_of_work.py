"""The unit of work: one per request; the use case commits once."""

from __future__ import annotations

from typing import Protocol


class UnitOfWork(Protocol):
    def holds_work(self) -> bool:
        """True while writes or locks of this unit await its commit or rollback: a rollback
        now would discard more than what the current use case did."""
        ...

    async def commit(self) -> None:
        """Make every write of this unit visible atomically and release its locks; a new unit
        begins on next use. A constraint broken at commit raises its own domain error."""
        ...

    async def rollback(self) -> None:
        """Discard every write since the last commit and release its locks."""
        ...

    async def release(self) -> None:
        """Roll back what is not committed and give the store back before the request ends
        (a long streamed response must hold no lock or connection); nothing may use the
        store's adapters in this unit of work afterwards."""
        ...
