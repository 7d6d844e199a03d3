"""Clients, their projects, API keys and credit ledger."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
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
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from zenhire.adapters.postgres.tables.base import TS, metadata

clients = Table(
    "clients",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("permissions", ARRAY(Text), nullable=False),
    Column("max_concurrent_interviews", Integer, nullable=False),
    Column("balance", BigInteger, nullable=False, server_default=text("0")),
    Column("created_at", TS, nullable=False),
    # ``seq`` of the client's newest ledger row; raised under the row lock that moves balance.
    Column("ledger_seq", BigInteger, nullable=False, server_default=text("0")),
    # Raised by every admission and hold-off, so that one decided on an older read of the
    # row fails its check (migration 0012, docs/locking.md).
    Column("admission_seq", BigInteger, nullable=False, server_default=text("0")),
    CheckConstraint("max_concurrent_interviews >= 1", name="cap_positive"),
    Index("ix_clients_created", "created_at", "id"),
)

projects = Table(
    "projects",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("client_id", UUID(as_uuid=True), ForeignKey("clients.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("created_at", TS, nullable=False),
    Index("ix_projects_client_created", "client_id", "created_at", "id"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("client_id", UUID(as_uuid=True), ForeignKey("clients.id"), nullable=False),
    Column("project_id", UUID(as_uuid=True), ForeignKey("projects.id"), nullable=True),
    Column("digest", LargeBinary(32), nullable=False),
    Column("prefix", String(32), nullable=False),
    Column("name", String(200), nullable=True),
    Column("expires_at", TS, nullable=True),
    Column("allowed_ips", ARRAY(Text), nullable=False),
    Column("rate_limit_per_minute", Integer, nullable=False),
    Column("created_at", TS, nullable=False),
    Column("revoked_at", TS, nullable=True),
    # Start of the newest one-minute rate window in which the key made a request.
    Column("last_used_at", TS, nullable=True),
    UniqueConstraint("digest"),
    Index("ix_api_keys_client_created", "client_id", "created_at", "id"),
)

ledger_entries = Table(
    "ledger_entries",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("client_id", UUID(as_uuid=True), ForeignKey("clients.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("balance_after", BigInteger, nullable=False),
    Column("session_id", UUID(as_uuid=True), nullable=True),
    Column("reason", String(500), nullable=True),
    Column("created_at", TS, nullable=False),
    Column("seq", BigInteger, nullable=False),  # the client's 1, 2, 3, … in commit order
    CheckConstraint("kind IN ('grant', 'adjustment', 'charge')", name="kind"),
    CheckConstraint("amount <> 0", name="amount_nonzero"),
    Index("ix_ledger_entries_client_created", "client_id", "created_at"),
    UniqueConstraint("client_id", "seq"),  # also the index of newest-first lists
)
# At most one charge per session: a retried or racing completion can never bill twice.
Index(
    "uq_ledger_entries_charge_session",
    ledger_entries.c.session_id,
    unique=True,
    postgresql_where=text("kind = 'charge'"),
)
