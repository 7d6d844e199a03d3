"""Name resolution for webhook URLs (a port, so tests inject a table)."""

from __future__ import annotations

import ipaddress
from typing import Protocol

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Resolver(Protocol):
    async def resolve(self, host: str) -> list[IpAddress]:
        """The addresses ``host`` resolves to now; empty when it does not resolve."""
        ...
