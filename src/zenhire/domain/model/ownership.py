"""Who may see a resource: 404 before 403, as the contract orders them."""

from __future__ import annotations

from typing import Protocol, TypeVar

from zenhire.domain.errors.resources import NotFoundError, ResourceForbiddenError
from zenhire.domain.model.ids import ClientId


class Owned(Protocol):
    @property
    def client_id(self) -> ClientId: ...


T = TypeVar("T", bound=Owned)
U = TypeVar("U")


def found(resource: U | None, message: str | None = None) -> U:
    """The resource, or NOT_FOUND (with ``message``) when there is none."""
    if resource is None:
        raise NotFoundError(message)
    return resource


def owned(resource: T | None, client_id: ClientId | None) -> T:
    """The resource when the caller may act on it: NOT_FOUND for None, RESOURCE_FORBIDDEN
    when it is another client's. ``client_id`` None is the operator, who may act on all."""
    resource = found(resource)
    if client_id is not None and resource.client_id != client_id:
        raise ResourceForbiddenError()
    return resource


def found_for(resource: T | None, client_id: ClientId, message: str) -> T:
    """The resource when it is ``client_id``'s; NOT_FOUND (with ``message``) when it is absent
    or another client's, so nothing is told about other clients' resources."""
    if resource is None or resource.client_id != client_id:
        raise NotFoundError(message)
    return resource
