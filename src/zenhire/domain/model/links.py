"""A candidate link as issued: the one time its raw token exists outside the candidate."""

from __future__ import annotations

from dataclasses import dataclass, field

from zenhire.domain.model.sessions import Session


@dataclass(frozen=True, slots=True)
class IssuedLink:
    """A session with the raw candidate link, shown once and never stored."""

    session: Session
    candidate_link: str = field(repr=False)
    expires_in: int
