"""The S2S signature scheme, row by row."""

from __future__ import annotations

import json

import pytest

from zenhire.domain.errors import InvalidSignatureError, SignatureExpiredError
from zenhire.domain.signatures import sign, signature_header, verify_signature

SECRET = "s3cret"
NOW = 1_800_000_000
BODY = b'{"token":"zht_abc"}'


def check(
    header: str | None,
    body: bytes = BODY,
    ts: str | None = None,
    secrets: tuple[str, ...] = (SECRET,),
    now: int = NOW,
) -> None:
    verify_signature(header, ts, body, secrets, now)


class TestSignatures:
    def test_valid(self) -> None:
        check(signature_header(SECRET, NOW, BODY))

    def test_tampered_body(self) -> None:
        with pytest.raises(InvalidSignatureError):
            check(signature_header(SECRET, NOW, BODY), body=BODY.replace(b"abc", b"abd"))

    def test_wrong_secret(self) -> None:
        with pytest.raises(InvalidSignatureError):
            check(signature_header("other", NOW, BODY))

    @pytest.mark.parametrize(
        "header",
        [
            None,
            "",
            f"v1={sign(SECRET, NOW, BODY)}",
            f"t={NOW}",
            f"t={NOW},v1=",
            "garbage",
            f"t=abc,v1={sign(SECRET, NOW, BODY)}",
            f"t={NOW},t={NOW},v1={sign(SECRET, NOW, BODY)}",
        ],
    )
    def test_missing_or_malformed_parts(self, header: str | None) -> None:
        with pytest.raises(InvalidSignatureError):
            check(header)

    @pytest.mark.parametrize("skew", [301, -301])
    def test_stale_and_future_timestamps(self, skew: int) -> None:
        t = NOW - skew
        with pytest.raises(SignatureExpiredError):
            check(signature_header(SECRET, t, BODY))

    @pytest.mark.parametrize("skew", [300, -300])
    def test_tolerance_edge(self, skew: int) -> None:
        check(signature_header(SECRET, NOW - skew, BODY))

    def test_two_v1_one_valid(self) -> None:
        good = sign(SECRET, NOW, BODY)
        check(f"t={NOW},v1={'0' * 64},v1={good}")

    def test_rotated_secrets(self) -> None:
        check(signature_header("new", NOW, BODY), secrets=("old", "new"))

    def test_reserialised_json_fails(self) -> None:
        header = signature_header(SECRET, NOW, BODY)
        reserialised = json.dumps(json.loads(BODY), indent=2).encode()
        with pytest.raises(InvalidSignatureError):
            check(header, body=reserialised)

    def test_timestamp_header_must_match(self) -> None:
        header = signature_header(SECRET, NOW, BODY)
        check(header, ts=str(NOW))
        with pytest.raises(InvalidSignatureError):
            check(header, ts=str(NOW + 1))
