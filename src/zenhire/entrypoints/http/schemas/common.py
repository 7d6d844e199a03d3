"""Shared wire types and constraints."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec

from zenhire.domain import limits

AwareDatetime = Annotated[datetime, msgspec.Meta(tz=True)]
# An instant as the API writes it: ISO 8601 UTC with milliseconds and Z.
Timestamp = Annotated[str, msgspec.Meta(extra_json_schema={"format": "date-time"})]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.NAME_MAX)]
RoleName = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.ROLE_NAME_MAX)]
Language = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.LANGUAGE_MAX)]
SystemPrompt = Annotated[str, msgspec.Meta(max_length=limits.SYSTEM_PROMPT_MAX)]
MetadataKey = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.METADATA_KEY_MAX)]
MetadataString = Annotated[str, msgspec.Meta(max_length=limits.METADATA_STRING_MAX)]
Tag = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.TAG_MAX)]
DeliveryId = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.DELIVERY_ID_MAX)]
S3Key = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.S3_KEY_MAX)]
ErrorCode = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.ERROR_CODE_MAX)]
SvcSessionId = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.SVC_SESSION_ID_MAX)]
Comment = Annotated[str, msgspec.Meta(max_length=limits.FEEDBACK_COMMENT_MAX)]
Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=limits.REASON_MAX)]
Token = Annotated[str, msgspec.Meta(min_length=1, max_length=512)]
Rating = Annotated[int, msgspec.Meta(ge=1, le=5)]
NonNegativeInt = Annotated[int, msgspec.Meta(ge=0)]
PositiveInt = Annotated[int, msgspec.Meta(ge=1)]


class Strict(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Base of every request body."""


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
