"""Shared wire types and constraints."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar

import msgspec

from zenhire.domain import limits
from zenhire.domain.use_cases.admin_clients import KNOWN_PERMISSIONS

AwareDatetime = Annotated[datetime, msgspec.Meta(tz=True)]
# An instant as the API writes it: ISO 8601 UTC with milliseconds and Z.
Timestamp = Annotated[str, msgspec.Meta(extra_json_schema={"format": "date-time"})]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.NAME_MAX)]
RoleName = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.ROLE_NAME_MAX)]
Language = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.LANGUAGE_MAX)]
SystemPrompt = Annotated[str, msgspec.Meta(max_length=limits.SYSTEM_PROMPT_MAX)]
MetadataKey = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.METADATA_KEY_MAX)]
MetadataString = Annotated[str, msgspec.Meta(max_length=limits.METADATA_STRING_MAX)]
Metadata = Annotated[
    dict[MetadataKey, MetadataString | int | float | bool],
    msgspec.Meta(extra_json_schema={"maxProperties": limits.METADATA_MAX_KEYS}),
]
Tag = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.TAG_MAX)]
# Counted and compared by the domain (with its own messages); stated here for the document.
Tags = Annotated[
    list[Tag], msgspec.Meta(extra_json_schema={"maxItems": limits.TAGS_MAX, "uniqueItems": True})
]
DeliveryId = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.DELIVERY_ID_MAX)]
S3Key = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.S3_KEY_MAX)]
ErrorCode = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.ERROR_CODE_MAX)]
SvcSessionId = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.SVC_SESSION_ID_MAX)]
Comment = Annotated[str, msgspec.Meta(max_length=limits.FEEDBACK_COMMENT_MAX)]
Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.REASON_MAX)]
Token = Annotated[str, msgspec.Meta(min_length=1, max_length=512)]
Rating = Annotated[int, msgspec.Meta(ge=1, le=5)]
# The domain refuses unknown permissions and a zero amount; the document states both.
Permission = Annotated[str, msgspec.Meta(extra_json_schema={"enum": sorted(KNOWN_PERMISSIONS)})]
CreditAmount = Annotated[
    int,
    msgspec.Meta(
        ge=-limits.AMOUNT_MAX, le=limits.AMOUNT_MAX, extra_json_schema={"not": {"const": 0}}
    ),
]
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_IPV4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
_H16 = r"[0-9A-Fa-f]{1,4}"
_LS32 = rf"(?:{_H16}:{_H16}|{_IPV4})"
_IPV6 = (
    "(?:"
    + "|".join(  # RFC 3986's IPv6address, one branch per place of "::"
        [
            rf"(?:{_H16}:){{6}}{_LS32}",
            rf"::(?:{_H16}:){{5}}{_LS32}",
            rf"(?:{_H16})?::(?:{_H16}:){{4}}{_LS32}",
            rf"(?:(?:{_H16}:){{0,1}}{_H16})?::(?:{_H16}:){{3}}{_LS32}",
            rf"(?:(?:{_H16}:){{0,2}}{_H16})?::(?:{_H16}:){{2}}{_LS32}",
            rf"(?:(?:{_H16}:){{0,3}}{_H16})?::{_H16}:{_LS32}",
            rf"(?:(?:{_H16}:){{0,4}}{_H16})?::{_LS32}",
            rf"(?:(?:{_H16}:){{0,5}}{_H16})?::{_H16}",
            rf"(?:(?:{_H16}:){{0,6}}{_H16})?::",
        ]
    )
    + ")"
)
IPV6 = _IPV6  # RFC 3986's IPv6address (also in webhook URLs)
# An IPv4 or IPv6 address, or either with a prefix length (a CIDR).
IpOrCidr = Annotated[
    str,
    msgspec.Meta(
        pattern=rf"^(?:{_IPV4}(?:/(?:3[0-2]|[12]?[0-9]))?|{_IPV6}(?:/(?:12[0-8]|1[01][0-9]|[1-9]?[0-9]))?)$"
    ),
]
NonNegativeInt = Annotated[int, msgspec.Meta(ge=0)]
# Bounded by what the store holds (larger values are 400, never a database error).
Count = Annotated[int, msgspec.Meta(ge=1, le=limits.COUNT_MAX)]
InitialCredits = Annotated[int, msgspec.Meta(ge=0, le=limits.BALANCE_MAX)]


class Strict(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Base of every request body (decoded without coercion: ``http/strict_input.py``)."""

    # NUL characters in a body's strings are refused, unless the body keeps them for its use
    # case to remove (a completion is never refused for its text).
    keeps_nul: ClassVar[bool] = False


class Out(msgspec.Struct, kw_only=True):
    """Base of every response body."""


class ErrorDetail(Out, omit_defaults=True):
    code: str
    message: str
    timestamp: Timestamp
    requestId: str  # noqa: N815  # the public envelope's name
    details: dict[str, Any] | msgspec.UnsetType = msgspec.UNSET
    retryAfterSeconds: int | msgspec.UnsetType = msgspec.UNSET  # noqa: N815


class ErrorBody(Out):
    """The envelope of every 4xx and 5xx response."""

    error: ErrorDetail
