"""accepted S2S signatures (replay memory)

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "s2s_signatures",
        sa.Column("digest", sa.LargeBinary(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_s2s_signatures")),
    )
    op.create_index(
        "ix_s2s_signatures_accepted_at", "s2s_signatures", ["accepted_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_s2s_signatures_accepted_at", table_name="s2s_signatures")
    op.drop_table("s2s_signatures")
