"""Readiness: the database answers, and its schema is the newest this code ships."""

from __future__ import annotations

from collections.abc import Mapping

from zenhire.adapters.postgres.connection import translate
from zenhire.adapters.postgres.schema import ExpectedSchema, SchemaStatus, read_revision
from zenhire.adapters.postgres.transaction import Transaction
from zenhire.domain.errors import StorageUnavailableError
from zenhire.domain.ports import Readiness


class PostgresReadiness(Readiness):
    """One query on the request's connection: reachable, and at the newest revision."""

    def __init__(self, tx: Transaction, expected: ExpectedSchema) -> None:
        self.tx = tx
        self.expected = expected

    async def check(self) -> Mapping[str, str]:
        try:
            current = await read_revision(self.tx.fetchrow)
        except Exception as error:
            if translate(error) is None:
                raise
            raise StorageUnavailableError(
                details={"checks": {"database": "unavailable", "schema": "unknown"}}
            ) from error
        status = SchemaStatus(current=current, expected=self.expected.revision)
        if status.state != "ok":
            raise StorageUnavailableError(
                "The database schema is not at the newest migration; run `zenhire migrate`.",
                details={
                    "checks": {"database": "ok", "schema": status.state},
                    "schema_revision": {"current": status.current, "expected": status.expected},
                },
            )
        return {"database": "ok", "schema": "ok"}
