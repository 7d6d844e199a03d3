"""The console's use cases, provided per request like the API's.

Those that write through the unit of work and commit it (``CONSOLE_WRITES``) are composed as
``conflicts.retried_once`` of themselves, like the API's; the others are provided as they are.
"""

from __future__ import annotations

from typing import Any, Final

from zenhire.domain.console.use_cases.accept_invite import AcceptInvite
from zenhire.domain.console.use_cases.audit import ListAudit, RecordChange
from zenhire.domain.console.use_cases.change_password import ChangePassword
from zenhire.domain.console.use_cases.invites import InviteUser
from zenhire.domain.console.use_cases.keys import RevokeOwnKey
from zenhire.domain.console.use_cases.login import Login, Logout
from zenhire.domain.console.use_cases.overview import Overview
from zenhire.domain.console.use_cases.resolve_session import ResolveSession
from zenhire.domain.console.use_cases.rotate_key import RotateOwnKey
from zenhire.domain.console.use_cases.users import ChangeUser, ListUsers
from zenhire.entrypoints.console.admin_users import OperatorInvite

# Nothing is staged in the request's unit of work before any of these runs, and each commits
# it: a lost transaction can be rolled back and the whole use case run again.
CONSOLE_WRITES: Final[tuple[type[Any], ...]] = (
    InviteUser,
    AcceptInvite,
    Login,
    Logout,
    ResolveSession,
    ChangePassword,
    ChangeUser,
)

# Reads; RecordChange, which stages an entry for another use case's commit; OperatorInvite,
# around the retried InviteUser; and RotateOwnKey, whose commit is the retried CreateApiKey's.
# RevokeOwnKey is not retried: its page stages the audit entry (RecordChange) before it,
# which a retry's rollback would drop, committing the revocation without its entry.
CONSOLE_USE_CASES: Final[tuple[type[Any], ...]] = (
    RecordChange,
    ListUsers,
    ListAudit,
    Overview,
    RevokeOwnKey,
    RotateOwnKey,
    OperatorInvite,
)
