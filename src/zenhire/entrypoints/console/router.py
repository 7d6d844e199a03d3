"""The console's router under ``/console``: pages, assets, and its own error pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from litestar import Request, Response, Router, get
from litestar.exceptions import HTTPException
from litestar.params import FromPath
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from zenhire.domain.errors import DomainError, InvalidInputError, NotSignedInError
from zenhire.entrypoints.console import (
    account_pages,
    auth_pages,
    overview_pages,
    people_pages,
    session_pages,
    webhook_pages,
    work_pages,
)
from zenhire.entrypoints.console.filters import FILTERS
from zenhire.entrypoints.console.web import (
    PREFIX,
    SECURITY_HEADERS,
    CsrfError,
    page,
    see_other,
)
from zenhire.entrypoints.http.errors import STATUS

HERE: Final = Path(__file__).parent
_TITLES: Final = {
    400: "Please check the form",
    403: "Not allowed",
    404: "Not found",
    409: "Not possible now",
    402: "Not enough credits",
}


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    def setup(engine: JinjaTemplateEngine) -> None:
        engine.engine.filters.update(FILTERS)

    return TemplateConfig(
        directory=HERE / "templates", engine=JinjaTemplateEngine, engine_callback=setup
    )


def _not_signed_in(_request: Request[Any, Any, Any], _: Exception) -> Response[Any]:
    return see_other(f"{PREFIX}/login")


def _csrf(request: Request[Any, Any, Any], _: Exception) -> Response[Any]:
    return page(
        request,
        "message.html",
        status=403,
        title="Form expired",
        message="This form is no longer valid (it may be old, or come from another "
        "site). Nothing was changed. Go back, reload the page and try again.",
    )


def _domain(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    assert isinstance(error, DomainError)  # noqa: S101  # registered for DomainError only
    status = next((s for cls, s in STATUS.items() if isinstance(error, cls)), 400)
    message = error.message
    if isinstance(error, InvalidInputError):
        message = "; ".join(f"{p.field.replace('_', ' ')}: {p.problem}" for p in error.problems)
    return page(
        request,
        "message.html",
        status=status,
        title=_TITLES.get(status, "Not done"),
        message=message,
        nothing_changed=True,
    )


def _http(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    status = error.status_code if isinstance(error, HTTPException) else 500
    return page(
        request,
        "message.html",
        status=status,
        title=_TITLES.get(status, "Error"),
        message="There is no such page." if status == 404 else "Something went wrong.",
    )


async def secure(response: Response[Any]) -> Response[Any]:
    """Every console answer (pages, assets, redirects, errors) carries the security headers."""
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


@get(["/{rest:path}"], include_in_schema=False)
async def no_such_page(request: Request[Any, Any, Any], rest: FromPath[str]) -> Response[Any]:  # noqa: ARG001
    """Any other path under /console: the console's own 404 page, not the API's JSON."""
    return page(
        request, "message.html", status=404, title="Not found", message="There is no such page."
    )


def console_router() -> Router:
    assets = create_static_files_router(
        path="/static",
        directories=[HERE / "static"],
        include_in_schema=False,
    )
    return Router(
        PREFIX,
        include_in_schema=False,
        route_handlers=[
            *auth_pages.HANDLERS,
            *overview_pages.HANDLERS,
            *session_pages.HANDLERS,
            *work_pages.HANDLERS,
            *account_pages.HANDLERS,
            *people_pages.HANDLERS,
            *webhook_pages.HANDLERS,
            assets,
            no_such_page,
        ],
        after_request=secure,
        exception_handlers={
            NotSignedInError: _not_signed_in,
            CsrfError: _csrf,
            DomainError: _domain,
            HTTPException: _http,
        },
    )
