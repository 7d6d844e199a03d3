"""The dispatcher's outcome writer: attempts' outcomes written in batches."""

from __future__ import annotations

import asyncio
from typing import Final

import structlog
from dishka import AsyncContainer

from zenhire.domain.ports.webhook_deliveries import AttemptRecord
from zenhire.domain.webhooks.dispatch import RecordAttempts

log = structlog.get_logger("zenhire.webhooks")
RECORD_BATCH: Final = 200


class OutcomeRecorder:
    """Writes outcomes in batches: attempts finishing while a batch is being written join the
    next one, so a busy dispatcher spends one transaction on many outcomes."""

    def __init__(self, container: AsyncContainer) -> None:
        self._container = container
        self._waiting: list[tuple[AttemptRecord, asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, record: AttemptRecord) -> bool:
        """True once written; False if the claim was overtaken or the write failed."""
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((record, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        return await done

    async def _write(self) -> None:
        await asyncio.sleep(0)  # outcomes of the same moment share the batch
        while self._waiting:
            batch, self._waiting = self._waiting[:RECORD_BATCH], self._waiting[RECORD_BATCH:]
            try:
                async with self._container() as scope:
                    written = await (await scope.get(RecordAttempts))([r for r, _ in batch])
            except Exception as error:  # the leases end and the deliveries are due again
                log.warning(
                    "webhook_record_failed",
                    attempts=len(batch),
                    error_type=type(error).__name__,
                    error=str(error.__cause__ or error)[:200],
                )
                written = set()
            for record, done in batch:
                if not done.done():
                    done.set_result(record.delivery_id in written)
