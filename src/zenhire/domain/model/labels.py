"""What an integrator attaches to a session: candidate reference, tags and metadata, with the
limits a schema cannot express (api.md §4.2)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zenhire.domain import limits
from zenhire.domain.errors.base import FieldProblem, InvalidInputError
from zenhire.domain.model.session_values import MetadataValue


@dataclass(frozen=True, slots=True)
class SessionLabels:
    candidate_ref: str | None
    tags: tuple[str, ...] | None
    metadata: dict[str, MetadataValue] | None

    @classmethod
    def checked(
        cls,
        candidate_ref: str | None,
        metadata: Mapping[str, object] | None,
        tags: Sequence[str] | None,
    ) -> SessionLabels:
        """INVALID_INPUT naming every bad metadata entry, then every bad tag; a longer
        ``candidate_ref`` is cut to 256 characters, never refused."""
        clean_metadata = check_metadata(metadata)
        return cls(truncate_candidate_ref(candidate_ref), check_tags(tags), clean_metadata)


def truncate_candidate_ref(value: str | None) -> str | None:
    """Longer references are cut to 256 characters, never rejected."""
    return None if value is None else value[: limits.CANDIDATE_REF_MAX]


def check_metadata(metadata: Mapping[str, object] | None) -> dict[str, MetadataValue] | None:
    """Flat object: ≤ 50 keys of 1–40 chars; string ≤ 500 chars, number or boolean; ≤ 8 KiB."""
    if metadata is None:
        return None
    problems: list[FieldProblem] = []
    if len(metadata) > limits.METADATA_MAX_KEYS:
        problems.append(FieldProblem("metadata", f"at most {limits.METADATA_MAX_KEYS} keys"))
    clean: dict[str, MetadataValue] = {}
    for key, value in metadata.items():
        where = f"metadata.{key}"
        if not 1 <= len(key) <= limits.METADATA_KEY_MAX:
            problems.append(FieldProblem(where, f"keys are 1-{limits.METADATA_KEY_MAX} characters"))
        if isinstance(value, str):
            if len(value) > limits.METADATA_STRING_MAX:
                problems.append(
                    FieldProblem(where, f"strings are at most {limits.METADATA_STRING_MAX} chars")
                )
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(FieldProblem(where, "numbers must be finite"))
        elif not isinstance(value, int | float | bool):
            problems.append(FieldProblem(where, "values are strings, numbers or booleans"))
            continue
        clean[key] = value
    if not problems and metadata_size(clean) > limits.METADATA_MAX_BYTES:
        problems.append(
            FieldProblem("metadata", f"at most {limits.METADATA_MAX_BYTES} bytes as compact JSON")
        )
    if problems:
        raise InvalidInputError(problems)
    return clean or None


def metadata_size(metadata: Mapping[str, MetadataValue]) -> int:
    """Bytes of the object as compact UTF-8 JSON."""
    compact = json.dumps(metadata, separators=(",", ":"), ensure_ascii=False)
    return len(compact.encode())


def check_tags(tags: Sequence[str] | None) -> tuple[str, ...] | None:
    """≤ 20 distinct strings of 1–40 characters; order kept."""
    if tags is None:
        return None
    problems: list[FieldProblem] = []
    if len(tags) > limits.TAGS_MAX:
        problems.append(FieldProblem("tags", f"at most {limits.TAGS_MAX} tags"))
    for index, tag in enumerate(tags):
        if not 1 <= len(tag) <= limits.TAG_MAX:
            problems.append(FieldProblem(f"tags[{index}]", f"tags are 1-{limits.TAG_MAX} chars"))
    if len(set(tags)) != len(tags):
        problems.append(FieldProblem("tags", "tags must be distinct"))
    if problems:
        raise InvalidInputError(problems)
    return tuple(tags)


def metadata_text(value: MetadataValue) -> str:
    """A value's JSON text without quotes: what ``metadata.<key>=<value>`` filters compare."""
    if isinstance(value, str):
        return value
    return json.dumps(value)
