"""The charge step of a completion: one ledger row for the billed minutes, posted last."""

from __future__ import annotations

from datetime import datetime

from zenhire.domain.model.ids import LedgerEntryId
from zenhire.domain.model.ledger import LedgerKind
from zenhire.domain.model.sessions import Session
from zenhire.domain.policy import Policy
from zenhire.domain.ports.credits import Credits
from zenhire.domain.ports.ids import Ids
from zenhire.domain.ports.webhook_events import WebhookEvents
from zenhire.domain.webhooks.feed import report_low_balance


async def charge_interview(
    credits: Credits,
    ids: Ids,
    webhooks: WebhookEvents,
    policy: Policy,
    session: Session,
    charged: int,
    now: datetime,
) -> None:
    """Post ``-charged`` as the session's ``charge`` row, then ``credits.low`` if it took the
    balance below the minimum to start.

    Last before the commit: the charge takes the client's row, which every admission and
    charge of the client waits for; nothing else is sent while it is held (but the rare
    credits.low event it may cause).
    """
    entry = await credits.post(
        entry_id=LedgerEntryId(ids.new_id()),
        client_id=session.client_id,
        kind=LedgerKind.CHARGE,
        amount=-charged,
        session_id=session.id,
        reason="interview",
        now=now,
    )
    await report_low_balance(webhooks, ids, entry, policy.min_credits_to_start)
