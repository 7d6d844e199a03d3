"""``/api/v1/interview/personas``."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, delete, get, post
from litestar.params import FromPath, JSONBody, QueryParameter

from zenhire.domain import errors as e
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
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.idempotency import Idempotency, KeyHeader
from zenhire.entrypoints.http.params import CursorParam, Limit, caller, page_request
from zenhire.entrypoints.http.schemas.personas import (
    PersonaCreate,
    PersonaOut,
    PersonaPage,
    PersonaRow,
)


@post(
    "/personas",
    status_code=201,
    operation_id="create_persona",
    summary="Create a persona",
    description=(
        "An interviewer persona: the role it recruits for and the interview's language. "
        "Without `system_prompt` the platform writes one from role and language. Personas "
        "are reusable: start any number of sessions from one. A client holds a limited "
        "number of active personas: archive one to make room."
    ),
    tags=[openapi.PERSONAS],
    opt=openapi.answers(e.PersonaLimitError, *openapi.IDEMPOTENCY_ERRORS),
)
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


@get(
    "/personas",
    operation_id="list_personas",
    summary="List personas",
    description="Your personas, newest first, a page at a time (`next_cursor`).",
    tags=[openapi.PERSONAS],
    opt=openapi.answers(e.InvalidCursorError),
)
@inject
async def list_personas(
    request: Request[Any, Any, Any],
    list_: FromDishka[ListPersonas],
    status: Annotated[
        PersonaStatus | None, QueryParameter(description="Only personas in this status.")
    ] = None,
    limit: Limit = 20,
    cursor: CursorParam = None,
) -> PersonaPage:
    page = await list_(
        ListPersonasQuery(
            client_id=caller(request).client_id, status=status, page=page_request(limit, cursor)
        )
    )
    return PersonaPage(data=[PersonaRow.of(p) for p in page.items], next_cursor=page.next_cursor)


@get(
    "/personas/{persona_id:uuid}",
    operation_id="get_persona",
    summary="Get a persona",
    description="One persona, with its system prompt.",
    tags=[openapi.PERSONAS],
    opt=openapi.answers(e.NotFoundError, e.ResourceForbiddenError),
)
@inject
async def get_persona(
    request: Request[Any, Any, Any], persona_id: FromPath[UUID], get_: FromDishka[GetPersona]
) -> PersonaOut:
    persona = await get_(PersonaRef(caller(request).client_id, persona_id))  # type: ignore[arg-type]
    return PersonaOut.of(persona)


@delete(
    "/personas/{persona_id:uuid}",
    status_code=200,
    operation_id="archive_persona",
    summary="Archive a persona",
    description=(
        "Archived personas start no new sessions; sessions already started go on. "
        "Archiving again answers the same."
    ),
    tags=[openapi.PERSONAS],
    opt=openapi.answers(e.NotFoundError, e.ResourceForbiddenError),
)
@inject
async def archive_persona(
    request: Request[Any, Any, Any],
    persona_id: FromPath[UUID],
    archive: FromDishka[ArchivePersona],
) -> PersonaOut:
    persona = await archive(PersonaRef(caller(request).client_id, persona_id))  # type: ignore[arg-type]
    return PersonaOut.of(persona)


HANDLERS = [create_persona, list_personas, get_persona, archive_persona]
