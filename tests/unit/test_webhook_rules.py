"""Pure webhook rules: the retry schedule, the addresses refused, the signature as an
independent Standard Webhooks implementation reads it."""

from __future__ import annotations

import base64
import ipaddress
import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks import Webhook

from zenhire.domain.errors import InvalidInputError
from zenhire.domain.webhooks.manage import check_events
from zenhire.domain.webhooks.model import parse_event_id, public_event_id
from zenhire.domain.webhooks.schedule import next_attempt, retry_delay
from zenhire.domain.webhooks.signing import delivery_headers
from zenhire.domain.webhooks.urls import refused


class TestSchedule:
    @pytest.mark.parametrize(
        ("attempts", "seconds"),
        [(1, 5), (2, 30), (3, 180), (4, 1_080), (5, 6_480), (6, 21_600), (7, 21_600), (40, 21_600)],
    )
    def test_base_times_six_to_the_n_minus_one_capped_at_six_hours(
        self, attempts: int, seconds: int
    ) -> None:
        assert retry_delay(attempts, 5, 0).total_seconds() == pytest.approx(seconds)

    def test_jitter_is_bounded_to_twenty_percent(self) -> None:
        assert retry_delay(2, 5, 0.2).total_seconds() == pytest.approx(36)
        assert retry_delay(2, 5, -0.2).total_seconds() == pytest.approx(24)
        assert retry_delay(2, 5, 5.0).total_seconds() == pytest.approx(36)

    def test_no_attempt_after_the_maximum_age(self) -> None:
        at = datetime(2026, 1, 1, tzinfo=UTC)
        later = at + timedelta(days=3) - timedelta(seconds=3)
        assert (
            next_attempt(now=later, attempts=2, event_at=at, base=5, max_age=259_200, jitter=0)
            is None
        )
        assert next_attempt(
            now=at, attempts=1, event_at=at, base=5, max_age=259_200, jitter=0
        ) == at + timedelta(seconds=5)


class TestAddresses:
    @pytest.mark.parametrize(
        "address",
        [
            "127.0.0.1",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",  # noqa: S104  # an address judged, not bound
            "224.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "2001:db8::1",
        ],
    )
    def test_refused(self, address: str) -> None:
        assert refused(ipaddress.ip_address(address))

    @pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
    def test_public(self, address: str) -> None:
        assert not refused(ipaddress.ip_address(address))


class TestSignature:
    def test_every_signature_verifies_with_standardwebhooks(self) -> None:
        old = "whsec_" + base64.b64encode(b"o" * 32).decode()
        new = "whsec_" + base64.b64encode(b"n" * 32).decode()
        body = json.dumps({"id": "evt_1", "type": "ping", "data": {}}).encode()
        headers = delivery_headers([new, old], "evt_1", int(time.time()), body)
        assert len(headers["webhook-signature"].split(" ")) == 2
        assert Webhook(new).verify(body, headers)["type"] == "ping"
        assert Webhook(old).verify(body, headers)["type"] == "ping"
        stranger = "whsec_" + base64.b64encode(b"s" * 32).decode()
        with pytest.raises(Exception, match=r"(?i)signature"):
            Webhook(stranger).verify(body, headers)
        with pytest.raises(Exception, match=r"(?i)signature"):
            Webhook(new).verify(body + b" ", headers)


class TestNames:
    def test_event_ids_round_trip(self) -> None:
        from uuid import UUID

        value = UUID("0197a3e1-7a8b-7c9d-8e0f-1a2b3c4d5e6f")
        assert parse_event_id(public_event_id(value)) == value
        assert parse_event_id("evt_nothex") is None
        assert parse_event_id(str(value)) is None

    def test_event_lists(self) -> None:
        assert check_events(("session.completed", "*")) == ("*",)
        assert check_events(("session.failed",)) == ("session.failed",)
        for bad in ((), ("ping",), ("session.failed", "session.failed"), ("nope",)):
            with pytest.raises(InvalidInputError):
                check_events(bad)
