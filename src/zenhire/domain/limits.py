"""Input limits of the public contract, shared by the domain checks and the HTTP schemas."""

from typing import Final

ROLE_NAME_MAX: Final = 200
LANGUAGE_MAX: Final = 64
SYSTEM_PROMPT_MAX: Final = 20_000
CANDIDATE_REF_MAX: Final = 256
METADATA_MAX_KEYS: Final = 50
METADATA_KEY_MAX: Final = 40
METADATA_STRING_MAX: Final = 500
METADATA_MAX_BYTES: Final = 8_192
TAGS_MAX: Final = 20
TAG_MAX: Final = 40
DELIVERY_ID_MAX: Final = 255
FEEDBACK_COMMENT_MAX: Final = 2_000
NAME_MAX: Final = 200
REASON_MAX: Final = 500
S3_KEY_MAX: Final = 1_024
TRANSCRIPT_MAX_BYTES: Final = 50_000_000  # 50 MB; larger ones are refused, never buffered
ERROR_CODE_MAX: Final = 64
SVC_SESSION_ID_MAX: Final = 255
LIST_LIMIT_MAX: Final = 100
LIST_LIMIT_DEFAULT: Final = 20
BODY_MAX_BYTES: Final = 64 * 1024
# What the store's integer columns hold: counts (caps, rate limits, durations) are 32-bit,
# credit amounts 64-bit. A balance an operator sets stays within ±BALANCE_MAX, half the
# 64-bit range, so the charges that follow it can never overflow.
COUNT_MAX: Final = 2**31 - 1
AMOUNT_MAX: Final = 2**63 - 1
BALANCE_MAX: Final = 2**62
RECENT_TRANSACTIONS: Final = 20
