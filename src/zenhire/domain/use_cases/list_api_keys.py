"""A client's API keys (operator)."""

from __future__ import annotations

from dataclasses import dataclass

from zenhire.domain.model.clients import ApiKey
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.ownership import found
from zenhire.domain.pagination import Page, PageRequest, paginate
from zenhire.domain.ports.api_keys import ApiKeys
from zenhire.domain.ports.clients import Clients
from zenhire.domain.use_cases.get_client import NO_SUCH_CLIENT


@dataclass(frozen=True, slots=True)
class ListApiKeysQuery:
    client_id: ClientId
    include_revoked: bool
    page: PageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class ListApiKeys:
    """A client's API keys (never the key itself), newest first, keyset-paginated; revoked
    keys only with ``include_revoked``. ``last_used_at`` is the start of the newest one-minute
    window in which the key made a request. Unknown client → NOT_FOUND."""

    clients: Clients
    keys: ApiKeys

    async def __call__(self, query: ListApiKeysQuery) -> Page[ApiKey]:
        found(await self.clients.get(query.client_id), NO_SUCH_CLIENT)
        rows = await self.keys.list(query.client_id, query.include_revoked, query.page)
        return paginate(rows, query.page.limit)
