"""``GET /api/v1/credits`` and the health probes."""

from __future__ import annotations

from typing import Any

from dishka.integrations.litestar import FromDishka, inject
from litestar import Request, get

from zenhire.domain.use_cases.credits import GetCredits
from zenhire.entrypoints.http.params import caller
from zenhire.entrypoints.http.schemas.accounts import CreditsOut


@get("/credits", description=GetCredits.__doc__)
@inject
async def credits_view(
    request: Request[Any, Any, Any], get_credits: FromDishka[GetCredits]
) -> CreditsOut:
    return CreditsOut.of(await get_credits(caller(request).client))


@get("/health", description="Liveness: answers without touching the store.")
async def health() -> dict[str, str]:
    return {"status": "ok"}
