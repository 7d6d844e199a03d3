"""Prometheus metrics (``GET /metrics``). Labels never name a session, token or client, and
take only bounded values: route templates (``unmatched`` for unknown paths) and the methods the
API serves (``other`` for any other), so unauthenticated requests cannot multiply the series.

With several worker processes (``WORKERS`` > 1) every worker writes its counts to files in
``PROMETHEUS_MULTIPROC_DIR`` (prometheus-client's multiprocess mode) and any worker's
``/metrics`` sums all of them, so every scrape reports the same totals. ``zenhire serve`` sets
the directory up before the workers start (``shared_across_workers``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import generate_latest
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

from zenhire.domain.model.sweep_report import SweepReport

MULTIPROC_ENV: Final = "PROMETHEUS_MULTIPROC_DIR"
# Every method a route of the API answers (tests keep this in step with the routes).
SERVED_METHODS: Final = frozenset({"GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"})
OTHER_METHOD: Final = "other"

if _shared := os.environ.get(MULTIPROC_ENV):  # the metrics below open their files in it
    Path(_shared).mkdir(parents=True, exist_ok=True)

_HTTP_LABELS: Final = ["method", "path", "status_code"]  # path is the route template
REQUESTS: Final = Counter("zenhire_requests", "HTTP requests answered.", _HTTP_LABELS)
REQUEST_SECONDS: Final = Histogram(
    "zenhire_request_duration_seconds", "Time to answer an HTTP request.", _HTTP_LABELS
)
SESSIONS_CREATED: Final = Counter("zenhire_sessions_created", "Candidate links minted.", ["kind"])
ADMISSIONS: Final = Counter("zenhire_admissions", "Verifies that admitted.", ["reconnect"])
HOLD_OFFS: Final = Counter("zenhire_hold_offs", "Verifies held off at the cap.")
WAITING_LINE: Final = Gauge(
    "zenhire_waiting_line_length",
    "Length of the waiting line seen by the latest hold-off.",
    multiprocess_mode="mostrecent",  # across workers: the latest one written
)
COMPLETIONS: Final = Counter("zenhire_completions", "Completion deliveries.", ["outcome"])
TIMEOUTS: Final = Counter("zenhire_timeouts", "Live sessions closed as SESSION_TIMEOUT.")
CREDITS_CHARGED: Final = Counter("zenhire_credits_charged", "Credits charged for interviews.")
SWEEPS: Final = Counter("zenhire_sweeper_runs", "Sweeper runs.")
SWEEP_CLOSES: Final = Counter("zenhire_sweeper_closes", "Rows the sweeper closed.", ["kind"])
SWEEP_FAILURES: Final = Counter(
    "zenhire_sweeper_failures", "Sweeper runs that failed.", ["reason"]
)  # reason: storage_unavailable or error


def record_request(method: str, path: str, status: int, seconds: float) -> None:
    """Count and time one request (the access-log middleware calls this once per request);
    ``path`` is the route template."""
    if path == "/metrics":
        return
    labels = (method if method in SERVED_METHODS else OTHER_METHOD, path, str(status))
    REQUESTS.labels(*labels).inc()
    REQUEST_SECONDS.labels(*labels).observe(seconds)


def record_sweep(report: SweepReport) -> None:
    SWEEPS.inc()
    TIMEOUTS.inc(report.timed_out)
    SWEEP_CLOSES.labels("timed_out").inc(report.timed_out)
    SWEEP_CLOSES.labels("link_expired").inc(report.links_expired)
    SWEEP_CLOSES.labels("waiter_dropped").inc(report.waiters_dropped)


def exposition() -> bytes:
    """The text of a scrape: in multiprocess mode the sum over every worker's files (a fresh
    registry each time, as prometheus-client requires), else this process's registry."""
    directory = os.environ.get(MULTIPROC_ENV)
    if not directory:
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]
    return generate_latest(registry)


def worker_stopped() -> None:
    """Drop this worker's live-only series from the shared files (a no-op in one process)."""
    if directory := os.environ.get(MULTIPROC_ENV):
        mark_process_dead(os.getpid(), directory)  # type: ignore[no-untyped-call]


@contextmanager
def shared_across_workers(workers: int) -> Iterator[None]:
    """Around the server's run, in the parent before the workers start: with ``workers`` > 1
    they share counts through ``PROMETHEUS_MULTIPROC_DIR``. Unset, it becomes a fresh
    temporary directory, removed on exit. Set (any number of workers), the files of earlier
    runs are wiped first, as prometheus-client requires: their counts would be added to this
    run's. This process's own files stay (it may have opened them already)."""
    if given := os.environ.get(MULTIPROC_ENV):
        mine = f"_{os.getpid()}.db"
        for stale in Path(given).glob("*.db"):
            if not stale.name.endswith(mine):
                stale.unlink(missing_ok=True)
        yield
        return
    if workers <= 1:
        yield
        return
    directory = tempfile.mkdtemp(prefix="zenhire-metrics-")
    os.environ[MULTIPROC_ENV] = directory
    try:
        yield
    finally:
        os.environ.pop(MULTIPROC_ENV, None)
        shutil.rmtree(directory, ignore_errors=True)
