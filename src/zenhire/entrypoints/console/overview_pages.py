"""The overview: money, live load (refreshed every few seconds) and the 30-day chart."""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.response import Template

from zenhire.domain.console.use_cases.overview import Overview
from zenhire.entrypoints.console.chart import SERIES, chart
from zenhire.entrypoints.console.web import container, page, signed_in


@get("/", include_in_schema=False)
async def overview(request: Request[Any, Any, Any]) -> Template:
    actor = await signed_in(request)
    result = await (await container(request).get(Overview))(actor)
    return page(
        request,
        "overview.html",
        o=result,
        chart=chart(result.days),
        series=SERIES,
        totals={name: sum(getattr(d, name) for d in result.days) for name, _, _ in SERIES},
        credits_total=sum(d.credits_charged for d in result.days),
    )


@get("/live", include_in_schema=False)
async def live(request: Request[Any, Any, Any]) -> Template:
    """The live figures alone, which the overview's script fetches every 5 seconds."""
    actor = await signed_in(request)
    result = await (await container(request).get(Overview))(actor)
    return page(request, "live.html", o=result)


HANDLERS = [overview, live]
