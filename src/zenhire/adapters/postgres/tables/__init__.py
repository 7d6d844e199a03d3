"""SQLAlchemy Core tables: the schema as Alembic and the drift test see it, one module per
area. The service's statements list columns from these (``statements.columns``)."""

from zenhire.adapters.postgres.tables.accounts import api_keys, clients, ledger_entries, projects
from zenhire.adapters.postgres.tables.base import TS, metadata
from zenhire.adapters.postgres.tables.console import (
    console_audit,
    console_invites,
    console_login_failures,
    console_sessions,
    console_users,
)
from zenhire.adapters.postgres.tables.guards import (
    failed_auth_windows,
    rate_windows,
    s2s_signatures,
)
from zenhire.adapters.postgres.tables.idempotency import idempotency_keys
from zenhire.adapters.postgres.tables.interviews import (
    deliveries,
    personas,
    session_events,
    sessions,
    waiters,
)
from zenhire.adapters.postgres.tables.webhooks import (
    webhook_deliveries,
    webhook_endpoints,
    webhook_events,
)

__all__ = [
    "TS",
    "api_keys",
    "clients",
    "console_audit",
    "console_invites",
    "console_login_failures",
    "console_sessions",
    "console_users",
    "deliveries",
    "failed_auth_windows",
    "idempotency_keys",
    "ledger_entries",
    "metadata",
    "personas",
    "projects",
    "rate_windows",
    "s2s_signatures",
    "session_events",
    "sessions",
    "waiters",
    "webhook_deliveries",
    "webhook_endpoints",
    "webhook_events",
]
