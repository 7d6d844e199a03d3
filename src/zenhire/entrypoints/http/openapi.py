"""OpenAPI 3.1 document settings: security schemes and the documented error responses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, TypeVar

from litestar.handlers import HTTPRouteHandler
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityRequirement, SecurityScheme

from zenhire.entrypoints.http.schemas.common import ErrorBody

API_KEY: Final[list[SecurityRequirement]] = [{"ApiKey": []}, {"ApiKeyBearer": []}]
ADMIN: Final[list[SecurityRequirement]] = [{"AdminToken": []}]
S2S: Final[list[SecurityRequirement]] = [{"InterviewSignature": []}]
H = TypeVar("H", bound=HTTPRouteHandler)


def errors(*statuses: int) -> dict[int, ResponseSpec]:
    """The error envelope under each listed status."""
    return {
        status: ResponseSpec(ErrorBody, description="Error envelope", generate_examples=False)
        for status in statuses
    }


def documented(handlers: Sequence[H], specs: dict[int, ResponseSpec]) -> list[H]:
    """Attach the error responses to each handler (Routers take no ``responses``)."""
    for handler in handlers:
        handler.responses = {**specs, **(handler.responses or {})}
    return list(handlers)


COMMON_ERRORS: Final = (400, 413, 500, 503)
INTEGRATOR_ERRORS: Final = errors(*COMMON_ERRORS, 401, 402, 403, 404, 409, 410, 422, 429, 502)
S2S_ERRORS: Final = errors(*COMMON_ERRORS, 401, 402, 403, 404, 409, 410)
ADMIN_ERRORS: Final = errors(*COMMON_ERRORS, 401, 402, 404, 409)

CONFIG: Final = OpenAPIConfig(
    title="ZenHire Interview API",
    version="2.0.0",
    path="/schema",
    render_plugins=[SwaggerRenderPlugin(path="/")],
    components=Components(
        security_schemes={
            "ApiKey": SecurityScheme(type="apiKey", name="X-API-Key", security_scheme_in="header"),
            "ApiKeyBearer": SecurityScheme(
                type="http", scheme="bearer", description="Authorization: Bearer zh_api_…"
            ),
            "AdminToken": SecurityScheme(
                type="http", scheme="bearer", description="The operator's ZENHIRE_ADMIN_TOKEN"
            ),
            "InterviewSignature": SecurityScheme(
                type="apiKey",
                name="X-Interview-Signature",
                security_scheme_in="header",
                description="t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<raw body>'>",
            ),
        }
    ),
)
