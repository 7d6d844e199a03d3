"""Each operation's error answers: the codes its guards, handler, body and parameters can
bring, each under the status the one error table gives it, with an example envelope
(``error_responses`` writes them into the document)."""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from litestar.handlers import HTTPRouteHandler

from zenhire.domain import errors as e
from zenhire.entrypoints.http.errors import (
    HTTP_CODES,
    PAYLOAD_TOO_LARGE_MESSAGE,
    RETRY_AFTER_SECONDS,
    status_for,
)
from zenhire.entrypoints.http.guards import failures_of
from zenhire.entrypoints.http.schemas import docs, examples

RAISES: Final = "raises"


HEADERS: Final = "headers"


def answers(
    *raises: type[e.DomainError], headers: Mapping[int, Sequence[str]] | None = None
) -> dict[str, Any]:
    """A handler's ``opt``: the domain errors it raises itself (its guards' are added) and the
    response headers (names of ``HEADER_SPECS``) it sets, per status."""
    return {RAISES: tuple(raises), HEADERS: dict(headers or {})}


@dataclass(frozen=True, slots=True)
class Answer:
    """One documented error answer: status, code and an example of its envelope."""

    status: int
    code: str
    message: str
    details: Mapping[str, Any] | None = None
    retry_after: int | None = None

    @classmethod
    def of(cls, error: type[e.DomainError], *, s2s: bool = False) -> Answer:
        sample = _sample(error)
        status = status_for(error, s2s=s2s)
        retry = getattr(sample, "retry_after_seconds", None) or RETRY_AFTER_SECONDS.get(status)
        return cls(status, error.code, sample.message, sample.details, retry)

    def envelope(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "timestamp": examples.TIMESTAMP,
            "requestId": examples.REQUEST_ID,
        }
        if self.details:
            body["details"] = dict(self.details)
        if self.retry_after is not None:
            body["retryAfterSeconds"] = self.retry_after
        return {"error": body}


def _sample(error: type[e.DomainError]) -> e.DomainError:
    """An instance for the example; errors whose details need arguments get realistic ones."""
    samples: dict[type[e.DomainError], e.DomainError] = {
        e.InvalidInputError: e.invalid("role_name", "Expected `str` of length <= 200"),
        e.InsufficientCreditsError: e.InsufficientCreditsError(balance=0, minimum=1),
        e.SessionEndedError: e.SessionEndedError("failed", "SESSION_TIMEOUT"),
        e.ArtifactNotReadyError: e.ArtifactNotReadyError("active"),
        e.IdempotencyKeyUsedError: e.IdempotencyKeyUsedError(docs.SESSION_ID),
        e.RateLimitExceededError: e.RateLimitExceededError(42),
        e.TooManyFailedAttemptsError: e.TooManyFailedAttemptsError(37),
        e.PersonaLimitError: e.PersonaLimitError(1000),
    }
    if error in samples:
        return samples[error]
    required = [
        p
        for p in inspect.signature(error).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind is not p.VAR_KEYWORD
    ]
    return error() if not required else e.DomainError(error.default_message)


def documented_answers(handler: HTTPRouteHandler, op: Mapping[str, Any]) -> list[Answer]:
    """Every error answer the operation can give, once each, by status then code."""
    s2s = bool(handler.opt.get("s2s"))
    guards = handler.resolve_guards()
    raised = [error for guard in guards for error in failures_of(guard, handler.opt)]
    raised += handler.opt.get(RAISES, ())
    parameters = op.get("parameters") or []
    if parameters or "requestBody" in op:
        raised.append(e.InvalidInputError)
    if any(p["in"] == "path" for p in parameters):
        raised.append(e.NotFoundError)  # a malformed id matches no route
    if guards:
        raised.append(e.StorageUnavailableError)
    found = {(a.status, a.code): a for a in (Answer.of(error, s2s=s2s) for error in raised)}
    if "requestBody" in op:
        found[413, HTTP_CODES[413]] = Answer(413, HTTP_CODES[413], PAYLOAD_TOO_LARGE_MESSAGE)
    found[500, HTTP_CODES[500]] = Answer(500, HTTP_CODES[500], e.DomainError.default_message)
    return [found[key] for key in sorted(found)]
