"""Webhook endpoints, the event outbox and deliveries (migration 0009)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from zenhire.adapters.postgres.tables.base import TS, metadata

webhook_endpoints = Table(
    "webhook_endpoints",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("client_id", UUID(as_uuid=True), ForeignKey("clients.id"), nullable=False),
    Column("url", Text, nullable=False),
    Column("events", ARRAY(Text), nullable=False),
    Column("description", Text, nullable=True),
    Column("enabled", Boolean, nullable=False),
    Column("disabled_reason", Text, nullable=True),
    Column("secret", Text, nullable=False),
    Column("previous_secret", Text, nullable=True),
    Column("previous_secret_expires_at", TS, nullable=True),
    Column("failing_since", TS, nullable=True),
    Column("created_at", TS, nullable=False),
    Column("updated_at", TS, nullable=False),
    Column("deleted_at", TS, nullable=True),
    Index(
        "ix_webhook_endpoints_client_id", "client_id", postgresql_where=text("deleted_at IS NULL")
    ),
)

webhook_events = Table(
    "webhook_events",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("type", Text, nullable=False),
    Column("session_id", UUID(as_uuid=True), nullable=True),
    Column("created_at", TS, nullable=False),
    Column("data", JSONB, nullable=False),
    Index("ix_webhook_events_client_created", "client_id", "created_at", "id"),
    Index("ix_webhook_events_created_at", "created_at"),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column(
        "event_id",
        UUID(as_uuid=True),
        ForeignKey("webhook_events.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("event_type", Text, nullable=False),
    Column("endpoint_id", UUID(as_uuid=True), ForeignKey("webhook_endpoints.id"), nullable=False),
    Column("client_id", UUID(as_uuid=True), nullable=False),
    Column("status", Text, nullable=False),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("last_attempt_at", TS, nullable=True),
    Column("last_status_code", Integer, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("next_attempt_at", TS, nullable=True),
    Column("delivered_at", TS, nullable=True),
    Column("created_at", TS, nullable=False),
    # Stamped from the sequence ``webhook_claim_tokens`` by every claim (``webhook_dispatch``).
    Column("claim_token", BigInteger, nullable=False, server_default=text("0")),
    CheckConstraint("status IN ('pending', 'delivered', 'failed', 'cancelled')", name="status"),
    Index(
        "ix_webhook_deliveries_due", "next_attempt_at", postgresql_where=text("status = 'pending'")
    ),
    Index(
        "ix_webhook_deliveries_endpoint_due",
        "endpoint_id",
        "next_attempt_at",
        postgresql_where=text("status = 'pending'"),
    ),
    Index("ix_webhook_deliveries_endpoint_created", "endpoint_id", "created_at", "id"),
    Index("ix_webhook_deliveries_event_id", "event_id"),
)
