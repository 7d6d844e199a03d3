"""The Litestar application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from dishka import Provider
from dishka.integrations.litestar import LitestarProvider, setup_dishka
from litestar import Litestar, Response, Router, get
from prometheus_client import CONTENT_TYPE_LATEST

from zenhire.domain import limits
from zenhire.domain.model.clients import INTERVIEW_PERMISSION
from zenhire.entrypoints import metrics
from zenhire.entrypoints.composition.container import make_container
from zenhire.entrypoints.composition.faults import storage_faults
from zenhire.entrypoints.composition.process import CLOCK
from zenhire.entrypoints.console.router import console_router
from zenhire.entrypoints.console.router import template_config as console_templates
from zenhire.entrypoints.demo import print_banner, seed_demo
from zenhire.entrypoints.http import openapi, surfaces
from zenhire.entrypoints.http.caller_ip import TrustedProxies, caller_ip_middleware
from zenhire.entrypoints.http.error_handlers import ErrorHandlers
from zenhire.entrypoints.http.guards import admin_guard, api_key_guard, s2s_guard
from zenhire.entrypoints.http.options import with_options
from zenhire.entrypoints.http.request_id import request_id_middleware
from zenhire.entrypoints.http.routes import (
    admin,
    artifacts,
    credits,
    personas,
    s2s,
    sessions,
    webhook_actions,
    webhook_deliveries,
    webhook_endpoints,
)
from zenhire.entrypoints.http.strict_input import StrictRequest
from zenhire.entrypoints.http.strict_query import strict_query
from zenhire.entrypoints.http.surfaces import listener_guard
from zenhire.entrypoints.settings import Settings
from zenhire.entrypoints.sweeper import Sweeper
from zenhire.entrypoints.webhook_dispatcher import Dispatcher


@get(
    "/metrics",
    media_type=CONTENT_TYPE_LATEST,
    operation_id="get_metrics",
    summary="Read the metrics",
    description="Counters and histograms in the Prometheus text format.",
    tags=[openapi.SERVICE],
    opt=openapi.answers(),
)
async def prometheus_metrics() -> Response[bytes]:
    return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


def routers() -> list[Router]:
    interview = Router(
        "/api/v1/interview",
        guards=[api_key_guard],
        security=openapi.API_KEY,
        opt={"permission": INTERVIEW_PERMISSION},
        route_handlers=with_options([*personas.HANDLERS, *sessions.HANDLERS, *artifacts.HANDLERS]),
    )
    signed = Router(
        "/api/v1/interview/s2s",
        guards=[s2s_guard],
        security=openapi.S2S,
        opt={"s2s": True},
        route_handlers=with_options(s2s.HANDLERS),
    )
    account = Router(
        "/api/v1",
        guards=[api_key_guard],
        security=openapi.API_KEY,
        route_handlers=with_options([credits.credits_view]),
    )
    public = Router(
        "/api/v1",
        opt=surfaces.EVERY_LISTENER,
        route_handlers=with_options([credits.health, credits.ready]),
    )
    webhooks = Router(
        "/api/v1/webhooks",
        guards=[api_key_guard],
        security=openapi.API_KEY,
        route_handlers=with_options(
            [*webhook_endpoints.HANDLERS, *webhook_actions.HANDLERS, *webhook_deliveries.HANDLERS]
        ),
    )
    operator = Router(
        "/api/v1/admin",
        guards=[admin_guard],
        security=openapi.ADMIN,
        opt=surfaces.OPERATOR,
        route_handlers=with_options(admin.HANDLERS),
    )
    metrics = Router("/", opt=surfaces.OPERATOR, route_handlers=with_options([prometheus_metrics]))
    return [interview, signed, account, webhooks, public, operator, metrics, console_router()]


def create_app(
    settings: Settings, *overrides: Provider, seed: bool = False, sweep: bool = False
) -> Litestar:
    """Build the app. ``overrides`` replace any provider (tests swap clock or store);
    ``seed`` creates and prints the demo tenant; ``sweep`` runs the sweeper and the webhook
    dispatcher in the server."""
    container = make_container(settings, LitestarProvider(), *overrides)

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        if seed:
            print_banner(settings, await seed_demo(container))
        sweeper = Sweeper(container, settings.sweep_interval_seconds) if sweep else None
        dispatcher = Dispatcher(container) if sweep else None  # every serving process delivers
        if sweeper and dispatcher:
            sweeper.start()
            dispatcher.start()
        try:
            yield
        finally:
            if sweeper and dispatcher:
                await dispatcher.stop()
                await sweeper.stop()
            await container.close()
            metrics.worker_stopped()

    app = Litestar(
        route_handlers=routers(),
        # With ADMIN_PORT set, each listener serves its own surface (http/surfaces.py).
        guards=[] if settings.admin_port is None else [listener_guard(settings.admin_port)],
        exception_handlers=ErrorHandlers(CLOCK, storage_faults(settings)).mapping(),
        before_request=strict_query,
        request_max_body_size=limits.BODY_MAX_BYTES,
        lifespan=[lifespan],
        openapi_config=openapi.config(),
        debug=False,
        logging_config=None,
        request_class=StrictRequest,
        template_config=console_templates(),
    )
    setup_dishka(container, app)
    # Outermost, so even unrouted requests and dishka's own failures carry the id (and the
    # caller's address, resolved once for the guards and the access line).
    app.asgi_handler = caller_ip_middleware(
        request_id_middleware(app.asgi_handler), TrustedProxies(settings.trusted_proxies)
    )
    return app
