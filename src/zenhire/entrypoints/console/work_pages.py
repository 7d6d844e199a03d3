"""Playground (sessions started from the console) and personas."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Response, Template

from zenhire.domain import limits
from zenhire.domain.console.model import AuditAction
from zenhire.domain.console.use_cases.audit import RecordChange
from zenhire.domain.errors import invalid
from zenhire.domain.model.ids import PersonaId, ProjectId
from zenhire.domain.model.personas import PersonaStatus
from zenhire.domain.model.sessions import SOURCE_PLAYGROUND, ConsentMode
from zenhire.domain.pagination import PageRequest
from zenhire.domain.use_cases.personas import (
    ArchivePersona,
    CreatePersona,
    CreatePersonaCommand,
    ListPersonas,
    ListPersonasQuery,
    PersonaRef,
)
from zenhire.domain.use_cases.start_session import StartSession, StartSessionCommand
from zenhire.entrypoints.console.lookups import LOOKUP_MAX, project_names
from zenhire.entrypoints.console.session_pages import _uuid
from zenhire.entrypoints.console.web import changing_form, container, page, see_other, signed_in


async def _personas(request: Request[Any, Any, Any], client_id: Any, status: Any) -> Any:
    return await (await container(request).get(ListPersonas))(
        ListPersonasQuery(client_id=client_id, status=status, page=PageRequest(LOOKUP_MAX))
    )


@get("/playground", include_in_schema=False)
async def playground(request: Request[Any, Any, Any]) -> Template:
    actor = await signed_in(request)
    personas = await _personas(request, actor.client_id, PersonaStatus.ACTIVE)
    projects = await project_names(container(request), actor.client_id)
    return page(request, "playground.html", personas=personas.items, projects=projects)


@post("/playground", include_in_schema=False)
async def start(request: Request[Any, Any, Any]) -> Response[Any]:
    """StartSession with ``source: playground``: the API's checks and credits."""
    actor, values = await changing_form(request)
    scope = container(request)
    persona_id = PersonaId(_uuid("persona_id", values.get("persona_id", "")))
    project = values.get("project_id") or None
    tags = [t.strip() for t in values.get("tags", "").split(",") if t.strip()]
    consent = values.get("consent_mode", "")
    if consent not in {m.value for m in ConsentMode}:
        raise invalid("consent_mode", "explicit or integrator")
    ref = values.get("candidate_ref") or ""
    subject = f"candidate {ref}" if ref else "no candidate reference"
    await (await scope.get(RecordChange))(actor, AuditAction.PLAYGROUND_SESSION, subject)
    issued = await (await scope.get(StartSession))(
        StartSessionCommand(
            client_id=actor.client_id,
            project_id=ProjectId(_uuid("project_id", project)) if project else None,
            persona_id=persona_id,
            consent_mode=ConsentMode(consent)
            if consent in set(ConsentMode)
            else ConsentMode.EXPLICIT,
            candidate_ref=values.get("candidate_ref") or None,
            tags=tags or None,
            source=SOURCE_PLAYGROUND,
        )
    )
    return page(
        request,
        "link.html",
        secret=True,
        status=201,
        title="Interview link",
        issued=issued,
        back="/console/playground",
    )


@get("/personas", include_in_schema=False)
async def personas(request: Request[Any, Any, Any]) -> Template:
    actor = await signed_in(request)
    found = await _personas(request, actor.client_id, None)
    return page(request, "personas.html", personas=found.items, limits=limits)


@post("/personas", include_in_schema=False)
async def create_persona(request: Request[Any, Any, Any]) -> Response[Any]:
    actor, values = await changing_form(request)
    scope = container(request)
    role, language = values.get("role_name", "").strip(), values.get("language", "").strip()
    if not 1 <= len(role) <= limits.ROLE_NAME_MAX:
        raise invalid("role_name", f"1 to {limits.ROLE_NAME_MAX} characters")
    if not 1 <= len(language) <= limits.LANGUAGE_MAX:
        raise invalid("language", f"1 to {limits.LANGUAGE_MAX} characters")
    await (await scope.get(RecordChange))(actor, AuditAction.PERSONA_CREATED, role)
    await (await scope.get(CreatePersona))(
        CreatePersonaCommand(
            client_id=actor.client_id,
            role_name=role,
            language=language,
            system_prompt=values.get("system_prompt") or None,
        )
    )
    return see_other("/console/personas")


@post("/personas/{persona_id:uuid}/archive", include_in_schema=False)
async def archive_persona(
    request: Request[Any, Any, Any], persona_id: FromPath[UUID]
) -> Response[Any]:
    actor, _ = await changing_form(request)
    scope = container(request)
    await (await scope.get(RecordChange))(actor, AuditAction.PERSONA_ARCHIVED, str(persona_id))
    await (await scope.get(ArchivePersona))(PersonaRef(actor.client_id, PersonaId(persona_id)))
    return see_other("/console/personas")


HANDLERS = [playground, start, personas, create_persona, archive_persona]
