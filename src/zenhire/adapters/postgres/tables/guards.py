"""Abuse guards: failed-login and rate windows, accepted S2S signatures."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import UUID

from zenhire.adapters.postgres.tables.base import TS, metadata

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
