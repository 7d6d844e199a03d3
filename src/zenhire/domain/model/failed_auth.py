"""Failed authentication attempts per caller: counted in a ``FailureWindow`` of 60 s from the
first failure, against the caller's bucket."""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from typing import Final

FAILURE_WINDOW: Final = timedelta(seconds=60)
UNKNOWN_CALLER: Final = "unknown"
_IPV6_BLOCK: Final = 64  # one host's share of IPv6 addresses (a /64 is handed out whole)


def caller_bucket(caller: str | None) -> str:
    """What failures are counted against: an IPv4 address as is, the /64 network of an IPv6
    address (a single host owns every address in it, so counting addresses one by one would
    give it 2⁶⁴ budgets), ``unknown`` for a caller that could not be told, any other text
    (a test transport's name) as is."""
    if caller is None:
        return UNKNOWN_CALLER
    try:
        address = ipaddress.ip_address(caller)
    except ValueError:
        return caller
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, _IPV6_BLOCK), strict=False))
    return str(address)
