"""Litestar guards: they run before the body is parsed, so auth and signatures come first.

* ``api_key_guard`` authenticates integrators (permission from the handler's ``opt``);
* ``s2s_guard`` checks the interview backend's HMAC signature over the raw body and refuses
  a signature already accepted on another path;
* ``admin_guard`` checks the operator token, or answers 404 when the admin API is off.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any, Final, cast

from dishka import AsyncContainer
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException
from litestar.handlers.base import BaseRouteHandler

from zenhire.domain.errors import (
    ApiKeyExpiredError,
    ClientInactiveError,
    DomainError,
    InvalidAdminTokenError,
    InvalidApiKeyError,
    InvalidSignatureError,
    IpNotAllowedError,
    MissingApiKeyError,
    MissingPermissionError,
    NotFoundError,
    RateLimitExceededError,
    SignatureExpiredError,
    SignatureReusedError,
    TooManyFailedAttemptsError,
)
from zenhire.domain.model.clients import Principal
from zenhire.domain.model.rate_limits import RateDecision
from zenhire.domain.ports import Clock
from zenhire.domain.signatures import SignedRequest, verify_signature
from zenhire.domain.use_cases.auth import Authenticate, AuthenticateCommand
from zenhire.domain.use_cases.failed_auth import CheckFailedAuth, CountFailedAuth
from zenhire.domain.use_cases.rate_limit import SpendRequestBudget
from zenhire.domain.use_cases.remember_signature import RememberSignature
from zenhire.entrypoints.http.caller_ip import caller_ip
from zenhire.entrypoints.settings import Settings

PRINCIPAL: Final = "principal"
RATE: Final = "rate"
_BEARER: Final = "bearer "


def _container(connection: ASGIConnection[Any, Any, Any, Any]) -> AsyncContainer:
    container: AsyncContainer = connection.state.dishka_container
    return container


def _bearer(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    value = connection.headers.get("authorization")
    if value and value[: len(_BEARER)].lower() == _BEARER:
        return value[len(_BEARER) :].strip()
    return None


async def api_key_guard(
    connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
) -> None:
    raw = connection.headers.get("x-api-key") or _bearer(connection)
    authenticate = await _container(connection).get(Authenticate)  # throttles failed attempts
    principal = await authenticate(
        AuthenticateCommand(
            raw_key=raw.strip() if raw else None,
            caller_ip=caller_ip(connection.scope),
            permission=handler.opt.get("permission"),
        )
    )
    connection.state[PRINCIPAL] = principal
    spend = await _container(connection).get(SpendRequestBudget)
    try:
        connection.state[RATE] = await spend(principal.key)
    except RateLimitExceededError as exceeded:
        limit = principal.key.rate_limit_per_minute
        reset = exceeded.retry_after_seconds
        connection.state[RATE] = RateDecision(limit, limit + 1, reset)
        raise


def principal_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    principal: Principal = connection.state[PRINCIPAL]
    return principal


async def s2s_guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Verify the signature (pure: a bad one costs no store work), then remember it; both
    before the body is parsed."""
    container = _container(connection)
    settings = await container.get(Settings)
    clock = await container.get(Clock)
    request = cast("Request[Any, Any, Any]", connection)  # guards of HTTP routes get a Request
    # The path as routed, without the query string: what v2 covers and what selects the session.
    signed = SignedRequest(request.method, request.scope["path"], await request.body())
    verified = verify_signature(
        connection.headers.get("x-interview-signature"),
        connection.headers.get("x-interview-signature-timestamp"),
        signed,
        settings.s2s_secrets,
        int(clock.now().timestamp()),
        require_v2=settings.s2s_require_v2,
    )
    remember = await container.get(RememberSignature)
    await remember(verified, signed.path)


async def admin_guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    container = _container(connection)
    settings = await container.get(Settings)
    if not settings.admin_token:
        raise NotFoundException()
    caller = caller_ip(connection.scope)
    await (await container.get(CheckFailedAuth))(caller)  # before the token is compared
    token = _bearer(connection)
    if not hmac.compare_digest((token or "").encode(), settings.admin_token.encode()):
        if token:  # a wrong token is an attempt; no token at all guesses nothing
            await (await container.get(CountFailedAuth))(caller)
        raise InvalidAdminTokenError()


def failures_of(guard: object, opt: Mapping[str, Any]) -> tuple[type[DomainError], ...]:
    """The errors ``guard`` can raise for a handler with these ``opt`` (the API document lists
    them under every operation the guard protects)."""
    if guard is api_key_guard:
        permission = (MissingPermissionError,) if opt.get("permission") else ()
        return (
            TooManyFailedAttemptsError,
            MissingApiKeyError,
            InvalidApiKeyError,
            ApiKeyExpiredError,
            ClientInactiveError,
            IpNotAllowedError,
            *permission,
            RateLimitExceededError,
        )
    if guard is s2s_guard:
        return (InvalidSignatureError, SignatureExpiredError, SignatureReusedError)
    if guard is admin_guard:
        # 404 while the admin API is off
        return (TooManyFailedAttemptsError, InvalidAdminTokenError, NotFoundError)
    return ()
