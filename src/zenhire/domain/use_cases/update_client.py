"""Change a client's settings (operator)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zenhire.domain.model.clients import ClientChanges, ClientView, checked_permissions
from zenhire.domain.model.ids import ClientId
from zenhire.domain.model.ownership import found
from zenhire.domain.ports.clients import Clients
from zenhire.domain.ports.unit_of_work import UnitOfWork
from zenhire.domain.use_cases.get_client import NO_SUCH_CLIENT


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateClientCommand:
    client_id: ClientId
    name: str | None = None
    max_concurrent_interviews: int | None = None
    permissions: Sequence[str] | None = None
    active: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateClient:
    """Change any of name, cap, permissions, active; omitted fields stay as they are.

    In order: an unknown permission → INVALID_INPUT; unknown client → NOT_FOUND. Only the
    fields sent are written, atomically, so two operators changing different fields at the
    same time both keep their change. Lowering the cap below the live count ends no
    interview; it only stops new admissions.
    """

    clients: Clients
    uow: UnitOfWork

    async def __call__(self, command: UpdateClientCommand) -> ClientView:
        permissions = command.permissions
        changes = ClientChanges(
            name=command.name,
            max_concurrent_interviews=command.max_concurrent_interviews,
            permissions=None if permissions is None else checked_permissions(permissions),
            active=command.active,
        )
        client = found(await self.clients.update(command.client_id, changes), NO_SUCH_CLIENT)
        await self.uow.commit()
        return ClientView(client, await self.clients.live_count(client.id))
