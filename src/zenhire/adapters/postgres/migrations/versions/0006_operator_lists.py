"""operator lists: key last use, list indexes, idempotency keys scoped by caller

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("api_keys", sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_clients_created", "clients", ["created_at", "id"])
    op.create_index("ix_projects_client_created", "projects", ["client_id", "created_at", "id"])
    op.create_index("ix_api_keys_client_created", "api_keys", ["client_id", "created_at", "id"])
    # Idempotency keys belong to a caller: 'client:<id>' for an API key's client, 'admin' for
    # the operator. The table is locked until this commits, so no claim is lost in between.
    op.add_column("idempotency_keys", sa.Column("scope", sa.String(64), nullable=True))
    op.execute("UPDATE idempotency_keys SET scope = 'client:' || client_id::text")
    op.alter_column("idempotency_keys", "scope", nullable=False)
    op.drop_constraint(op.f("pk_idempotency_keys"), "idempotency_keys", type_="primary")
    op.drop_constraint(
        op.f("fk_idempotency_keys_client_id_clients"), "idempotency_keys", type_="foreignkey"
    )
    op.drop_column("idempotency_keys", "client_id")
    op.create_primary_key(op.f("pk_idempotency_keys"), "idempotency_keys", ["scope", "key"])


def downgrade() -> None:
    op.execute("DELETE FROM idempotency_keys WHERE scope NOT LIKE 'client:%'")
    op.add_column(
        "idempotency_keys", sa.Column("client_id", postgresql.UUID(as_uuid=True), nullable=True)
    )
    op.execute("UPDATE idempotency_keys SET client_id = CAST(substr(scope, 8) AS uuid)")
    op.alter_column("idempotency_keys", "client_id", nullable=False)
    op.drop_constraint(op.f("pk_idempotency_keys"), "idempotency_keys", type_="primary")
    op.drop_column("idempotency_keys", "scope")
    op.create_primary_key(op.f("pk_idempotency_keys"), "idempotency_keys", ["client_id", "key"])
    op.create_foreign_key(
        op.f("fk_idempotency_keys_client_id_clients"),
        "idempotency_keys",
        "clients",
        ["client_id"],
        ["id"],
    )
    op.drop_index("ix_api_keys_client_created", table_name="api_keys")
    op.drop_index("ix_projects_client_created", table_name="projects")
    op.drop_index("ix_clients_created", table_name="clients")
    op.drop_column("api_keys", "last_used_at")
