"""Several writes sent as one statement: all but the last become data-modifying CTEs.

A transaction that holds a contended row lock (the client row, during an admission) pays one
round trip per statement it still sends; merged, its writes cost one. The writes of one
statement run on one snapshot and do not see each other's effects, so only writes to
different rows may be merged, none of whose results is read, and only the last may carry
CTEs of its own (data-modifying WITH is allowed at the top level only).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

_PARAMETER: Final = re.compile(r"\$(\d+)")


def _shifted(sql: str, by: int) -> str:
    return _PARAMETER.sub(lambda m: f"${int(m.group(1)) + by}", sql)


def mergeable(writes: Sequence[tuple[str, Sequence[Any]]]) -> bool:
    """Whether ``one_statement`` can merge these: two or more, the leading ones plain."""
    return len(writes) > 1 and not any(
        sql.lstrip().upper().startswith("WITH") for sql, _ in writes[:-1]
    )


def one_statement(writes: Sequence[tuple[str, Sequence[Any]]]) -> tuple[str, list[Any]]:
    """SQL and arguments running ``writes`` (each SQL text with its ``$n`` arguments, which
    ``mergeable`` accepts) as one statement, their parameters renumbered in order."""
    args: list[Any] = []
    ctes = []
    for i, (sql, values) in enumerate(writes[:-1]):
        ctes.append(f"merged_{i} AS ({_shifted(sql.strip(), len(args))})")
        args.extend(values)
    last, values = writes[-1]
    last = _shifted(last.strip(), len(args))
    args.extend(values)
    if last.upper().startswith("WITH"):
        return f"WITH {', '.join(ctes)}, {last[4:].lstrip()}", args
    return f"WITH {', '.join(ctes)} {last}", args
