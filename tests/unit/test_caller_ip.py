"""The caller's address: TCP peer, forwarding headers only from trusted proxies (api.md §3)."""

from __future__ import annotations

import pytest

from zenhire.entrypoints.http.caller_ip import TrustedProxies, resolve

NONE = TrustedProxies(())
LOCAL_PROXY = TrustedProxies(["127.0.0.0/8", "::1/128", "10.0.0.0/8"])


def headers(**values: str) -> list[tuple[bytes, bytes]]:
    return [(name.replace("_", "-").encode(), value.encode()) for name, value in values.items()]


@pytest.mark.parametrize(
    ("peer", "sent", "caller"),
    [
        ("127.0.0.1", {}, "127.0.0.1"),
        ("127.0.0.1", {"x_forwarded_for": "10.9.9.9"}, "127.0.0.1"),
        ("127.0.0.1", {"forwarded": "for=10.9.9.9"}, "127.0.0.1"),
        ("::ffff:192.0.2.7", {}, "192.0.2.7"),
        (None, {}, None),
        ("testclient", {"x_forwarded_for": "10.9.9.9"}, "testclient"),
    ],
)
def test_without_trusted_proxies_the_peer_is_the_caller(
    peer: str | None, sent: dict[str, str], caller: str | None
) -> None:
    assert resolve(peer, headers(**sent), NONE) == caller


@pytest.mark.parametrize(
    ("peer", "sent", "caller"),
    [
        ("127.0.0.1", {}, "127.0.0.1"),
        ("127.0.0.1", {"x_forwarded_for": "192.0.2.7"}, "192.0.2.7"),
        # A client's own entries are on the left; the proxy appends the peer it saw.
        ("127.0.0.1", {"x_forwarded_for": "192.0.2.66, 192.0.2.7"}, "192.0.2.7"),
        ("127.0.0.1", {"x_forwarded_for": "192.0.2.7, 10.1.2.3"}, "192.0.2.7"),
        ("127.0.0.1", {"x_forwarded_for": "192.0.2.7:5123"}, "192.0.2.7"),
        ("127.0.0.1", {"x_forwarded_for": "10.1.2.3, 127.0.0.2"}, "10.1.2.3"),
        ("127.0.0.1", {"x_forwarded_for": "garbage, 192.0.2.7"}, "192.0.2.7"),
        ("127.0.0.1", {"x_forwarded_for": "192.0.2.7, garbage"}, None),
        ("127.0.0.1", {"x_forwarded_for": " , "}, "127.0.0.1"),
        ("::1", {"forwarded": 'for="[2001:db8::7]:4711";proto=https'}, "2001:db8::7"),
        ("127.0.0.1", {"forwarded": "for=192.0.2.66, for=192.0.2.7;by=10.0.0.1"}, "192.0.2.7"),
        ("127.0.0.1", {"forwarded": "for=unknown"}, None),
        ("127.0.0.1", {"x_forwarded_for": "192.0.2.7", "forwarded": "for=192.0.2.7"}, "192.0.2.7"),
        # Two headers naming different callers: a client wrote one of them; unknown.
        ("127.0.0.1", {"x_forwarded_for": "192.0.2.7", "forwarded": "for=10.9.9.9"}, None),
        # An untrusted peer's headers are never read.
        ("192.0.2.1", {"x_forwarded_for": "10.9.9.9"}, "192.0.2.1"),
    ],
)
def test_behind_trusted_proxies_the_right_most_untrusted_hop_is_the_caller(
    peer: str, sent: dict[str, str], caller: str | None
) -> None:
    assert resolve(peer, headers(**sent), LOCAL_PROXY) == caller


def test_repeated_header_lines_form_one_chain() -> None:
    sent = [(b"x-forwarded-for", b"192.0.2.66"), (b"x-forwarded-for", b"192.0.2.7, 10.0.0.9")]
    assert resolve("127.0.0.1", sent, LOCAL_PROXY) == "192.0.2.7"


def test_a_bad_entry_is_refused() -> None:
    with pytest.raises(ValueError, match="nope"):
        TrustedProxies(["nope"])
