"""Postgres adapter for completion deliveries (one row per session and delivery id)."""

from __future__ import annotations

from typing import Final

from zenhire.adapters.postgres import rows
from zenhire.adapters.postgres.statements import columns, placeholders, read, write
from zenhire.adapters.postgres.tables import deliveries
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.model.deliveries import Delivery
from zenhire.domain.model.ids import SessionId
from zenhire.domain.ports import Deliveries

_COLUMNS: Final = columns(deliveries)
GET: Final = read(f"SELECT {_COLUMNS} FROM deliveries WHERE session_id = $1 AND delivery_id = $2")
ADD: Final = write(f"INSERT INTO deliveries ({_COLUMNS}) VALUES ({placeholders(6)})")


class PostgresDeliveries(Deliveries):
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def get(self, session_id: SessionId, delivery_id: str) -> Delivery | None:
        row = await self.tx.fetchrow(GET, session_id, delivery_id)
        return None if row is None else rows.delivery(row)

    async def add(self, delivery: Delivery) -> None:
        self.tx.stage(
            ADD,
            delivery.session_id,
            delivery.delivery_id,
            delivery.fingerprint,
            delivery.status.value,
            delivery.charged,
            delivery.created_at,
        )
