"""Name resolution and the HTTP sender of webhook deliveries (httpx).

The sender connects to the address it is given (the one the URL rules just checked) and
sends the URL's host as ``Host`` (and, for https, as the TLS server name, so the certificate
is verified against the name, not the address): a name that resolves elsewhere by the time
the connection is made cannot redirect the request. Redirects are never followed, and at
most ``BODY_READ_MAX`` bytes of an answer are read.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections import OrderedDict
from typing import Final
from urllib.parse import urlsplit, urlunsplit

import httpx

from zenhire.domain.ports.resolver import IpAddress, Resolver
from zenhire.domain.ports.sender import OutgoingRequest, Sender, SendResult

BODY_READ_MAX: Final = 4_096
# Connections per origin; the dispatcher keeps no more attempts than this in flight.
PER_ORIGIN_CONNECTIONS: Final = 64


class SystemResolver(Resolver):
    async def resolve(self, host: str) -> list[IpAddress]:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            return []
        found: list[IpAddress] = []
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if address not in found:
                found.append(address)
        return found


class StaticResolver(Resolver):
    """A fixed table of names (tests and demos); names not in it do not resolve."""

    def __init__(self, table: dict[str, list[str]] | None = None) -> None:
        self.table = {k: [ipaddress.ip_address(a) for a in v] for k, v in (table or {}).items()}

    async def resolve(self, host: str) -> list[IpAddress]:
        return list(self.table.get(host.lower(), []))


class HttpxSender(Sender):
    """A small pooled httpx client per origin (address, port and scheme): each holds only the
    few connections one endpoint's attempts use at once (httpcore's pool costs grow with the
    number of connections it holds). ``close`` at shutdown."""

    def __init__(self, per_origin: int = PER_ORIGIN_CONNECTIONS, origins: int = 256) -> None:
        self._per_origin = per_origin
        self._origins = origins
        self._clients: OrderedDict[str, httpx.AsyncClient] = OrderedDict()
        self._closing: set[asyncio.Future[None]] = set()

    async def close(self) -> None:
        clients, self._clients = list(self._clients.values()), OrderedDict()
        for client in clients:
            await client.aclose()

    def _client(self, origin: str) -> httpx.AsyncClient:
        client = self._clients.get(origin)
        if client is not None:
            self._clients.move_to_end(origin)
            return client
        client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=None,  # noqa: S113  # the attempt's own deadline (asyncio.timeout) bounds it whole
            limits=httpx.Limits(
                max_connections=self._per_origin, max_keepalive_connections=self._per_origin
            ),
            trust_env=False,  # no proxy from the environment: the checked address is the peer
        )
        self._clients[origin] = client
        if len(self._clients) > self._origins:  # the least recently used goes
            _, oldest = self._clients.popitem(last=False)
            task = asyncio.ensure_future(oldest.aclose())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)
        return client

    async def post(self, request: OutgoingRequest) -> SendResult:
        parts = urlsplit(request.url)
        host = parts.hostname or ""
        literal = f"[{request.address}]" if request.address.version == 6 else str(request.address)
        netloc = literal if parts.port is None else f"{literal}:{parts.port}"
        target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        headers = {**request.headers, "host": parts.netloc.rsplit("@", 1)[-1]}
        extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
        try:
            client = self._client(f"{parts.scheme}://{netloc}/{host}")
            async with asyncio.timeout(request.timeout_seconds):
                return await self._send(client, target, headers, request.body, extensions)
        except TimeoutError:
            return SendResult(None, b"", f"timed out after {request.timeout_seconds:g} s")
        except httpx.HTTPError as error:
            return SendResult(None, b"", f"{type(error).__name__}: {error}"[:500])
        except OSError as error:
            return SendResult(None, b"", f"{type(error).__name__}: {error}"[:500])

    async def _send(
        self,
        client: httpx.AsyncClient,
        url: str,
        headers: dict[str, str],
        body: bytes,
        extensions: dict[str, str],
    ) -> SendResult:
        request = client.build_request(
            "POST", url, headers=headers, content=body, extensions=extensions
        )
        response = await client.send(request, stream=True)
        try:
            head = b""
            async for chunk in response.aiter_raw():
                head += chunk
                if len(head) >= BODY_READ_MAX:
                    break
            return SendResult(response.status_code, head[:BODY_READ_MAX], None)
        finally:
            await response.aclose()
