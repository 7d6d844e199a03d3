"""The operator's operations on projects, API keys and re-invites (see ``operations``)."""

from __future__ import annotations

from uuid import UUID

from zenhire.domain.model.ids import ApiKeyId, ClientId, ProjectId, SessionId
from zenhire.domain.pagination import PageRequest
from zenhire.domain.use_cases.admin_keys import (
    CreateApiKey,
    CreateApiKeyCommand,
    CreateProject,
    CreateProjectCommand,
    ListApiKeys,
    ListApiKeysQuery,
    ListProjects,
    ListProjectsQuery,
    RevokeApiKey,
)
from zenhire.domain.use_cases.links import IssuedLink
from zenhire.domain.use_cases.reinvite import ReInvite, ReInviteCommand
from zenhire.entrypoints.http.schemas.access import (
    ApiKeyCreated,
    ApiKeyIn,
    ApiKeyOut,
    ApiKeyPage,
    ProjectIn,
    ProjectOut,
    ProjectPage,
    key_fields,
)


async def create_project(create: CreateProject, client_id: UUID, body: ProjectIn) -> ProjectOut:
    project = await create(CreateProjectCommand(client_id=ClientId(client_id), name=body.name))
    return ProjectOut.of(project)


async def create_api_key(create: CreateApiKey, client_id: UUID, body: ApiKeyIn) -> ApiKeyCreated:
    issued = await create(
        CreateApiKeyCommand(
            client_id=ClientId(client_id),
            project_id=ProjectId(body.project_id) if body.project_id else None,
            expires_at=body.expires_at,
            allowed_ips=body.allowed_ips,
            name=body.name,
            rate_limit_per_minute=body.rate_limit_per_minute,
        )
    )
    return ApiKeyCreated(**key_fields(issued.key), key=issued.raw)


async def revoke_api_key(revoke: RevokeApiKey, key_id: UUID) -> ApiKeyOut:
    return ApiKeyOut.of(await revoke(ApiKeyId(key_id)))


async def reinvite(reinvite_: ReInvite, session_id: UUID) -> IssuedLink:
    return await reinvite_(ReInviteCommand(session_id=SessionId(session_id), client_id=None))


async def list_projects(
    list_: ListProjects, client_id: UUID, *, limit: int, cursor: str | None
) -> ProjectPage:
    query = ListProjectsQuery(ClientId(client_id), PageRequest.of(limit, cursor))
    page = await list_(query)
    return ProjectPage(data=[ProjectOut.of(p) for p in page.items], next_cursor=page.next_cursor)


async def list_api_keys(
    list_: ListApiKeys,
    client_id: UUID,
    *,
    include_revoked: bool,
    limit: int,
    cursor: str | None,
) -> ApiKeyPage:
    query = ListApiKeysQuery(ClientId(client_id), include_revoked, PageRequest.of(limit, cursor))
    page = await list_(query)
    return ApiKeyPage(data=[ApiKeyOut.of(k) for k in page.items], next_cursor=page.next_cursor)
