"""Personas, sessions, their events and deliveries, and the waiting line."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Identity,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from zenhire.adapters.postgres.tables.base import TS, metadata

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
# The console overview's 30-day chart counts completions and failures by the day they happened.
Index(
    "ix_sessions_client_completed",
    sessions.c.client_id,
    sessions.c.completed_at,
    postgresql_where=text("status = 'completed'"),
)
Index(
    "ix_sessions_client_failed",
    sessions.c.client_id,
    sessions.c.ended_at,
    postgresql_where=text("status = 'failed'"),
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
