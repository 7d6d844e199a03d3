"""ledger rows numbered per client in commit order (seq)

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, UUID

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# How far ahead of time order the backfill looks for the row that continues the balance chain:
# rows that raced for the lock were stamped milliseconds apart, never far.
LOOKAHEAD = 64


def chain_order(rows: Sequence[Any]) -> list[Any]:
    """Rows (``amount``, ``balance_after``, in time order) in the order their balances chain.

    Rows written before ``seq`` existed were stamped before they took the client's lock, so
    time order may swap rows that raced. Each step takes the earliest row (within
    ``LOOKAHEAD``) whose ``balance_after - amount`` is the running balance; when none does
    (history that never chained), the earliest row, and the walk continues from it.
    """
    pending = list(rows)
    ordered: list[Any] = []
    balance = 0
    while pending:
        pick = next(
            (
                i
                for i, row in enumerate(pending[:LOOKAHEAD])
                if row.balance_after - row.amount == balance
            ),
            0,
        )
        row = pending.pop(pick)
        ordered.append(row)
        balance = row.balance_after
    return ordered


def backfill() -> None:
    bind = op.get_bind()
    numbered = sa.text(
        "UPDATE ledger_entries AS l SET seq = v.seq"
        " FROM unnest(CAST(:ids AS uuid[]), CAST(:seqs AS bigint[])) AS v(id, seq)"
        " WHERE l.id = v.id"
    ).bindparams(
        sa.bindparam("ids", type_=ARRAY(UUID(as_uuid=True))),
        sa.bindparam("seqs", type_=ARRAY(sa.BigInteger)),
    )
    client_ids = bind.execute(sa.text("SELECT DISTINCT client_id FROM ledger_entries")).scalars()
    for client_id in list(client_ids):
        rows = bind.execute(
            sa.text(
                "SELECT id, amount, balance_after FROM ledger_entries"
                " WHERE client_id = :client ORDER BY created_at, id"
            ),
            {"client": client_id},
        ).all()
        ordered = chain_order(rows)
        bind.execute(
            numbered, {"ids": [r.id for r in ordered], "seqs": list(range(1, len(ordered) + 1))}
        )


def upgrade() -> None:
    # Both tables are locked (ACCESS EXCLUSIVE) until this commits, so no row is written
    # between the backfill and the constraints.
    op.add_column(
        "clients",
        sa.Column("ledger_seq", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
    )
    op.add_column("ledger_entries", sa.Column("seq", sa.BigInteger(), nullable=True))
    backfill()
    op.execute(
        "UPDATE clients AS c SET ledger_seq = l.top"
        " FROM (SELECT client_id, max(seq) AS top FROM ledger_entries GROUP BY client_id) AS l"
        " WHERE c.id = l.client_id"
    )
    op.alter_column("ledger_entries", "seq", nullable=False)
    op.create_unique_constraint(
        op.f("uq_ledger_entries_client_id_seq"), "ledger_entries", ["client_id", "seq"]
    )


def downgrade() -> None:
    op.drop_constraint(op.f("uq_ledger_entries_client_id_seq"), "ledger_entries", type_="unique")
    op.drop_column("ledger_entries", "seq")
    op.drop_column("clients", "ledger_seq")
