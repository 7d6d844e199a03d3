"""Ledger ``seq`` (api.md §5) on both stores: 1, 2, 3, … per client, lists newest ``seq`` first."""

from __future__ import annotations

from tests.harness import World, token_of
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.model.sessions import SessionStatus
from zenhire.domain.use_cases.admin_clients import GetClient, PostCredits, PostCreditsCommand
from zenhire.domain.use_cases.complete_session import CompleteSession, CompleteSessionCommand
from zenhire.domain.use_cases.credits import GetCredits
from zenhire.domain.use_cases.verify_token import VerifyToken, VerifyTokenCommand


def assert_walk(rows: list[LedgerEntry]) -> None:
    """Rows by ``seq``: 1, 2, 3, …, and each balance is the previous one plus ``amount``."""
    by_seq = sorted(rows, key=lambda e: e.seq)
    assert [e.seq for e in by_seq] == list(range(1, len(rows) + 1))
    balance = 0
    for entry in by_seq:
        assert entry.balance_after == balance + entry.amount, entry
        balance = entry.balance_after


async def test_rows_carry_seq_and_list_newest_seq_first(store_world: World) -> None:
    w = store_world
    tenant = await w.tenant(credits=10)
    other = await w.tenant(credits=7)  # seq is per client
    for amount in (5, -2, 30):
        entry = await w.run(
            PostCredits, PostCreditsCommand(client_id=tenant.client_id, amount=amount, reason="r")
        )
        assert isinstance(entry, LedgerEntry)
    issued = await w.start(tenant)
    await w.run(VerifyToken, VerifyTokenCommand(token_of(issued)))
    w.clock.advance(61)  # the interview lasts what it reports (api.md §6.3)
    await w.run(
        CompleteSession,
        CompleteSessionCommand(
            session_id=issued.session.id,
            status=SessionStatus.COMPLETED,
            delivery_id="d",
            duration_sec=61,
        ),
    )
    client = (await w.run(GetClient, tenant.client_id)).client
    rows = (await w.run(GetCredits, client)).recent_transactions
    assert [(e.seq, e.kind, e.amount) for e in rows] == [
        (5, LedgerKind.CHARGE, -2),
        (4, LedgerKind.GRANT, 30),
        (3, LedgerKind.ADJUSTMENT, -2),
        (2, LedgerKind.GRANT, 5),
        (1, LedgerKind.GRANT, 10),
    ]
    assert_walk(rows)
    assert rows[0].balance_after == client.balance == 41
    other_client = (await w.run(GetClient, other.client_id)).client
    assert [e.seq for e in (await w.run(GetCredits, other_client)).recent_transactions] == [1]
