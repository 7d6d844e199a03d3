"""Candidate links and the pre-checks every link issue shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from zenhire.domain.errors import InsufficientCreditsError, PersonaArchivedError
from zenhire.domain.model.ids import ClientId, PersonaId
from zenhire.domain.model.sessions import Session
from zenhire.domain.policy import Policy
from zenhire.domain.ports import Credits, Personas


@dataclass(frozen=True, slots=True)
class IssuedLink:
    """A session with the raw candidate link, shown once and never stored."""

    session: Session
    candidate_link: str = field(repr=False)
    expires_in: int


async def require_active_persona(personas: Personas, persona_id: PersonaId) -> None:
    persona = await personas.get(persona_id)
    if persona is None or not persona.is_active:
        raise PersonaArchivedError()


def ensure_minimum_credits(balance: int, policy: Policy) -> None:
    """INSUFFICIENT_CREDITS below the minimum a session needs to start or be admitted."""
    if balance < policy.min_credits_to_start:
        raise InsufficientCreditsError(balance, policy.min_credits_to_start)


async def require_minimum_credits(credits: Credits, client_id: ClientId, policy: Policy) -> None:
    ensure_minimum_credits(await credits.balance(client_id), policy)
