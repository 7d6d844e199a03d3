"""The fixed window both throttles count failures in: its length is its own, its limit the
caller's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from zenhire.domain.console.model import LOGIN_FAILURES_ALLOWED, LOGIN_WINDOW
from zenhire.domain.model.failed_auth import FAILURE_WINDOW
from zenhire.domain.model.failure_window import FailureWindow

T0 = datetime(2026, 1, 1, tzinfo=UTC)
TICK = timedelta(microseconds=1)


def test_a_window_ends_its_length_after_its_first_failure() -> None:
    for length in (FAILURE_WINDOW, LOGIN_WINDOW):
        window = FailureWindow.first(T0, length)
        assert window == FailureWindow(T0, 1, length)
        assert window.ends == T0 + length
        assert window.is_open(T0 + length - TICK)
        assert not window.is_open(T0 + length)


def test_retry_after_counts_whole_seconds_to_the_end_once_the_limit_is_reached() -> None:
    window = FailureWindow(T0, LOGIN_FAILURES_ALLOWED, LOGIN_WINDOW)
    assert window.retry_after(T0, LOGIN_FAILURES_ALLOWED) == 15 * 60
    assert window.retry_after(T0 + timedelta(seconds=0.5), LOGIN_FAILURES_ALLOWED) == 15 * 60
    assert window.retry_after(T0 + LOGIN_WINDOW - TICK, LOGIN_FAILURES_ALLOWED) == 1
    assert window.retry_after(T0 + LOGIN_WINDOW, LOGIN_FAILURES_ALLOWED) is None  # ended
    assert window.retry_after(T0, LOGIN_FAILURES_ALLOWED + 1) is None  # still allowed
    assert window.retry_after(T0, 0) is None  # no limit: never refused


def test_counting_adds_to_an_open_window_and_starts_over_after_it() -> None:
    window = FailureWindow(T0, 2, FAILURE_WINDOW)
    assert window.counting(T0 + FAILURE_WINDOW - TICK) == FailureWindow(T0, 3, FAILURE_WINDOW)
    later = T0 + FAILURE_WINDOW
    assert window.counting(later) == FailureWindow(later, 1, FAILURE_WINDOW)
