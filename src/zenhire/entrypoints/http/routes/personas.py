"""``/api/v1/interview/personas``."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, delete, get, post
from litestar.params import FromPath, FromQuery, JSONBody

from zenhire.domain.model.personas import PersonaStatus
from zenhire.domain.use_cases.personas import (
    ArchivePersona,
    CreatePersona,
    CreatePersonaCommand,
    GetPersona,
    ListPersonas,
    ListPersonasQuery,
    PersonaRef,
)
from zenhire.entrypoints.http.idempotency import Idempotency, KeyHeader
from zenhire.entrypoints.http.params import CursorParam, Limit, caller, page_request
from zenhire.entrypoints.http.schemas.personas import (
    PersonaCreate,
    PersonaOut,
    PersonaPage,
    PersonaRow,
)


@post("/personas", status_code=201, description=CreatePersona.__doc__)
@inject
async def create_persona(
    request: Request[Any, Any, Any],
    data: JSONBody[PersonaCreate],
    create: FromDishka[CreatePersona],
    idempotency: FromDishka[Idempotency],
    idempotency_key: KeyHeader = None,
) -> Response[PersonaOut]:
    async def run() -> Response[PersonaOut]:
        persona = await create(
            CreatePersonaCommand(
                client_id=caller(request).client_id,
                role_name=data.role_name,
                language=data.language,
                system_prompt=data.system_prompt,
                base_prompt_override=data.base_prompt_override,
            )
        )
        return Response(PersonaOut.of(persona), status_code=201)

    return await idempotency.run(request, idempotency_key, run)


@get("/personas", description=ListPersonas.__doc__)
@inject
async def list_personas(
    request: Request[Any, Any, Any],
    list_: FromDishka[ListPersonas],
    status: FromQuery[PersonaStatus | None] = None,
    limit: Limit = 20,
    cursor: CursorParam = None,
) -> PersonaPage:
    page = await list_(
        ListPersonasQuery(
            client_id=caller(request).client_id, status=status, page=page_request(limit, cursor)
        )
    )
    return PersonaPage(data=[PersonaRow.of(p) for p in page.items], next_cursor=page.next_cursor)


@get("/personas/{persona_id:uuid}", description=GetPersona.__doc__)
@inject
async def get_persona(
    request: Request[Any, Any, Any], persona_id: FromPath[UUID], get_: FromDishka[GetPersona]
) -> PersonaOut:
    persona = await get_(PersonaRef(caller(request).client_id, persona_id))  # type: ignore[arg-type]
    return PersonaOut.of(persona)


@delete("/personas/{persona_id:uuid}", status_code=200, description=ArchivePersona.__doc__)
@inject
async def archive_persona(
    request: Request[Any, Any, Any],
    persona_id: FromPath[UUID],
    archive: FromDishka[ArchivePersona],
) -> PersonaOut:
    persona = await archive(PersonaRef(caller(request).client_id, persona_id))  # type: ignore[arg-type]
    return PersonaOut.of(persona)


HANDLERS = [create_persona, list_personas, get_persona, archive_persona]
