"""Typed identifiers. All are UUIDs, opaque to clients."""

from typing import NewType
from uuid import UUID

ClientId = NewType("ClientId", UUID)
ProjectId = NewType("ProjectId", UUID)
ApiKeyId = NewType("ApiKeyId", UUID)
PersonaId = NewType("PersonaId", UUID)
SessionId = NewType("SessionId", UUID)
LedgerEntryId = NewType("LedgerEntryId", UUID)
