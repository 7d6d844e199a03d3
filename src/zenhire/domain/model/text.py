"""Text a store cannot hold: NUL characters."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any, Final, TypeVar

NUL: Final = "\x00"
T = TypeVar("T")


def without_nul(report: T) -> tuple[T, bool]:
    """The dataclass ``report`` with NUL characters removed from every string field, nested
    dataclasses included (the store's text cannot hold them, and a report is never refused
    for its text); True when any was removed."""
    instance: Any = report
    changes: dict[str, Any] = {}
    for f in fields(instance):
        item = getattr(instance, f.name)
        if isinstance(item, str) and NUL in item:
            changes[f.name] = item.replace(NUL, "")
        elif is_dataclass(item) and not isinstance(item, type):
            cleaned, changed = without_nul(item)
            if changed:
                changes[f.name] = cleaned
    if not changes:
        return report, False
    cleaned_report: T = replace(instance, **changes)
    return cleaned_report, True
