"""An unknown email costs the same work as a wrong password: one Argon2 verification."""

from __future__ import annotations

from collections import Counter

import pytest
from dishka import Provider, Scope, make_async_container, provide

from tests.console.conftest import PASSWORD, person
from tests.harness import World
from zenhire.adapters.passwords import Argon2Passwords
from zenhire.domain.console.ports import PasswordHasher
from zenhire.domain.console.use_cases.login import Login, LoginCommand
from zenhire.domain.errors.console import LoginFailedError


class CountingPasswords(Argon2Passwords):
    """The real Argon2 hasher, counting the verifications it runs (dummy ones included)."""

    def __init__(self) -> None:
        super().__init__()
        self.work: Counter[str] = Counter()

    def verify(self, password_hash: str, password: str) -> bool:
        self.work["argon2 verifications"] += 1
        return super().verify(password_hash, password)


class CountingProvider(Provider):
    def __init__(self, hasher: CountingPasswords) -> None:
        super().__init__(scope=Scope.APP)
        self.hasher = hasher

    @provide
    def passwords(self) -> PasswordHasher:
        return self.hasher


async def test_unknown_email_does_the_same_work_as_a_wrong_password(world: World) -> None:
    await person(world, await world.tenant(), "known@example.com")
    hasher = CountingPasswords()
    container = make_async_container(*world.providers(), CountingProvider(hasher))
    work = {}
    try:
        for email in ("known@example.com", "unknown@example.com"):
            hasher.work.clear()
            async with container() as scope:
                with pytest.raises(LoginFailedError):
                    await (await scope.get(Login))(
                        LoginCommand(email=email, password="a wrong password")
                    )
            work[email] = dict(hasher.work)
        hasher.work.clear()
        async with container() as scope:
            await (await scope.get(Login))(
                LoginCommand(email="known@example.com", password=PASSWORD)
            )
        work["success"] = dict(hasher.work)
    finally:
        await container.close()
    assert work["known@example.com"] == work["unknown@example.com"] == work["success"]
    assert work["success"] == {"argon2 verifications": 1}


def test_passwords_are_stored_as_argon2id() -> None:
    hasher = Argon2Passwords()
    stored = hasher.hash(PASSWORD)
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert hasher.verify(stored, PASSWORD)
    assert not hasher.verify(stored, PASSWORD + "x")
    assert not hasher.verify("not a hash", PASSWORD)
