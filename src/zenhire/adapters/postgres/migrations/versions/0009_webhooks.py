"""webhooks: endpoints, the event outbox and deliveries

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_UPGRADE = (
    """
    CREATE TABLE webhook_endpoints (
        id uuid NOT NULL,
        client_id uuid NOT NULL,
        url text NOT NULL,
        events text[] NOT NULL,
        description text,
        enabled boolean NOT NULL,
        disabled_reason text,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        failing_since timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz,
        CONSTRAINT pk_webhook_endpoints PRIMARY KEY (id),
        CONSTRAINT fk_webhook_endpoints_client_id_clients
            FOREIGN KEY (client_id) REFERENCES clients (id)
    )
    """,
    """
    CREATE INDEX ix_webhook_endpoints_client_id ON webhook_endpoints (client_id)
        WHERE deleted_at IS NULL
    """,
    """
    CREATE TABLE webhook_events (
        id uuid NOT NULL,
        client_id uuid NOT NULL,
        type text NOT NULL,
        session_id uuid,
        created_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        CONSTRAINT pk_webhook_events PRIMARY KEY (id)
    )
    """,
    """
    CREATE INDEX ix_webhook_events_client_created
        ON webhook_events (client_id, created_at, id)
    """,
    """
    CREATE INDEX ix_webhook_events_created_at ON webhook_events (created_at)
    """,
    """
    CREATE TABLE webhook_deliveries (
        id uuid NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        endpoint_id uuid NOT NULL,
        client_id uuid NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        claim_token bigint NOT NULL DEFAULT 0,
        CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
        CONSTRAINT fk_webhook_deliveries_event_id_webhook_events
            FOREIGN KEY (event_id) REFERENCES webhook_events (id) ON DELETE CASCADE,
        CONSTRAINT fk_webhook_deliveries_endpoint_id_webhook_endpoints
            FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id),
        CONSTRAINT ck_webhook_deliveries_status
            CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled'))
    )
    """,
    """
    CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
        WHERE status = 'pending'
    """,
    """
    CREATE INDEX ix_webhook_deliveries_endpoint_due
        ON webhook_deliveries (endpoint_id, next_attempt_at) WHERE status = 'pending'
    """,
    """
    CREATE INDEX ix_webhook_deliveries_endpoint_created
        ON webhook_deliveries (endpoint_id, created_at, id)
    """,
    """
    CREATE INDEX ix_webhook_deliveries_event_id ON webhook_deliveries (event_id)
    """,
    """
    CREATE SEQUENCE webhook_claim_tokens
    """,
)


def upgrade() -> None:
    for statement in _UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    for table in ("webhook_deliveries", "webhook_events", "webhook_endpoints"):
        op.execute(f"DROP TABLE {table}")
    op.execute("DROP SEQUENCE webhook_claim_tokens")
