"""Adapters for code that runs outside any container: the uvicorn protocol, the ASGI
middleware that names requests, the error envelope's timestamp, the demo's minted secrets."""

from __future__ import annotations

from typing import Final

from zenhire.adapters.clock import SystemClock
from zenhire.adapters.tokens import mint_request_id, mint_secret
from zenhire.domain.ports import Clock

CLOCK: Final[Clock] = SystemClock()

__all__ = ["CLOCK", "mint_request_id", "mint_secret"]
