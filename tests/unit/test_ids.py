"""UUIDv7 ids: time-ordered, and within one process strictly increasing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from unittest import mock

import pytest

from zenhire.adapters import ids
from zenhire.adapters.ids import uuid7


@pytest.fixture(autouse=True)
def own_sequence() -> Iterator[None]:
    """These tests move the process's sequence to other instants: give it back after."""
    saved = ids._last
    ids._last = (0, 0)
    yield
    ids._last = saved


def test_ids_minted_in_one_millisecond_keep_their_order() -> None:
    with mock.patch.object(ids.time, "time_ns", return_value=1_800_000_000_000_000_000):
        minted = [uuid7() for _ in range(1_000)]
    assert minted == sorted(minted)
    assert len(set(minted)) == 1_000
    assert {u.int >> 80 for u in minted} <= {1_800_000_000_000, 1_800_000_000_001}


def test_a_full_counter_borrows_the_next_millisecond_and_a_clock_step_back_goes_on() -> None:
    with mock.patch.object(ids.time, "time_ns", return_value=1_900_000_000_000_000_000):
        minted = [uuid7() for _ in range(5_000)]  # more than 4,096 in one millisecond
    with mock.patch.object(ids.time, "time_ns", return_value=1_899_000_000_000_000_000):
        minted.append(uuid7())  # the clock stepped back a second
    assert minted == sorted(minted)
    assert len(set(minted)) == len(minted)


def test_version_variant_and_time() -> None:
    before = time.time_ns() // 1_000_000
    made = uuid7()
    after = time.time_ns() // 1_000_000
    assert made.version == 7
    assert made.variant == "specified in RFC 4122"
    assert before <= made.int >> 80 <= after + 1
