"""Metric labels stay bounded (api.md §10.3): unknown methods count as ``other``, unknown paths
as ``unmatched``, so unauthenticated requests cannot multiply the series."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from prometheus_client.parser import text_string_to_metric_families

from zenhire.entrypoints.metrics import SERVED_METHODS


def request_labels(text: str) -> list[dict[str, str]]:
    return [
        s.labels
        for family in text_string_to_metric_families(text)
        if family.name == "zenhire_requests"
        for s in family.samples
        if s.name == "zenhire_requests_total"
    ]


async def test_methods_and_paths_outside_the_api_are_folded(client: Any) -> None:
    await client.request("FOO", "/api/v1/health")
    await client.request("PROPFIND", "/api/v1/no-such-route-1")
    await client.request("X-ATTACKER-CHOSEN", "/another/made-up/path")
    await client.get("/api/v1/credits/../../made-up-2?x=1")
    await client.get("/api/v1/health")
    labels = request_labels((await client.get("/metrics")).text)
    methods = {row["method"] for row in labels}
    assert methods <= SERVED_METHODS | {"other"}
    assert {"GET", "other"} <= methods
    paths = {row["path"] for row in labels}
    assert "unmatched" in paths
    assert all("made-up" not in p and "no-such" not in p for p in paths), paths
    folded = [r for r in labels if r["method"] == "other" and r["path"] == "unmatched"]
    assert folded  # FOO on a real route is 405, the others 404: all without a route


async def test_served_methods_are_the_routes_methods(client: Any) -> None:
    app: Litestar = client.app
    served = {method for route in app.routes for method in getattr(route, "methods", ())}
    assert served == SERVED_METHODS
