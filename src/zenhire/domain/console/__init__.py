"""The console's domain: a client's people (users, roles, invites), their browser sessions,
login throttling and the audit trail of what they changed (console.md)."""
