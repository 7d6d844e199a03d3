"""The use-case runner: a transaction lost to a deadlock or a serialization check runs once
more after a rollback; a second loss, and any other failure, goes to the caller as raised."""

from __future__ import annotations

from dataclasses import dataclass, field

import asyncpg
import pytest

from zenhire.domain.errors import StorageUnavailableError
from zenhire.entrypoints.composition.conflicts import retried_once


@dataclass
class Uow:
    rollbacks: int = 0
    written_before: bool = False  # the caller wrote in the unit before calling

    def holds_work(self) -> bool:
        return self.written_before

    async def rollback(self) -> None:
        self.rollbacks += 1


@dataclass
class Flaky:
    """Raises the queued failures one per call, then answers how many calls it took."""

    uow: Uow
    failures: list[BaseException] = field(default_factory=list)
    calls: int = 0

    async def __call__(self, command: str) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return f"{command} after {self.calls}"


def _wrapped(*failures: BaseException) -> Flaky:
    return retried_once(Flaky)(Uow(), list(failures))


def _lost_at_commit() -> StorageUnavailableError:
    """What the unit of work raises when the commit itself lost: the cause keeps the state."""
    try:
        raise StorageUnavailableError() from asyncpg.SerializationError("could not serialize")
    except StorageUnavailableError as error:
        return error


@pytest.mark.parametrize("failure", [asyncpg.DeadlockDetectedError("deadlock"), _lost_at_commit()])
async def test_one_lost_transaction_is_rolled_back_and_run_again(failure: Exception) -> None:
    use_case = _wrapped(failure)
    assert await use_case("verify") == "verify after 2"
    assert (use_case.calls, use_case.uow.rollbacks) == (2, 1)


async def test_a_second_loss_goes_to_the_caller() -> None:
    use_case = _wrapped(asyncpg.DeadlockDetectedError("1"), asyncpg.DeadlockDetectedError("2"))
    with pytest.raises(asyncpg.DeadlockDetectedError, match="2"):
        await use_case("verify")
    assert (use_case.calls, use_case.uow.rollbacks) == (2, 1)


@pytest.mark.parametrize(
    "failure",
    [asyncpg.LockNotAvailableError("lock timeout"), StorageUnavailableError(), ValueError()],
)
async def test_other_failures_are_not_run_again(failure: Exception) -> None:
    use_case = _wrapped(failure)
    with pytest.raises(type(failure)):
        await use_case("verify")
    assert (use_case.calls, use_case.uow.rollbacks) == (1, 0)


def test_the_composed_use_case_is_still_the_use_case() -> None:
    composed = retried_once(Flaky)
    assert issubclass(composed, Flaky)
    assert composed.__name__ == "Flaky"


async def test_a_use_case_called_after_the_caller_wrote_is_not_run_again() -> None:
    """Rolling back would discard the caller's writes (a console page's audit entry, a
    rotated key's revocation) while the second run commits its own: all or nothing."""
    use_case = retried_once(Flaky)(Uow(written_before=True), [asyncpg.DeadlockDetectedError("")])
    with pytest.raises(asyncpg.DeadlockDetectedError):
        await use_case("rotate")
    assert (use_case.calls, use_case.uow.rollbacks) == (1, 0)
