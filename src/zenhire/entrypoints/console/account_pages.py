"""Projects and API keys, and credits."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Response, Template

from zenhire.domain import limits
from zenhire.domain.console.model import AuditAction
from zenhire.domain.console.use_cases.audit import RecordChange
from zenhire.domain.console.use_cases.keys import RevokeOwnKey, own_key
from zenhire.domain.console.use_cases.rotate_key import RotateOwnKey
from zenhire.domain.errors import invalid
from zenhire.domain.model.ids import ApiKeyId, ProjectId
from zenhire.domain.pagination import PageRequest, SeqPageRequest
from zenhire.domain.ports import ApiKeys, Clients
from zenhire.domain.use_cases.admin_clients import ListLedger, ListLedgerQuery, load_client
from zenhire.domain.use_cases.admin_keys import (
    CreateApiKey,
    CreateApiKeyCommand,
    CreateProject,
    CreateProjectCommand,
    ListApiKeys,
    ListApiKeysQuery,
)
from zenhire.domain.use_cases.credits import GetCredits
from zenhire.entrypoints.console.lookups import LOOKUP_MAX, project_names
from zenhire.entrypoints.console.session_pages import _uuid
from zenhire.entrypoints.console.web import changing_form, container, page, see_other, signed_in


def _name(values: dict[str, str], field: str, required: bool) -> str | None:
    text = values.get(field, "").strip()
    if not text and not required:
        return None
    if not 1 <= len(text) <= limits.NAME_MAX:
        raise invalid(field, f"1 to {limits.NAME_MAX} characters")
    return text


@get("/keys", include_in_schema=False)
async def keys(request: Request[Any, Any, Any]) -> Template:
    actor = await signed_in(request)
    scope = container(request)
    show_revoked = request.query_params.get("revoked") == "1"
    listed = await (await scope.get(ListApiKeys))(
        ListApiKeysQuery(actor.client_id, show_revoked, PageRequest(LOOKUP_MAX))
    )
    return page(
        request,
        "keys.html",
        keys=listed.items,
        projects=await project_names(scope, actor.client_id),
        show_revoked=show_revoked,
    )


@post("/projects", include_in_schema=False)
async def create_project(request: Request[Any, Any, Any]) -> Response[Any]:
    actor, values = await changing_form(request)
    scope = container(request)
    name = _name(values, "name", True) or ""
    await (await scope.get(RecordChange))(actor, AuditAction.PROJECT_CREATED, name)
    await (await scope.get(CreateProject))(
        CreateProjectCommand(client_id=actor.client_id, name=name)
    )
    return see_other("/console/keys")


@post("/keys", include_in_schema=False)
async def create_key(request: Request[Any, Any, Any]) -> Response[Any]:
    actor, values = await changing_form(request)
    scope = container(request)
    name = _name(values, "name", False)
    project = values.get("project_id") or None
    expires = values.get("expires_on") or None
    try:
        rate = int(values.get("rate_limit_per_minute") or 500)
    except ValueError:
        raise invalid("rate_limit_per_minute", "a whole number") from None
    try:
        expires_at = datetime.fromisoformat(expires).replace(tzinfo=UTC) if expires else None
    except ValueError:
        raise invalid("expires_on", "not a date") from None
    ips = [ip.strip() for ip in values.get("allowed_ips", "").replace(",", " ").split() if ip]
    await (await scope.get(RecordChange))(actor, AuditAction.KEY_CREATED, name or "unnamed key")
    issued = await (await scope.get(CreateApiKey))(
        CreateApiKeyCommand(
            client_id=actor.client_id,
            project_id=ProjectId(_uuid("project_id", project)) if project else None,
            expires_at=expires_at,
            allowed_ips=ips or None,
            name=name,
            rate_limit_per_minute=rate,
        )
    )
    return page(request, "key_created.html", secret=True, status=201, issued=issued)


@post("/keys/{key_id:uuid}/revoke", include_in_schema=False)
async def revoke_key(request: Request[Any, Any, Any], key_id: FromPath[UUID]) -> Response[Any]:
    actor, _ = await changing_form(request)
    scope = container(request)
    key = await own_key(await scope.get(ApiKeys), actor, ApiKeyId(key_id))
    await (await scope.get(RecordChange))(actor, AuditAction.KEY_REVOKED, key.prefix)
    await (await scope.get(RevokeOwnKey))(actor, ApiKeyId(key_id))
    return see_other("/console/keys")


@get("/keys/{key_id:uuid}/rotate", include_in_schema=False)
async def confirm_rotate(request: Request[Any, Any, Any], key_id: FromPath[UUID]) -> Template:
    """Rotation asks first: the old key stops working once the user confirms."""
    actor = await signed_in(request)
    key = await own_key(await container(request).get(ApiKeys), actor, ApiKeyId(key_id))
    return page(request, "rotate.html", key=key)


@post("/keys/{key_id:uuid}/rotate", include_in_schema=False)
async def rotate_key(request: Request[Any, Any, Any], key_id: FromPath[UUID]) -> Response[Any]:
    actor, _ = await changing_form(request)
    scope = container(request)
    key = await own_key(await scope.get(ApiKeys), actor, ApiKeyId(key_id))
    await (await scope.get(RecordChange))(actor, AuditAction.KEY_ROTATED, key.prefix)
    issued = await (await scope.get(RotateOwnKey))(actor, ApiKeyId(key_id))
    return page(request, "key_created.html", secret=True, status=201, issued=issued, rotated=key)


@get("/credits", include_in_schema=False)
async def credits(request: Request[Any, Any, Any]) -> Template:
    actor = await signed_in(request)
    scope = container(request)
    client = await load_client(await scope.get(Clients), actor.client_id)
    view = await (await scope.get(GetCredits))(client)
    cursor = request.query_params.get("cursor") or None
    ledger = await (await scope.get(ListLedger))(
        ListLedgerQuery(actor.client_id, None, SeqPageRequest.of(25, cursor))
    )
    return page(
        request, "credits.html", view=view, rows=ledger.items, next_cursor=ledger.next_cursor
    )


HANDLERS = [keys, create_project, create_key, revoke_key, confirm_rotate, rotate_key, credits]
