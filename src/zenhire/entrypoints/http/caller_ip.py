"""The caller's IP address (api.md §3): the one answer for allow-lists, logs and throttles.

The caller is the TCP peer. ``X-Forwarded-For`` and ``Forwarded`` are read only when the peer
is inside ``TRUSTED_PROXIES``; the caller is then the right-most address of the chain that is
not inside ``TRUSTED_PROXIES`` (the left-most one when every hop is trusted). A header chain
that names something unparseable where the caller should be, or two headers that name
different callers (a client can send either; only the proxy knows which one it writes), leave
the caller unknown: ``None``. Code that keys on the caller treats ``None`` as one address of its
own (an allow-list refuses it). IPv4-mapped IPv6 addresses are reported as IPv4.

``caller_ip_middleware`` resolves the address once per request; ``caller_ip`` reads it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from typing import Final

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
STATE_KEY: Final = "caller_ip"
_XFF: Final = b"x-forwarded-for"
_FORWARDED: Final = b"forwarded"


class TrustedProxies:
    """The ``TRUSTED_PROXIES`` networks; an entry that is no IP address or CIDR is a ValueError."""

    __slots__ = ("_networks",)

    def __init__(self, cidrs: Iterable[str]) -> None:
        self._networks = tuple(ipaddress.ip_network(c.strip(), strict=False) for c in cidrs)

    def __bool__(self) -> bool:
        return bool(self._networks)

    def __contains__(self, address: Address) -> bool:
        return any(address in network for network in self._networks)


def parse_address(text: str) -> Address | None:
    """An address as proxies write it: bare, ``a.b.c.d:port``, ``[v6]`` or ``[v6]:port``."""
    text = text.strip().strip('"')
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def resolve(
    peer: str | None, headers: Iterable[tuple[bytes, bytes]], trusted: TrustedProxies
) -> str | None:
    """The caller's address for a request from ``peer`` carrying ``headers`` (ASGI pairs)."""
    if peer is None:
        return None
    address = parse_address(peer)
    if address is None:
        return peer  # not an IP peer (a unix socket, a test transport): reported as is
    if address not in trusted:
        return str(address)
    forwarded_for: list[str] = []
    forwarded: list[str] = []
    for name, value in headers:
        if name == _XFF:
            forwarded_for.extend(value.decode("latin-1").split(","))
        elif name == _FORWARDED:
            forwarded.extend(_forwarded_for(value.decode("latin-1")))
    chains = [[e for e in c if e.strip()] for c in (forwarded_for, forwarded)]
    chains = [c for c in chains if c]
    if not chains:
        return str(address)
    callers = {_right_most_untrusted(chain, trusted) for chain in chains}
    return callers.pop() if len(callers) == 1 else None


def _forwarded_for(value: str) -> list[str]:
    """The ``for=`` node of each element of an RFC 7239 ``Forwarded`` value, in order."""
    nodes = []
    for element in value.split(","):
        for pair in element.split(";"):
            name, _, node = pair.partition("=")
            if name.strip().lower() == "for":
                nodes.append(node)
    return nodes


def _right_most_untrusted(chain: Sequence[str], trusted: TrustedProxies) -> str | None:
    first: Address | None = None
    for entry in reversed(chain):
        address = parse_address(entry)
        if address is None:
            return None  # garbage where the caller should be: unknown, never a guess
        if address not in trusted:
            return str(address)
        first = address
    return None if first is None else str(first)


def caller_ip_middleware(app: ASGIApp, trusted: TrustedProxies) -> ASGIApp:
    """Resolve the caller once per HTTP request, before anything reads it."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            client = scope.get("client")
            peer = client[0] if client else None
            state = scope.setdefault("state", {})
            state[STATE_KEY] = resolve(peer, scope["headers"], trusted)
        await app(scope, receive, send)

    return middleware


def caller_ip(scope: Scope) -> str | None:
    """The address ``caller_ip_middleware`` resolved for this request (``None``: unknown)."""
    state = scope.get("state") or {}
    if STATE_KEY not in state:  # an app served without the middleware: the peer, unread
        client = scope.get("client")
        return str(client[0]) if client else None
    address = state[STATE_KEY]
    return None if address is None else str(address)
