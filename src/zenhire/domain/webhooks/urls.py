"""The URL rules of api.md §11.1, applied at registration and to every address connected to.

An address is refused when it is loopback, private, link-local, multicast, unspecified or
reserved (IPv4 or IPv6; an IPv4-mapped IPv6 address is judged as the IPv4 it carries), unless
``allow_private``. A name that does not resolve at registration is accepted: it is checked again
at delivery, where the address actually connected to is the one judged.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Final
from urllib.parse import SplitResult, urlsplit

from zenhire.domain.errors import InsecureWebhookUrlError, PrivateWebhookUrlError, invalid
from zenhire.domain.ports.resolver import Resolver

URL_MAX: Final = 2_048
IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Shared address space (RFC 6598, carrier NAT) is not "private" to ipaddress, but is not public.
_SHARED: Final = ipaddress.ip_network("100.64.0.0/10")


@dataclass(frozen=True, slots=True, kw_only=True)
class UrlRules:
    allow_insecure: bool = False
    allow_private: bool = False


def refused(address: IpAddress) -> bool:
    """Whether a delivery may not connect to ``address`` (see the module docstring)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
        or (isinstance(address, ipaddress.IPv4Address) and address in _SHARED)
        or not address.is_global
    )


def literal_address(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def parse_url(url: str, rules: UrlRules) -> SplitResult:
    """The URL split, or INVALID_INPUT / INSECURE_WEBHOOK_URL when it cannot be a receiver."""
    if len(url) > URL_MAX:
        raise invalid("url", f"at most {URL_MAX} characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises on a malformed port
    except ValueError:
        raise invalid("url", "not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise invalid("url", "must be an absolute http(s) URL with a host")
    if parts.username is not None or parts.password is not None:
        raise invalid("url", "must not carry credentials")
    if any(c.isspace() or ord(c) < 0x20 for c in url):
        raise invalid("url", "must not contain whitespace or control characters")
    if parts.scheme != "https" and not rules.allow_insecure:
        raise InsecureWebhookUrlError()
    return parts


async def check_url(url: str, rules: UrlRules, resolver: Resolver) -> None:
    """Registration check: scheme, then every address the host is or resolves to."""
    parts = parse_url(url, rules)
    if rules.allow_private:
        return
    host = parts.hostname or ""
    literal = literal_address(host)
    addresses = [literal] if literal is not None else await resolver.resolve(host)
    if any(refused(a) for a in addresses):
        raise PrivateWebhookUrlError(details={"host": host})
