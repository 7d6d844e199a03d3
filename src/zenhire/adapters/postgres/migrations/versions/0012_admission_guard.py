"""Admissions decided without the client row: clients.admission_seq and admission_unchanged()

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# An admission reads its client's ``admission_seq``, live count and line without a lock,
# decides, and sends its writes together with an UPDATE of the client row that raises
# ``admission_seq`` and whose condition calls this function, which (docs/locking.md):
# - takes the client row without waiting: held by another transaction, it fails at once;
# - fails if another admission or hold-off committed since the read (the sequence moved on),
#   or if the client no longer admits as it was read (``p_same``: active, permissions and cap
#   unchanged, the balance not below the minimum to start).
# Each failure is SQLSTATE ZH409, and the admission decides again. The client is compared
# first so that nothing runs on another client's row, whatever order the planner evaluates
# the conditions in.
UPGRADE = """
CREATE FUNCTION admission_unchanged(p_row uuid, p_client uuid, p_seen bigint, p_now bigint,
                                    p_same boolean)
RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
    IF p_row IS DISTINCT FROM p_client THEN
        RETURN false;
    END IF;
    BEGIN
        PERFORM 1 FROM clients WHERE id = p_client FOR NO KEY UPDATE NOWAIT;
    EXCEPTION WHEN lock_not_available THEN
        RAISE EXCEPTION 'another admission of the client is being written'
            USING ERRCODE = 'ZH409';
    END;
    IF p_seen IS DISTINCT FROM p_now OR p_same IS NOT TRUE THEN
        RAISE EXCEPTION 'the client''s admission state changed since it was read'
            USING ERRCODE = 'ZH409';
    END IF;
    RETURN true;
END
$fn$
"""


def upgrade() -> None:
    op.add_column(
        "clients",
        sa.Column("admission_seq", sa.BigInteger(), nullable=False, server_default=sa.text("0")),
    )
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute("DROP FUNCTION admission_unchanged(uuid, uuid, bigint, bigint, boolean)")
    op.drop_column("clients", "admission_seq")
