"""console users, invites, sessions, login failures, audit trail; overview indexes

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "console_users",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("client_id", UUID(as_uuid=True), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_console_users"),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name="fk_console_users_client_id_clients"
        ),
        sa.UniqueConstraint("email", name="uq_console_users_email"),
        sa.CheckConstraint("role IN ('owner', 'admin', 'viewer')", name="ck_console_users_role"),
    )
    op.create_index("ix_console_users_client", "console_users", ["client_id", "created_at"])
    op.create_table(
        "console_invites",
        sa.Column("digest", sa.LargeBinary(), nullable=False),
        sa.Column("user_id", UUID(as_uuid=True), nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("digest", name="pk_console_invites"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["console_users.id"],
            name="fk_console_invites_user_id_console_users",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_console_invites_user", "console_invites", ["user_id"])
    op.create_table(
        "console_sessions",
        sa.Column("digest", sa.LargeBinary(), nullable=False),
        sa.Column("user_id", UUID(as_uuid=True), nullable=False),
        sa.Column("client_id", UUID(as_uuid=True), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("digest", name="pk_console_sessions"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["console_users.id"],
            name="fk_console_sessions_user_id_console_users",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_console_sessions_user", "console_sessions", ["user_id"])
    op.create_index("ix_console_sessions_client", "console_sessions", ["client_id"])
    op.create_table(
        "console_login_failures",
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("started", TS, nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("email", name="pk_console_login_failures"),
    )
    op.create_table(
        "console_audit",
        sa.Column("id", UUID(as_uuid=True), nullable=False),
        sa.Column("client_id", UUID(as_uuid=True), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("ip", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_console_audit"),
    )
    op.create_index(
        "ix_console_audit_client_created", "console_audit", ["client_id", "created_at", "id"]
    )
    # The overview's 30-day chart counts completions and failures by the day they happened.
    op.create_index(
        "ix_sessions_client_completed",
        "sessions",
        ["client_id", "completed_at"],
        postgresql_where=sa.text("status = 'completed'"),
    )
    op.create_index(
        "ix_sessions_client_failed",
        "sessions",
        ["client_id", "ended_at"],
        postgresql_where=sa.text("status = 'failed'"),
    )


def downgrade() -> None:
    op.drop_index("ix_sessions_client_failed", table_name="sessions")
    op.drop_index("ix_sessions_client_completed", table_name="sessions")
    op.drop_table("console_audit")
    op.drop_table("console_login_failures")
    op.drop_table("console_sessions")
    op.drop_table("console_invites")
    op.drop_table("console_users")
