"""Who is acting in the console: the signed-in user, as the use cases see them."""

from __future__ import annotations

from dataclasses import dataclass, field

from zenhire.domain.console.model import ConsoleUserId, Role
from zenhire.domain.errors.console import RoleForbiddenError
from zenhire.domain.model.ids import ClientId


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    user_id: ConsoleUserId
    client_id: ClientId
    email: str
    role: Role
    ip: str | None = None
    # The digest of the session the request came with (kept by a password change).
    session_digest: bytes = field(default=b"", repr=False)

    def require_change(self) -> None:
        """Viewers only read: any change → ROLE_FORBIDDEN."""
        if not self.role.can_change:
            raise RoleForbiddenError()

    def require_owner(self) -> None:
        if not self.role.manages_users:
            raise RoleForbiddenError()
