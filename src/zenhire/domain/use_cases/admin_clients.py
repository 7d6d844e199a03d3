"""Compatibility names: each operator use case on clients is its own module."""

from __future__ import annotations

from zenhire.domain.model.clients import KNOWN_PERMISSIONS, Client, ClientView
from zenhire.domain.model.clients import checked_permissions as check_permissions
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.ownership import found
from zenhire.domain.ports.clients import Clients
from zenhire.domain.use_cases.create_client import CreateClient, CreateClientCommand
from zenhire.domain.use_cases.get_client import NO_SUCH_CLIENT, GetClient
from zenhire.domain.use_cases.list_clients import ListClients, ListClientsQuery
from zenhire.domain.use_cases.list_ledger import ListLedger, ListLedgerQuery
from zenhire.domain.use_cases.post_credits import PostCredits, PostCreditsCommand
from zenhire.domain.use_cases.update_client import UpdateClient, UpdateClientCommand

__all__ = [
    "KNOWN_PERMISSIONS",
    "ClientView",
    "CreateClient",
    "CreateClientCommand",
    "GetClient",
    "ListClients",
    "ListClientsQuery",
    "ListLedger",
    "ListLedgerQuery",
    "PostCredits",
    "PostCreditsCommand",
    "UpdateClient",
    "UpdateClientCommand",
    "check_permissions",
    "load_client",
]


async def load_client(clients: Clients, client_id: ClientId) -> Client:
    """The client, or NOT_FOUND."""
    return found(await clients.get(client_id), NO_SUCH_CLIENT)
