"""Keyset pagination in SQL: newest ``(created_at, id)`` first, matching the domain's cursor."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, tuple_

from zenhire.domain.pagination import PageRequest


def newest_first(
    query: Select[Any], created_at: ColumnElement[Any], id_: ColumnElement[Any], page: PageRequest
) -> Select[Any]:
    """``query`` ordered newest first on ``(created_at, id)``, after the page's cursor, with
    one row more than the page so the caller knows whether another page follows."""
    if page.after is not None:
        query = query.where(tuple_(created_at, id_) < tuple_(page.after.created_at, page.after.id))
    return query.order_by(created_at.desc(), id_.desc()).limit(page.limit + 1)
