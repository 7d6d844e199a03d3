"""Argon2id password hashing (argon2-cffi, its default parameters)."""

from __future__ import annotations

from typing import Final

from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from zenhire.domain.console.ports import PasswordHasher

# Verified against when the email is unknown, so such a login costs one Argon2 verification
# like any other (hashed once per process, with the same parameters as real hashes).
_DUMMY_PASSWORD: Final = "zenhire-console-dummy-password"  # noqa: S105  # never a real one


class Argon2Passwords(PasswordHasher):
    def __init__(self) -> None:
        self._argon2 = Argon2()
        self._dummy = self._argon2.hash(_DUMMY_PASSWORD)

    def hash(self, password: str) -> str:
        return self._argon2.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def verify_dummy(self, password: str) -> None:
        self.verify(self._dummy, password)
