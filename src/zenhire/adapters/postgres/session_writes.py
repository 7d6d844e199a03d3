"""A session's row and its new events, written in one statement.

The statement is a data-modifying CTE (``WITH written AS (INSERT|UPDATE …) INSERT INTO
session_events …``). SQLAlchemy cannot cache the compiled form of a DML CTE, so these are
text statements with typed parameters, built once per shape (insert or update, number of
events) and then served from the compiled cache like any other statement.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Final, Literal

from sqlalchemy import TextClause, bindparam, text

from zenhire.adapters.postgres import mapping
from zenhire.adapters.postgres.tables import session_events, sessions
from zenhire.domain.model.sessions import Session

_COLUMNS: Final = [c.name for c in sessions.c]
_EVENT_COLUMNS: Final = ["session_id", "type", "at", "data"]


@cache
def _statement(kind: Literal["insert", "update"], events: int) -> TextClause:
    if kind == "insert":
        names = ", ".join(_COLUMNS)
        values = ", ".join(f":s_{c}" for c in _COLUMNS)
        write = f"INSERT INTO sessions ({names}) VALUES ({values})"  # noqa: S608  # names from tables.py
    else:
        sets = ", ".join(f"{c} = :s_{c}" for c in _COLUMNS if c != "id")
        write = f"UPDATE sessions SET {sets} WHERE id = :s_id"  # noqa: S608  # names from tables.py
    params = [bindparam(f"s_{c.name}", type_=c.type) for c in sessions.c]
    if events == 0:
        return text(write).bindparams(*params)
    rows = ", ".join(
        "(" + ", ".join(f":e{i}_{c}" for c in _EVENT_COLUMNS) + ")" for i in range(events)
    )
    params += [
        bindparam(f"e{i}_{c}", type_=session_events.c[c].type)
        for i in range(events)
        for c in _EVENT_COLUMNS
    ]
    return text(
        f"WITH written AS ({write}) "  # noqa: S608  # names from tables.py, values bound
        f"INSERT INTO session_events ({', '.join(_EVENT_COLUMNS)}) VALUES {rows}"
    ).bindparams(*params)


def session_write(
    kind: Literal["insert", "update"], session: Session
) -> tuple[TextClause, dict[str, Any]]:
    """The statement and parameters writing ``session`` and its pending events (then cleared)."""
    parameters = {f"s_{k}": v for k, v in mapping.session_values(session).items()}
    for i, e in enumerate(session.pending_events):
        parameters |= {
            f"e{i}_session_id": e.session_id,
            f"e{i}_type": e.type.value,
            f"e{i}_at": e.at,
            f"e{i}_data": e.data,
        }
    statement = _statement(kind, len(session.pending_events))
    session.pending_events.clear()
    return statement, parameters
