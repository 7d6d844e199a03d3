"""``/api/v1/admin/clients/{id}/credits`` and ``…/ledger``: a client's credits (operator API).

Each handler maps the request to one of ``admin.operations``, which ``zenhire admin`` shares.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, Response, get, post
from litestar.params import FromPath, JSONBody

from zenhire.domain import errors as e
from zenhire.domain import limits
from zenhire.domain.model.idempotency import ADMIN_SCOPE
from zenhire.domain.use_cases.admin_clients import (
    ListLedger,
    PostCredits,
)
from zenhire.entrypoints.admin import operations as ops
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.idempotency import Idempotency, KeyHeader
from zenhire.entrypoints.http.params import CursorParam, Limit
from zenhire.entrypoints.http.routes.admin_params import KindParam
from zenhire.entrypoints.http.schemas.accounts import (
    CreditsIn,
    LedgerPage,
    LedgerRow,
)


@post(
    "/clients/{client_id:uuid}/credits",
    status_code=201,
    operation_id="adjust_credits",
    summary="Grant or take credits",
    description=(
        "Adds one ledger row (`grant` for a positive amount, `adjustment` for a negative "
        "one) and moves the balance with it. With an `Idempotency-Key`, a grant retried after "
        "a timeout credits once and answers the first response again."
    ),
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError, *openapi.IDEMPOTENCY_ERRORS),
)
@inject
async def post_credits(
    request: Request[Any, Any, Any],
    client_id: FromPath[UUID],
    data: JSONBody[CreditsIn],
    post_: FromDishka[PostCredits],
    idempotency: FromDishka[Idempotency],
    idempotency_key: KeyHeader = None,
) -> Response[LedgerRow]:
    async def run() -> Response[LedgerRow]:
        return Response(await ops.post_credits(post_, client_id, data), status_code=201)

    return await idempotency.run(request, idempotency_key, run, scope=ADMIN_SCOPE)


@get(
    "/clients/{client_id:uuid}/ledger",
    operation_id="list_ledger",
    summary="List a client's ledger",
    description="The client's ledger rows, newest `seq` first (the order they were written), "
    "a page at a time (`next_cursor`).",
    tags=[openapi.ADMIN_TAG],
    opt=openapi.answers(e.NotFoundError, e.InvalidCursorError),
)
@inject
async def list_ledger(
    client_id: FromPath[UUID],
    list_: FromDishka[ListLedger],
    kind: KindParam = None,
    limit: Limit = limits.LIST_LIMIT_DEFAULT,
    cursor: CursorParam = None,
) -> LedgerPage:
    return await ops.list_ledger(list_, client_id, kind=kind, limit=limit, cursor=cursor)


HANDLERS = [post_credits, list_ledger]
