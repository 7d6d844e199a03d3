"""OpenAPI conventions every route follows, and the document's configuration.

Each route decorator states, for integrators: a short ``summary``, a snake_case
``operation_id`` fit for generated SDKs, a ``description`` in plain words, one tag, and
``opt=answers(...)``: the domain errors the handler raises beyond what its guard raises, and
the response headers it sets. ``document.finish`` turns those into the error responses (each
listing its possible ``code`` values, derived from the error table) and the header
declarations; nothing in this module copies a status or a code.

The document and its viewer are served by the plugins of ``schema_viewer``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from litestar import Router
from litestar.datastructures import ResponseHeader
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components, SecurityRequirement, SecurityScheme, Tag

from zenhire.domain import errors as e
from zenhire.entrypoints.http.document import answers as answers
from zenhire.entrypoints.http.schema_viewer import CSP, SCHEMA_PATH, DocumentPlugin, ViewerPlugin

API_KEY: Final[list[SecurityRequirement]] = [{"ApiKey": []}, {"ApiKeyBearer": []}]
ADMIN: Final[list[SecurityRequirement]] = [{"AdminToken": []}]
S2S: Final[list[SecurityRequirement]] = [{"InterviewSignature": []}]

# One tag per operation; the first four are the integrator's, then the interview backend's,
# the operator's, and the unauthenticated service endpoints.
PERSONAS: Final = "Personas"
SESSIONS: Final = "Sessions"
RESULTS: Final = "Results"
CREDITS: Final = "Credits"
WEBHOOKS: Final = "Webhooks"
BACKEND: Final = "Interview backend"
ADMIN_TAG: Final = "Admin"
SERVICE: Final = "Service"
TAGS: Final = (
    Tag(PERSONAS, "Integrator (API key): interviewer personas, reusable across sessions."),
    Tag(SESSIONS, "Integrator (API key): start sessions, hand out links, follow and re-invite."),
    Tag(RESULTS, "Integrator (API key): the recording and transcript of a completed session."),
    Tag(CREDITS, "Integrator (API key): balance, prices and recent ledger rows."),
    Tag(
        WEBHOOKS,
        "Integrator (API key): endpoints that receive signed events, deliveries, the events feed.",
    ),
    Tag(BACKEND, "Interview backend only: signed server-to-server calls (X-Interview-Signature)."),
    Tag(ADMIN_TAG, "Operator only: clients, credits, projects and API keys (admin token)."),
    Tag(SERVICE, "No authentication: liveness, readiness and metrics."),
)
AUDIENCE: Final[Mapping[str, str]] = {
    PERSONAS: "integrator",
    SESSIONS: "integrator",
    RESULTS: "integrator",
    CREDITS: "integrator",
    WEBHOOKS: "integrator",
    BACKEND: "s2s",
    ADMIN_TAG: "admin",
    SERVICE: "public",
}


# The idempotent create endpoints may answer these beside the handler's own errors; those
# whose replay re-issues a link also IDEMPOTENCY_KEY_USED.
IDEMPOTENCY_ERRORS: Final = (e.IdempotencyKeyMismatchError, e.IdempotencyInProgressError)
LINK_REPLAY_ERRORS: Final = (*IDEMPOTENCY_ERRORS, e.IdempotencyKeyUsedError)


def config() -> OpenAPIConfig:
    """A fresh configuration per app (its document plugin caches that app's document)."""
    title = "ZenHire Interview API"
    return OpenAPIConfig(
        title=title,
        version="2.0.0",
        description=(
            "Create interviewer personas, start interview sessions and hand each candidate a "
            "one-time link; the interview backend verifies the link and reports the outcome; "
            "you read results and credits. Every error has the same envelope: "
            '`{"error": {"code", "message", "timestamp", "requestId", "details"?}}`, '
            "and each operation lists the codes it can answer."
        ),
        path=SCHEMA_PATH,
        tags=list(TAGS),
        openapi_router=Router(
            SCHEMA_PATH,
            route_handlers=[],
            include_in_schema=False,
            response_headers=[
                ResponseHeader(name="Content-Security-Policy", value=CSP),
                ResponseHeader(name="X-Frame-Options", value="DENY"),
                ResponseHeader(name="Referrer-Policy", value="no-referrer"),
            ],
        ),
        render_plugins=[ViewerPlugin(title), DocumentPlugin()],
        components=Components(
            security_schemes={
                "ApiKey": SecurityScheme(
                    type="apiKey",
                    name="X-API-Key",
                    security_scheme_in="header",
                    description="Your API key, `zh_api_…`, as issued by the operator.",
                ),
                "ApiKeyBearer": SecurityScheme(
                    type="http",
                    scheme="bearer",
                    description="The same API key as `Authorization: Bearer zh_api_…`.",
                ),
                "AdminToken": SecurityScheme(
                    type="http",
                    scheme="bearer",
                    description="The operator's admin token (`Authorization: Bearer …`).",
                ),
                "InterviewSignature": SecurityScheme(
                    type="apiKey",
                    name="X-Interview-Signature",
                    security_scheme_in="header",
                    description=(
                        '`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">,'
                        'v2=<hex HMAC-SHA256 of "<t>.<METHOD>.<path>.<raw body>">` under '
                        "one of the platform's S2S secrets; several entries of each may be "
                        "given (secret rotation), one match suffices; `v2` binds the request "
                        "to its method and path and is required when the platform sets "
                        "S2S_REQUIRE_V2. Refused beyond 300 s of clock skew, and on any other "
                        "path than the one it was first accepted on (SIGNATURE_REUSED)."
                    ),
                ),
            }
        ),
    )
