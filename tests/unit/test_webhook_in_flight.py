"""A process never has more attempts in flight than one origin's connection pool carries:
endpoints on one host share an origin, and an attempt beyond the pool would wait for a
connection inside its own timeout and lease."""

from __future__ import annotations

from zenhire.adapters.webhook_http import PER_ORIGIN_CONNECTIONS, HttpxSender
from zenhire.entrypoints.webhook_dispatcher import MAX_IN_FLIGHT


def test_in_flight_attempts_fit_one_origins_pool() -> None:
    assert MAX_IN_FLIGHT <= PER_ORIGIN_CONNECTIONS
    assert HttpxSender()._per_origin == PER_ORIGIN_CONNECTIONS  # the sender the service builds
