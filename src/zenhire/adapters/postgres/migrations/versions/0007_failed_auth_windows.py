"""failed authentication attempts per caller (api.md §10.2)

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "failed_auth_windows",
        sa.Column("caller", sa.Text(), nullable=False),
        sa.Column("started", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("caller", name=op.f("pk_failed_auth_windows")),
    )
    op.create_index(
        "ix_failed_auth_windows_started", "failed_auth_windows", ["started"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_failed_auth_windows_started", table_name="failed_auth_windows")
    op.drop_table("failed_auth_windows")
