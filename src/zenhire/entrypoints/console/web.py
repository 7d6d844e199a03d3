"""What every console page shares: the session cookie, CSRF, security headers, rendering.

The cookie holds only the session's random id; the CSRF token is derived from it (SHA-256 of
a fixed label and the id), so it is bound to the session, needs no storage, and cannot be
computed from anything the store keeps. Before sign-in (login, invite), a pre-session cookie
plays the same part, so those forms cannot be posted from another site either.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any, Final

from dishka import AsyncContainer
from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.response import Redirect, Template
from prometheus_client import Counter

from zenhire.domain.console.actor import Actor
from zenhire.domain.console.ports import ConsoleSecrets
from zenhire.domain.console.use_cases.resolve_session import ResolveSession
from zenhire.domain.errors import NotSignedInError, RoleForbiddenError
from zenhire.domain.ports import Clock
from zenhire.entrypoints.http.caller_ip import caller_ip
from zenhire.entrypoints.settings import Settings

PREFIX: Final = "/console"
SESSION_COOKIE: Final = "zh_console"
FORM_COOKIE: Final = "zh_console_form"  # the pre-session cookie of the login and invite forms
CSRF_FIELD: Final = "csrf"
SECURITY_HEADERS: Final = {
    "Content-Security-Policy": (
        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
NO_STORE: Final = {"Cache-Control": "no-store"}
THROTTLED: Final = Counter(
    "zenhire_console_login_throttled", "Console logins refused by throttling.", ["rule"]
)
CSRF_REFUSED: Final = Counter("zenhire_console_csrf_refused", "Console posts refused for CSRF.")


def csrf_token(cookie_value: str) -> str:
    return hashlib.sha256(b"zenhire-console-csrf:" + cookie_value.encode()).hexdigest()


def container(request: Request[Any, Any, Any]) -> AsyncContainer:
    found: AsyncContainer = request.state.dishka_container
    return found


def ip_of(request: Request[Any, Any, Any]) -> str | None:
    return caller_ip(request.scope)


async def signed_in(request: Request[Any, Any, Any]) -> Actor:
    """The person behind the session cookie, or NOT_SIGNED_IN (→ the login page)."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        raise NotSignedInError()
    resolve = await container(request).get(ResolveSession)
    actor = await resolve(raw, ip_of(request))
    request.state.console_actor = actor
    request.state.console_now = (await container(request).get(Clock)).now()
    return actor


async def form(request: Request[Any, Any, Any], cookie: str = SESSION_COOKIE) -> dict[str, str]:
    """The posted form, once its CSRF token matches the one bound to ``cookie``'s value;
    otherwise 403 (``CsrfError``) before anything is looked up or changed."""
    data = await request.form()
    values = {k: v for k, v in data.items() if isinstance(v, str)}
    raw = request.cookies.get(cookie, "")
    sent = values.get(CSRF_FIELD, "")
    if not raw or not hmac.compare_digest(sent.encode(), csrf_token(raw).encode()):
        CSRF_REFUSED.inc()
        raise CsrfError()
    return values


async def changing_form(request: Request[Any, Any, Any]) -> tuple[Actor, dict[str, str]]:
    """A signed-in change: session, then CSRF, then the role (viewers only read)."""
    actor = await signed_in(request)
    values = await form(request)
    if not actor.role.can_change:
        raise RoleForbiddenError()
    return actor, values


class CsrfError(Exception):
    """The form's CSRF token is missing or wrong: 403, nothing changed."""


def page(
    request: Request[Any, Any, Any],
    name: str,
    *,
    status: int = 200,
    secret: bool = False,
    **context: Any,
) -> Template:
    """Render ``name`` with the shared context; ``secret`` pages are never cached."""
    actor: Actor | None = getattr(request.state, "console_actor", None)
    raw = (
        getattr(request.state, "console_form_cookie", None)
        or request.cookies.get(SESSION_COOKIE)
        or request.cookies.get(FORM_COOKIE)
        or ""
    )
    headers = {**SECURITY_HEADERS, **(NO_STORE if secret else {})}
    return Template(
        template_name=name,
        context={
            "actor": actor,
            "now": getattr(request.state, "console_now", None),
            "csrf": csrf_token(raw) if raw else "",
            "path": request.url.path,
            **context,
        },
        status_code=status,
        headers=headers,
    )


def see_other(url: str) -> Redirect:
    return Redirect(url, status_code=303, headers=SECURITY_HEADERS)


def session_cookie(settings: Settings, value: str, *, name: str = SESSION_COOKIE) -> Cookie:
    """HttpOnly, SameSite=Lax, Path=/console, Secure unless CONSOLE_SECURE_COOKIES=false."""
    return Cookie(
        key=name,
        value=value,
        path=PREFIX,
        httponly=True,
        samesite="lax",
        secure=settings.console_secure_cookies,
    )


def ended_cookie(settings: Settings, name: str = SESSION_COOKIE) -> Cookie:
    cookie = session_cookie(settings, "", name=name)
    cookie.max_age = 0
    return cookie


async def form_cookie(request: Request[Any, Any, Any], settings: Settings) -> Cookie | None:
    """A pre-session cookie for the login and invite forms, unless the browser has one."""
    if existing := request.cookies.get(FORM_COOKIE):
        request.state.console_form_cookie = existing  # the form's token is bound to it
        return None
    raw, _ = (await container(request).get(ConsoleSecrets)).mint()
    request.state.console_form_cookie = raw  # so the page rendered now carries its token
    return session_cookie(settings, raw, name=FORM_COOKIE)


def with_cookies(response: Response[Any], *cookies: Cookie | None) -> Response[Any]:
    for cookie in cookies:
        if cookie is not None:
            response.cookies.append(cookie)
    return response
