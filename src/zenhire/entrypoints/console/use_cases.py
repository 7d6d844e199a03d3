"""The console's use cases, provided per request like the API's."""

from __future__ import annotations

from typing import Final

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

CONSOLE_USE_CASES: Final = (
    InviteUser,
    AcceptInvite,
    Login,
    Logout,
    ResolveSession,
    ChangePassword,
    ChangeUser,
    ListUsers,
    RecordChange,
    ListAudit,
    Overview,
    RevokeOwnKey,
    RotateOwnKey,
    OperatorInvite,
)
