"""Idempotency keys, failed-login and rate windows, accepted S2S signatures."""

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
    Text,
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

failed_auth_windows = Table(
    "failed_auth_windows",
    metadata,
    Column("caller", Text, primary_key=True),
    Column("started", TS, nullable=False),
    Column("failures", Integer, nullable=False),
    Index("ix_failed_auth_windows_started", "started"),
)

rate_windows = Table(
    "rate_windows",
    metadata,
    Column("key_id", UUID(as_uuid=True), nullable=False),
    Column("window_start", TS, nullable=False),
    Column("count", Integer, nullable=False),
    PrimaryKeyConstraint("key_id", "window_start"),
    Index("ix_rate_windows_window_start", "window_start"),
)

# S2S signatures accepted in the last 2 × the signature window (api.md §6.3). The primary key
# on the digest is what makes "insert first" decide races: one digest, one row, one path.
s2s_signatures = Table(
    "s2s_signatures",
    metadata,
    Column("digest", LargeBinary, nullable=False),
    Column("path", Text, nullable=False),
    Column("accepted_at", TS, nullable=False),
    PrimaryKeyConstraint("digest"),
    Index("ix_s2s_signatures_accepted_at", "accepted_at"),
)
