"""The S2S signature scheme, row by row."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from zenhire.domain.errors import InvalidSignatureError, SignatureExpiredError
from zenhire.domain.signatures import (
    SignedRequest,
    VerifiedSignature,
    sign,
    sign_v2,
    signature_header,
    verify_signature,
)

SECRET = "s3cret"
NOW = 1_800_000_000
BODY = b'{"token":"zht_abc"}'
PATH = "/api/v1/interview/s2s/verify"


def check(
    header: str | None,
    body: bytes = BODY,
    ts: str | None = None,
    secrets: tuple[str, ...] = (SECRET,),
    now: int = NOW,
) -> None:
    verify_signature(header, ts, SignedRequest("POST", PATH, body), secrets, now)


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


def verified(
    header: str, method: str = "POST", path: str = PATH, *, require_v2: bool = False
) -> VerifiedSignature:
    request = SignedRequest(method, path, BODY)
    return verify_signature(header, None, request, (SECRET,), NOW, require_v2=require_v2)


class TestV2:
    """``v2`` covers ``"<t>.<METHOD>.<path>.<body>"``: it cannot be moved to another path."""

    def test_v2_alone(self) -> None:
        verified(f"t={NOW},v2={sign_v2(SECRET, NOW, 'POST', PATH, BODY)}")

    def test_v2_is_the_documented_message(self) -> None:
        message = f"{NOW}.POST.{PATH}.".encode() + BODY
        expected = hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()
        assert sign_v2(SECRET, NOW, "POST", PATH, BODY) == expected

    @pytest.mark.parametrize(
        ("method", "path"),
        [("POST", "/api/v1/interview/s2s/sessions/x/complete"), ("PUT", PATH)],
    )
    def test_v2_for_another_method_or_path_fails(self, method: str, path: str) -> None:
        header = f"t={NOW},v2={sign_v2(SECRET, NOW, 'POST', PATH, BODY)}"
        with pytest.raises(InvalidSignatureError):
            verified(header, method, path)

    def test_require_v2_refuses_v1_only(self) -> None:
        with pytest.raises(InvalidSignatureError):
            verified(signature_header(SECRET, NOW, BODY), require_v2=True)

    def test_require_v2_refuses_a_wrong_v2_beside_a_good_v1(self) -> None:
        with pytest.raises(InvalidSignatureError):
            verified(f"{signature_header(SECRET, NOW, BODY)},v2={'0' * 64}", require_v2=True)

    def test_require_v2_accepts_a_valid_v2(self) -> None:
        verified(signature_header(SECRET, NOW, BODY, method="POST", path=PATH), require_v2=True)

    def test_unknown_entries_are_ignored(self) -> None:
        verified(f"t={NOW},v3=abc,v1={sign(SECRET, NOW, BODY)}")


class TestSignatureIdentity:
    """What the replay memory keeps: the same signed request under any secret or entry."""

    def test_same_request_same_identity_under_either_secret(self) -> None:
        one = verify_signature(
            signature_header("old", NOW, BODY),
            None,
            SignedRequest("POST", PATH, BODY),
            ("old", "new"),
            NOW,
        )
        two = verify_signature(
            signature_header("new", NOW, BODY),
            None,
            SignedRequest("POST", PATH, BODY),
            ("old", "new"),
            NOW,
        )
        assert one == two

    def test_v1_only_is_decided_by_its_v1_identity(self) -> None:
        v1_only = verified(signature_header(SECRET, NOW, BODY))
        assert v1_only.digests == (v1_only.deciding,)

    def test_v1_identity_does_not_depend_on_the_path(self) -> None:
        header = signature_header(SECRET, NOW, BODY)
        assert verified(header).deciding == verified(header, path="/elsewhere").deciding

    def test_with_v2_both_are_remembered_and_v2_decides(self) -> None:
        both = verified(signature_header(SECRET, NOW, BODY, method="POST", path=PATH))
        v1_only = verified(signature_header(SECRET, NOW, BODY))
        assert v1_only.deciding in both.digests
        assert both.deciding != v1_only.deciding
        assert set(both.digests) == {both.deciding, v1_only.deciding}

    def test_a_wrong_entry_is_not_remembered(self) -> None:
        v1_only = verified(f"{signature_header(SECRET, NOW, BODY)},v2={'0' * 64}")
        assert v1_only.digests == (v1_only.deciding,)
