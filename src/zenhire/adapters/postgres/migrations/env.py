"""Alembic environment: runs on the connection that ``migrate.upgrade_to_head`` hands in."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from zenhire.adapters.postgres.tables import metadata

# Any fixed number: concurrent `zenhire migrate` runs queue on it instead of racing.
MIGRATION_LOCK_KEY = 7_204_511_903

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, compare_type=True)
with context.begin_transaction():
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    context.run_migrations()
