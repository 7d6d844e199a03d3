"""Prometheus metrics (``GET /metrics``). Labels never name a session, token or client.

With several worker processes, set ``PROMETHEUS_MULTIPROC_DIR`` so prometheus-client
aggregates across them.
"""

from __future__ import annotations

from typing import Final

from litestar.plugins.prometheus import PrometheusConfig
from prometheus_client import Counter, Gauge

from zenhire.domain.use_cases.close_expired import SweepReport

HTTP: Final = PrometheusConfig(
    app_name="zenhire", prefix="zenhire", group_path=True, exclude=["/metrics"]
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


def record_sweep(report: SweepReport) -> None:
    SWEEPS.inc()
    TIMEOUTS.inc(report.timed_out)
    SWEEP_CLOSES.labels("timed_out").inc(report.timed_out)
    SWEEP_CLOSES.labels("link_expired").inc(report.links_expired)
    SWEEP_CLOSES.labels("waiter_dropped").inc(report.waiters_dropped)
