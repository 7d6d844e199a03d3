"""structlog configuration: JSON lines (or console), request ids, and secret redaction."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any, Final, TextIO

import msgspec
import structlog

# Values that look like our secrets, wherever they appear in a log line.
_SECRET_PATTERNS: Final = re.compile(
    r"zh_api_[A-Za-z0-9_\-]+|zht_[A-Za-z0-9_\-]+|v[12]=[0-9a-fA-F]{16,}|#t=[^\s\"']+"
)
_SECRET_KEYS: Final = frozenset(
    {
        "token",
        "api_key",
        "key",
        "authorization",
        "x-api-key",
        "admin_token",
        "secret",
        "s2s_secrets",
        "signature",
        "x-interview-signature",
        "password",
        "candidate_link",
    }
)
REDACTED: Final = "[REDACTED]"


def redact(value: Any) -> Any:
    """Replace secret-looking substrings in strings; recurse into containers."""
    if isinstance(value, str):
        return _SECRET_PATTERNS.sub(REDACTED, value)
    if isinstance(value, dict):
        return {
            k: REDACTED if str(k).lower() in _SECRET_KEYS else redact(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(redact(v) for v in value)
    return value


def redact_processor(_: Any, __: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    for key in list(event):
        event[key] = REDACTED if key.lower() in _SECRET_KEYS else redact(event[key])
    return event


_encoder = msgspec.json.Encoder()


def _dumps(obj: Any, **_: Any) -> str:
    return _encoder.encode(obj).decode()


class _NamedWriteLogger(structlog.WriteLogger):
    """A ``WriteLogger`` that knows its name, for ``add_logger_name``."""

    def __init__(self, file: TextIO, name: str | None) -> None:
        super().__init__(file)
        self.name = name or "zenhire"


def configure_logging(
    fmt: str = "json", level: int = logging.INFO, stream: TextIO | None = None
) -> None:
    """Configure structlog and route stdlib loggers (uvicorn, SQLAlchemy) through it."""
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
        redact_processor,
    ]
    renderer: Any = (
        structlog.dev.ConsoleRenderer()
        if fmt == "console"
        else structlog.processors.JSONRenderer(serializer=_dumps)
    )
    out = stream or sys.stderr
    # The service's own loggers write rendered lines straight to the stream (no trip through
    # the standard library's logging per line: one line per request makes that cost count);
    # foreign loggers (uvicorn, SQLAlchemy) go through logging and the same processors below.
    structlog.configure(
        processors=[*shared, renderer],
        logger_factory=lambda *args: _NamedWriteLogger(out, args[0] if args else None),
        wrapper_class=structlog.make_filtering_bound_logger(level),
        cache_logger_on_first_use=False,
    )
    handler = logging.StreamHandler(out)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                renderer,
            ],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
    # The webhook dispatcher writes one line per attempt itself; httpx would add another.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
