"""The HTTP sender of webhook attempts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from zenhire.domain.ports.resolver import IpAddress


@dataclass(frozen=True, slots=True, kw_only=True)
class OutgoingRequest:
    url: str
    address: IpAddress  # connect here (already checked), send the URL's host as Host
    headers: dict[str, str]
    body: bytes = field(repr=False)
    timeout_seconds: float


@dataclass(frozen=True, slots=True)
class SendResult:
    """``status_code`` None: no answer (``error`` says why); ``body_head``: at most 4 KiB."""

    status_code: int | None
    body_head: bytes
    error: str | None


class Sender(Protocol):
    async def post(self, request: OutgoingRequest) -> SendResult:
        """One POST, redirects not followed, within the timeout; never raises for the
        receiver's behaviour (refusal, timeout, reset) — that is a ``SendResult``."""
        ...
