"""admission_state(): the client row locked and its live count and line read after the lock,
in one statement

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# One statement cannot lock a row and then read other rows as they are after the lock: it
# reads with the snapshot taken when it started, before it waited. A VOLATILE PL/pgSQL
# function takes a new snapshot for each statement it runs, so the count and the line below
# see every admission committed before the lock was granted (under READ COMMITTED), and the
# caller sends one statement where it sent two (docs/locking.md).
UPGRADE = """
CREATE FUNCTION admission_state(p_client uuid)
RETURNS TABLE (client clients, live bigint, session_id uuid, enqueued_at timestamptz,
               last_seen_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $fn$
#variable_conflict use_column
DECLARE
    locked clients;
BEGIN
    SELECT * INTO locked FROM clients AS c WHERE c.id = p_client FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT locked,
               (SELECT count(*) FROM sessions AS s
                WHERE s.client_id = p_client AND s.status = 'active'),
               w.session_id, w.enqueued_at, w.last_seen_at
        FROM (SELECT 1) AS one
        LEFT JOIN waiters AS w ON w.client_id = p_client
        ORDER BY w.seq;
END
$fn$
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute("DROP FUNCTION admission_state(uuid)")
