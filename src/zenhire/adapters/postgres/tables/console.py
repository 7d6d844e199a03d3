"""Console users, their invites and sessions, login failures and the audit trail (0010)."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import UUID

from zenhire.adapters.postgres.tables.base import TS, metadata

console_users = Table(
    "console_users",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("client_id", UUID(as_uuid=True), ForeignKey("clients.id"), nullable=False),
    Column("email", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=True),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("email"),
    CheckConstraint("role IN ('owner', 'admin', 'viewer')", name="role"),
    Index("ix_console_users_client", "client_id", "created_at"),
)

console_invites = Table(
    "console_invites",
    metadata,
    Column("digest", LargeBinary, primary_key=True),
    Column(
        "user_id",
        UUID(as_uuid=True),
        ForeignKey("console_users.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("expires_at", TS, nullable=False),
    Index("ix_console_invites_user", "user_id"),
)

console_sessions = Table(
    "console_sessions",
    metadata,
    Column("digest", LargeBinary, primary_key=True),
    Column(
        "user_id",
        UUID(as_uuid=True),
        ForeignKey("console_users.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("last_seen_at", TS, nullable=False),
    Index("ix_console_sessions_user", "user_id"),
    Index("ix_console_sessions_client", "client_id"),
)

console_login_failures = Table(
    "console_login_failures",
    metadata,
    Column("email", Text, primary_key=True),
    Column("started", TS, nullable=False),
    Column("failures", Integer, nullable=False),
)

console_audit = Table(
    "console_audit",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(32), nullable=False),
    Column("subject", Text, nullable=False),
    Column("ip", Text, nullable=True),
    Index("ix_console_audit_client_created", "client_id", "created_at", "id"),
)
