"""A use case whose transaction lost a deadlock or a serialization check runs once more.

PostgreSQL answers such a transaction with SQLSTATE 40P01 (deadlock detected: it was chosen
as the victim) or 40001 (serialization failure) and has already rolled it back whole: none of
its writes landed. Running the same use case again at once, in a new transaction, usually
succeeds, because the other party now holds or has released what it waited for. So the use
cases that write through the unit of work are composed (``use_cases.UseCaseProvider``; the
console's listed in ``console.use_cases``) as :func:`retried_once` of themselves: the first
such failure rolls back and re-runs the whole use case — every read, decision and write,
never a single statement — and a second one goes to the caller, which answers 503
``STORAGE_UNAVAILABLE`` with ``retryAfterSeconds``.

Running again cannot charge or mint twice: the failed attempt's transaction was rolled back
in full, so its ledger row, its token and its session never existed; only what the second
attempt commits is answered. Writes that commit on their own (the request budget, the
signature memory) are made by guards before the use case runs, never inside one — but for
the console's Login, which counts a failed sign-in on its own before it commits the failure's
audit entry: should that commit be lost, the failure is counted twice (stricter, never
looser). A retry rolls back the whole unit of work, so a use case called by one that had
already written in it (a console page's audit entry, a rotated key's revocation) is not run
again: the failure goes to the caller, and with it the whole request, answered 503.
"""

from __future__ import annotations

import sys
from typing import Any, TypeVar, cast

import structlog

log = structlog.get_logger("zenhire.conflicts")

UseCase = TypeVar("UseCase")


def _lost_transaction(error: BaseException) -> str | None:
    """The SQLSTATE of a deadlock or serialization failure, else None. Only a store that
    loaded the database driver can raise one, so the memory store never imports it."""
    if "asyncpg" not in sys.modules:
        return None
    from zenhire.adapters.postgres.faults import is_retryable, sqlstate_of

    return sqlstate_of(error) if is_retryable(error) else None


def retried_once(use_case: type[UseCase]) -> type[UseCase]:
    """``use_case`` (a class with ``uow`` and an async ``__call__``) whose call, when its
    transaction fails as retryable, is rolled back and made once more."""

    class Retried(use_case):  # type: ignore[valid-type,misc]
        async def __call__(self, *args: Any, **kwargs: Any) -> Any:
            # A caller that wrote before calling (a console page's audit entry, a key's
            # revocation) would lose those writes in the rollback: its transaction is not
            # run again, and the failure goes to the caller whole.
            alone = not self.uow.holds_work()
            try:
                return await super().__call__(*args, **kwargs)
            except Exception as error:
                sqlstate = _lost_transaction(error)
                if sqlstate is None or not alone:
                    raise
                log.info("transaction_retried", use_case=use_case.__name__, sqlstate=sqlstate)
                await self.uow.rollback()
            return await super().__call__(*args, **kwargs)

    Retried.__name__ = Retried.__qualname__ = use_case.__name__
    Retried.__doc__ = use_case.__doc__
    return cast("type[UseCase]", Retried)
