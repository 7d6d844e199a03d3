"""sessions listed by persona, newest first

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Lists filtered by persona (a job's interviews) read one index range in page order
    # instead of walking every session of the client.
    op.create_index(
        "ix_sessions_client_persona_created",
        "sessions",
        ["client_id", "persona_id", "created_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_sessions_client_persona_created", table_name="sessions")
