"""A client's ledger (operator)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.ledger import LedgerEntry, LedgerKind
from zenhire.domain.model.ownership import found
from zenhire.domain.pagination import Page, SeqCursor, SeqPageRequest, paginate_by
from zenhire.domain.ports.clients import Clients
from zenhire.domain.ports.credits import Credits
from zenhire.domain.use_cases.get_client import NO_SUCH_CLIENT


@dataclass(frozen=True, slots=True)
class ListLedgerQuery:
    client_id: ClientId
    kind: LedgerKind | None
    page: SeqPageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListLedger:
    """A client's ledger rows, newest ``seq`` first (commit order), optionally of one
    ``kind``, keyset-paginated on ``seq``. Unknown client → NOT_FOUND."""

    clients: Clients
    credits: Credits

    async def __call__(self, query: ListLedgerQuery) -> Page[LedgerEntry]:
        found(await self.clients.get(query.client_id), NO_SUCH_CLIENT)
        rows = await self.credits.list(query.client_id, query.kind, query.page)
        return paginate_by(rows, query.page.limit, lambda e: SeqCursor(e.seq).encode())
