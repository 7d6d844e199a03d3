"""The use case's unit of work over the request's transaction."""

from __future__ import annotations

from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.ports import UnitOfWork


class PostgresUnitOfWork(UnitOfWork):
    """Commits or rolls back what the request's first write or lock opened (if anything);
    storage failures arrive already translated (``faults.storage_errors``)."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    def holds_work(self) -> bool:
        return self.tx.holds_work

    async def commit(self) -> None:
        await self.tx.commit()

    async def rollback(self) -> None:
        await self.tx.rollback()

    async def release(self) -> None:
        await self.tx.release()
