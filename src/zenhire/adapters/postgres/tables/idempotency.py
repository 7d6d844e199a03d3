"""Idempotency keys: the first answer to a request sent with an ``Idempotency-Key``."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
)
from sqlalchemy.dialects.postgresql import UUID

from zenhire.adapters.postgres.tables.base import TS, metadata

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("scope", String(64), nullable=False),  # 'client:<id>' or 'admin' (whose key it is)
    Column("key", String(255), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("running", Boolean, nullable=False),
    Column("status_code", Integer, nullable=True),
    Column("body", LargeBinary, nullable=True),
    Column("session_id", UUID(as_uuid=True), nullable=True),
    Column("created_at", TS, nullable=False),
    PrimaryKeyConstraint("scope", "key"),
    Index("ix_idempotency_keys_created", "created_at"),
)
