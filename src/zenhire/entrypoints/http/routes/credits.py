"""``GET /api/v1/credits`` and the health probes."""

from __future__ import annotations

from typing import Any

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, get

from zenhire.domain.ports import Readiness
from zenhire.domain.use_cases.credits import GetCredits
from zenhire.entrypoints.http.params import caller
from zenhire.entrypoints.http.schemas.accounts import CreditsOut
from zenhire.entrypoints.http.schemas.common import Out


@get("/credits", description=GetCredits.__doc__)
@inject
async def credits_view(
    request: Request[Any, Any, Any], get_credits: FromDishka[GetCredits]
) -> CreditsOut:
    return CreditsOut.of(await get_credits(caller(request).client))


@get("/health", description="Liveness: answers without touching the store.")
async def health() -> dict[str, str]:
    return {"status": "ok"}


class ReadyOut(Out):
    status: str
    checks: dict[str, str]


@get("/health/ready", description="Readiness: 200 when the store answers, else 503.")
@inject
async def ready(readiness: FromDishka[Readiness]) -> ReadyOut:
    await readiness.check()
    return ReadyOut(status="ok", checks={"database": "ok"})
