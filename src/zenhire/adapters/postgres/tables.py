"""SQLAlchemy Core tables. Constraint names are explicit so errors map to domain errors."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
TS = DateTime(timezone=True)

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

personas = Table(
    "personas",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("client_id", UUID(as_uuid=True), ForeignKey("clients.id"), nullable=False),
    Column("role_name", String(200), nullable=False),
    Column("language", String(64), nullable=False),
    Column("system_prompt", Text, nullable=False),
    Column("base_prompt_override", Text, nullable=True),
    Column("status", String(16), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    Index("ix_personas_client_created", "client_id", "created_at", "id"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("client_id", UUID(as_uuid=True), ForeignKey("clients.id"), nullable=False),
    Column("persona_id", UUID(as_uuid=True), ForeignKey("personas.id"), nullable=False),
    Column("project_id", UUID(as_uuid=True), ForeignKey("projects.id"), nullable=True),
    Column("candidate_ref", String(256), nullable=True),
    Column("consent_mode", String(16), nullable=False),
    Column("tags", ARRAY(Text), nullable=True),
    Column("metadata", JSONB, nullable=True),
    Column("token_digest", LargeBinary(32), nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("created_at", TS, nullable=False),
    Column("status", String(16), nullable=False),
    Column("error_code", String(64), nullable=True),
    Column("source", String(32), nullable=False),
    Column("invite_count", Integer, nullable=False),
    Column("started_at", TS, nullable=True),
    Column("deadline_at", TS, nullable=True),
    Column("ended_at", TS, nullable=True),
    Column("completed_at", TS, nullable=True),
    Column("duration_sec", Integer, nullable=True),
    Column("credit_charged", BigInteger, nullable=True),
    Column("recording_s3_key", String(1024), nullable=True),
    Column("transcript_s3_key", String(1024), nullable=True),
    Column("interview_svc_session_id", String(255), nullable=True),
    Column("feedback", JSONB, nullable=True),
    UniqueConstraint("token_digest"),
    CheckConstraint("status IN ('initiated', 'active', 'completed', 'failed')", name="status"),
    CheckConstraint("status <> 'active' OR deadline_at IS NOT NULL", name="active_deadline"),
    Index("ix_sessions_client_created", "client_id", "created_at", "id"),
    Index("ix_sessions_client_persona_created", "client_id", "persona_id", "created_at", "id"),
    Index("ix_sessions_tags", "tags", postgresql_using="gin"),
)
# Partial indexes for the admission count and the sweeper's two scans.
Index("ix_sessions_live", sessions.c.client_id, postgresql_where=text("status = 'active'"))
Index("ix_sessions_overdue", sessions.c.deadline_at, postgresql_where=text("status = 'active'"))
Index(
    "ix_sessions_link_expiry",
    sessions.c.expires_at,
    postgresql_where=text("status = 'initiated'"),
)

session_events = Table(
    "session_events",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("session_id", UUID(as_uuid=True), ForeignKey("sessions.id"), nullable=False),
    Column("type", String(32), nullable=False),
    Column("at", TS, nullable=False),
    Column("data", JSONB, nullable=False),
    Index("ix_session_events_session", "session_id", "id"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("session_id", UUID(as_uuid=True), ForeignKey("sessions.id"), nullable=False),
    Column("delivery_id", String(255), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("status", String(16), nullable=False),
    Column("charged", BigInteger, nullable=False),
    Column("created_at", TS, nullable=False),
    PrimaryKeyConstraint("session_id", "delivery_id"),
)

waiters = Table(
    "waiters",
    metadata,
    Column("session_id", UUID(as_uuid=True), ForeignKey("sessions.id"), primary_key=True),
    Column("client_id", UUID(as_uuid=True), ForeignKey("clients.id"), nullable=False),
    Column("seq", BigInteger, Identity(), nullable=False),
    Column("enqueued_at", TS, nullable=False),
    Column("last_seen_at", TS, nullable=False),
    Index("ix_waiters_client_seq", "client_id", "seq"),
    Index("ix_waiters_last_seen", "last_seen_at"),
)

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
