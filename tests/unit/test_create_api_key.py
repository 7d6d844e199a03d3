"""The checks of minting a key whose rules live in the model: a future expiry, one's own project."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.harness import World
from zenhire.domain import errors
from zenhire.domain.use_cases.create_api_key import CreateApiKey, CreateApiKeyCommand
from zenhire.domain.use_cases.create_project import CreateProject, CreateProjectCommand


@pytest.mark.parametrize("ahead", [timedelta(0), timedelta(seconds=-1)])
async def test_an_expiry_not_in_the_future_is_refused(world: World, ahead: timedelta) -> None:
    tenant = await world.tenant()
    command = CreateApiKeyCommand(client_id=tenant.client_id, expires_at=world.clock.now() + ahead)
    with pytest.raises(errors.InvalidInputError):
        await world.run(CreateApiKey, command)


async def test_an_expiry_in_the_future_is_kept_in_utc(world: World) -> None:
    tenant = await world.tenant()
    expires = world.clock.now() + timedelta(seconds=1)
    issued = await world.run(
        CreateApiKey, CreateApiKeyCommand(client_id=tenant.client_id, expires_at=expires)
    )
    assert issued.key.expires_at == expires


async def test_another_clients_project_is_not_found(world: World) -> None:
    mine, theirs = await world.tenant(), await world.tenant()
    project = await world.run(
        CreateProject, CreateProjectCommand(client_id=theirs.client_id, name="p")
    )
    command = CreateApiKeyCommand(client_id=mine.client_id, project_id=project.id)
    with pytest.raises(errors.NotFoundError, match="No such project for this client"):
        await world.run(CreateApiKey, command)
    own = CreateApiKeyCommand(client_id=theirs.client_id, project_id=project.id)
    assert (await world.run(CreateApiKey, own)).key.project_id == project.id
