"""Signing in and out, accepting an invite, changing one's password."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Response, Template

from zenhire.domain.console.use_cases.accept_invite import AcceptInvite, AcceptInviteCommand
from zenhire.domain.console.use_cases.change_password import ChangePassword, ChangePasswordCommand
from zenhire.domain.console.use_cases.login import Login, LoginCommand, Logout
from zenhire.domain.errors import (
    InvalidInputError,
    InviteInvalidError,
    LoginFailedError,
    LoginThrottledError,
    NotSignedInError,
    TooManyFailedAttemptsError,
)
from zenhire.domain.use_cases.failed_auth import CheckFailedAuth, CountFailedAuth
from zenhire.entrypoints.console.web import (
    FORM_COOKIE,
    PREFIX,
    THROTTLED,
    container,
    ended_cookie,
    form,
    form_cookie,
    ip_of,
    page,
    see_other,
    session_cookie,
    signed_in,
    with_cookies,
)
from zenhire.entrypoints.settings import Settings


async def _settings(request: Request[Any, Any, Any]) -> Settings:
    return await container(request).get(Settings)


@get("/login", include_in_schema=False)
async def login_page(request: Request[Any, Any, Any]) -> Response[Any]:
    cookie = await form_cookie(request, await _settings(request))
    return with_cookies(page(request, "login.html", email=""), cookie)


@post("/login", include_in_schema=False)
async def login(request: Request[Any, Any, Any]) -> Response[Any]:
    """Per-IP rule first (api.md §10.2), then the per-email rule and the password."""
    values = await form(request, FORM_COOKIE)
    scope, ip = container(request), ip_of(request)
    email = values.get("email", "")[:320]
    try:
        await (await scope.get(CheckFailedAuth))(ip)
        signed = await (await scope.get(Login))(
            LoginCommand(email=email, password=values.get("password", ""), ip=ip)
        )
    except (LoginThrottledError, TooManyFailedAttemptsError) as refused:
        THROTTLED.labels("email" if isinstance(refused, LoginThrottledError) else "ip").inc()
        retry = refused.retry_after_seconds
        response = page(request, "throttled.html", status=429, retry=retry)
        response.headers["Retry-After"] = str(retry)
        return response
    except LoginFailedError:
        await (await scope.get(CountFailedAuth))(ip)
        return page(request, "login.html", status=401, email=email, failed=True)
    settings = await _settings(request)
    return with_cookies(
        see_other(f"{PREFIX}/"),
        session_cookie(settings, signed.session_id),
        ended_cookie(settings, FORM_COOKIE),
    )


@post("/logout", include_in_schema=False)
async def logout(request: Request[Any, Any, Any]) -> Response[Any]:
    actor = await signed_in(request)
    await form(request)
    await (await container(request).get(Logout))(actor)
    return with_cookies(see_other(f"{PREFIX}/login"), ended_cookie(await _settings(request)))


@get("/invite/{token:str}", include_in_schema=False)
async def invite_page(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    cookie = await form_cookie(request, await _settings(request))
    return with_cookies(page(request, "invite.html", token=token, secret=True), cookie)


@post("/invite/{token:str}", include_in_schema=False)
async def accept_invite(request: Request[Any, Any, Any], token: FromPath[str]) -> Response[Any]:
    values = await form(request, FORM_COOKIE)
    password = values.get("password", "")
    if password != values.get("confirm", ""):
        return page(
            request,
            "invite.html",
            status=400,
            token=token,
            secret=True,
            problem="The two passwords differ.",
        )
    try:
        await (await container(request).get(AcceptInvite))(
            AcceptInviteCommand(token=token, password=password, ip=ip_of(request))
        )
    except InvalidInputError as bad:
        return page(
            request,
            "invite.html",
            status=400,
            token=token,
            secret=True,
            problem=bad.problems[0].problem.capitalize() + ".",
        )
    except InviteInvalidError as gone:
        return page(
            request, "message.html", status=410, title="Invite not valid", message=gone.message
        )
    return see_other(f"{PREFIX}/login?welcome=1")


@get("/password", include_in_schema=False)
async def password_page(request: Request[Any, Any, Any]) -> Template:
    await signed_in(request)
    return page(request, "password.html")


@post("/password", include_in_schema=False)
async def change_password(request: Request[Any, Any, Any]) -> Response[Any]:
    actor = await signed_in(request)
    values = await form(request)
    new = values.get("new", "")
    problem = None
    if new != values.get("confirm", ""):
        problem = "The two new passwords differ."
    else:
        try:
            await (await container(request).get(ChangePassword))(
                ChangePasswordCommand(actor=actor, current=values.get("current", ""), new=new)
            )
        except InvalidInputError as bad:
            problem = "New password: " + bad.problems[0].problem + "."
        except LoginFailedError:
            problem = "The current password is not right."
    if problem:
        return page(request, "password.html", status=400, problem=problem)
    return page(request, "password.html", done=True)


HANDLERS = [login_page, login, logout, invite_page, accept_invite, password_page, change_password]
__all__ = ["HANDLERS", "NotSignedInError"]
