"""Prometheus metrics (``GET /metrics``). Labels never name a session, token or client.

With several worker processes, set ``PROMETHEUS_MULTIPROC_DIR`` so prometheus-client
aggregates across them.
"""

from __future__ import annotations

from typing import Final

from prometheus_client import Counter, Gauge, Histogram

from zenhire.domain.use_cases.close_expired import SweepReport

_HTTP_LABELS: Final = ["method", "path", "status_code"]  # path is the route template
REQUESTS: Final = Counter("zenhire_requests", "HTTP requests answered.", _HTTP_LABELS)
REQUEST_SECONDS: Final = Histogram(
    "zenhire_request_duration_seconds", "Time to answer an HTTP request.", _HTTP_LABELS
)
SESSIONS_CREATED: Final = Counter("zenhire_sessions_created", "Candidate links minted.", ["kind"])
ADMISSIONS: Final = Counter("zenhire_admissions", "Verifies that admitted.", ["reconnect"])
HOLD_OFFS: Final = Counter("zenhire_hold_offs", "Verifies held off at the cap.")
WAITING_LINE: Final = Gauge(
    "zenhire_waiting_line_length", "Length of the waiting line seen by the latest hold-off."
)
COMPLETIONS: Final = Counter("zenhire_completions", "Completion deliveries.", ["outcome"])
TIMEOUTS: Final = Counter("zenhire_timeouts", "Live sessions closed as SESSION_TIMEOUT.")
CREDITS_CHARGED: Final = Counter("zenhire_credits_charged", "Credits charged for interviews.")
SWEEPS: Final = Counter("zenhire_sweeper_runs", "Sweeper runs.")
SWEEP_CLOSES: Final = Counter("zenhire_sweeper_closes", "Rows the sweeper closed.", ["kind"])


def record_request(method: str, path: str, status: int, seconds: float) -> None:
    """Count and time one request (the access-log middleware calls this once per request)."""
    if path == "/metrics":
        return
    labels = (method, path, str(status))
    REQUESTS.labels(*labels).inc()
    REQUEST_SECONDS.labels(*labels).observe(seconds)


def record_sweep(report: SweepReport) -> None:
    SWEEPS.inc()
    TIMEOUTS.inc(report.timed_out)
    SWEEP_CLOSES.labels("timed_out").inc(report.timed_out)
    SWEEP_CLOSES.labels("link_expired").inc(report.links_expired)
    SWEEP_CLOSES.labels("waiter_dropped").inc(report.waiters_dropped)
