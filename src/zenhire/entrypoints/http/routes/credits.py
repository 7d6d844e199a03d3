"""``GET /api/v1/credits`` and the health probes."""

from __future__ import annotations

from typing import Any

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, get

from zenhire.domain import errors as e
from zenhire.domain.ports import Readiness
from zenhire.domain.use_cases.credits import GetCredits
from zenhire.entrypoints.http import openapi
from zenhire.entrypoints.http.params import caller
from zenhire.entrypoints.http.schemas.accounts import CreditsOut
from zenhire.entrypoints.http.schemas.common import Out


@get(
    "/credits",
    operation_id="get_credits",
    summary="Get credits",
    description=(
        "Your balance, the price per started minute, the minimum balance to start, how many "
        "interviews are live against your cap, and your latest ledger rows."
    ),
    tags=[openapi.CREDITS],
    opt=openapi.answers(),
)
@inject
async def credits_view(
    request: Request[Any, Any, Any], get_credits: FromDishka[GetCredits]
) -> CreditsOut:
    return CreditsOut.of(await get_credits(caller(request).client))


@get(
    "/health",
    operation_id="check_liveness",
    summary="Check liveness",
    description="Answers 200 while the process serves requests; touches no database.",
    tags=[openapi.SERVICE],
    opt=openapi.answers(),
)
async def health() -> dict[str, str]:
    return {"status": "ok"}


class ReadyOut(Out):
    status: str
    checks: dict[str, str]


@get(
    "/health/ready",
    operation_id="check_readiness",
    summary="Check readiness",
    description=(
        "200 when the store answers and its schema is at the newest migration (`database` "
        "is `memory` for the in-memory store); otherwise 503 `STORAGE_UNAVAILABLE`, whose "
        "`details` name the failed `checks` and, for a schema that is not the newest, the "
        "`current` and `expected` revision (`schema_revision`)."
    ),
    tags=[openapi.SERVICE],
    opt=openapi.answers(e.StorageUnavailableError),
)
@inject
async def ready(readiness: FromDishka[Readiness]) -> ReadyOut:
    return ReadyOut(status="ok", checks=dict(await readiness.check()))
