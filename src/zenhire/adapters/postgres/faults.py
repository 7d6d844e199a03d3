"""Which database failures pass by themselves, decided by SQLSTATE whatever library raised them.

A request that meets one of these is answered 503 ``STORAGE_UNAVAILABLE`` with
``retryAfterSeconds`` (the same request, sent again shortly, may well succeed); anything else
is a bug and a 500. The error may come from asyncpg directly (``.sqlstate``) or wrapped by
SQLAlchemy (``DBAPIError`` whose ``.orig`` carries ``.sqlstate``/``.pgcode``, with asyncpg's
exception as its cause): every path asks :func:`is_transient`, so one condition gets one answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

import asyncpg
from sqlalchemy import exc as sa_exc

from zenhire.domain.errors import AdmissionStateChangedError, StorageUnavailableError

# Single conditions that end by themselves.
TRANSIENT_SQLSTATES: Final = frozenset(
    {
        "55P03",  # lock_not_available: lock_timeout
        "57014",  # query_canceled: statement_timeout
        "40001",  # serialization_failure
        "40P01",  # deadlock_detected
        "25P03",  # idle_in_transaction_session_timeout: the session was ended
        "57P01",  # admin_shutdown
        "57P02",  # crash_shutdown
        "57P03",  # cannot_connect_now: the server is starting or recovering
        "57P05",  # idle_session_timeout
    }
)
# Whole classes: 08 connection exceptions, 53 insufficient resources (53300 too many
# connections, out of memory, disk full).
TRANSIENT_CLASSES: Final = ("08", "53")
# An admission's check that the client's state is still the one it decided on
# (``admission_unchanged``, migration 0012): not a fault, the decision is made again.
ADMISSION_STATE_CHANGED: Final = "ZH409"
# Retrying the whole transaction at once may succeed (the other party has moved on).
RETRYABLE_SQLSTATES: Final = frozenset({"40001", "40P01"})

# Failures without a SQLSTATE that mean the database could not be reached or answer in time.
_UNREACHABLE: Final = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,  # the connection is closed or was lost mid-call
    sa_exc.TimeoutError,  # no pooled connection became free in time
    sa_exc.InterfaceError,
    sa_exc.OperationalError,
)
_DEPTH: Final = 8  # how far along .orig / __cause__ a cause is looked for


def _chain(error: BaseException) -> list[BaseException]:
    """``error`` and what it wraps: SQLAlchemy's ``.orig``, else the explicit cause (not the
    implicit context: a bug raised while handling an outage is still a bug)."""
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(seen) < _DEPTH and current not in seen:
        seen.append(current)
        orig = getattr(current, "orig", None)
        if isinstance(orig, BaseException) and orig not in seen:
            current = orig
        else:
            current = current.__cause__
    return seen


def sqlstate_of(error: BaseException) -> str | None:
    """The SQLSTATE the server (or driver) gave this failure, if any."""
    for link in _chain(error):
        for attribute in ("sqlstate", "pgcode"):
            code = getattr(link, attribute, None)
            if isinstance(code, str) and len(code) == 5:
                return code
    return None


def is_transient(error: BaseException) -> bool:
    """True when the failure may pass by itself: answer 503 and let the caller retry."""
    code = sqlstate_of(error)
    if code is not None:
        return code in TRANSIENT_SQLSTATES or code.startswith(TRANSIENT_CLASSES)
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    return any(isinstance(link, _UNREACHABLE) for link in _chain(error))


def is_retryable(error: BaseException) -> bool:
    """True for a deadlock or serialization failure: the transaction was rolled back and may
    be run again at once."""
    return sqlstate_of(error) in RETRYABLE_SQLSTATES


_DRIVER_ERRORS: Final = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError)


@contextmanager
def storage_errors() -> Iterator[None]:
    """Re-raise a driver failure that may pass by itself as ``StorageUnavailableError``, with
    the driver's error as its cause (``AdmissionStateChangedError`` for an admission's failed
    check); any other error keeps its own type."""
    try:
        yield
    except _DRIVER_ERRORS as error:
        if sqlstate_of(error) == ADMISSION_STATE_CHANGED:
            raise AdmissionStateChangedError() from error
        if is_transient(error):
            raise StorageUnavailableError() from error
        raise
