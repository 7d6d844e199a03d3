"""Named schemas: every Struct and enum described, and only those some operation reaches."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

import msgspec
import msgspec.inspect as mi

from zenhire.entrypoints.http.schemas import docs
from zenhire.entrypoints.http.schemas.common import Out


def describe(schemas: dict[str, Any], types: list[Any]) -> None:
    """Descriptions and examples on every property; responses state what they always carry."""
    for cls in _named_types(types):
        schema = schemas.get(cls.__name__)
        if schema is None:
            continue
        if issubclass(cls, msgspec.Struct):
            if (text := docs.type_doc(cls)) is not None:
                schema["description"] = text
            schema.update(copy.deepcopy(dict(docs.RULES.get(cls.__name__, {}))))
            for field in msgspec.structs.fields(cls):
                prop = schema["properties"][field.encode_name]
                doc = docs.field_doc(cls, field.name)
                if doc is not None:
                    prop.setdefault("description", doc.text)
                    if doc.example is not docs.NO_EXAMPLE:
                        prop.setdefault("examples", [doc.example])
            if issubclass(cls, Out) and not cls.__struct_config__.omit_defaults:
                schema["required"] = [f.encode_name for f in msgspec.structs.fields(cls)]
        else:  # an enum
            values = [member.value for member in cls]  # type: ignore[attr-defined]
            if all(isinstance(v, str) for v in values):
                schema["type"] = "string"
            if (text := docs.type_doc(cls)) is not None:
                schema["description"] = text


def _named_types(types: list[Any]) -> list[type]:
    """Every Struct and Enum reachable from ``types`` (each is one named component)."""
    found: list[type] = []

    def visit(info: mi.Type) -> None:
        if isinstance(info, (mi.StructType, mi.DataclassType)):
            if info.cls in found:
                return
            found.append(info.cls)
            for field in info.fields:
                visit(field.type)
        elif isinstance(info, mi.EnumType):
            if info.cls not in found:
                found.append(info.cls)
        elif isinstance(info, mi.Metadata):
            visit(info.type)
        elif isinstance(info, mi.UnionType):
            for member in info.types:
                visit(member)
        elif isinstance(info, (mi.ListType, mi.SetType, mi.FrozenSetType, mi.VarTupleType)):
            visit(info.item_type)
        elif isinstance(info, mi.DictType):
            visit(info.key_type)
            visit(info.value_type)
        elif isinstance(info, mi.TupleType):
            for member in info.item_types:
                visit(member)

    for info in mi.multi_type_info(types):
        visit(info)
    return found


def reachable(doc: Mapping[str, Any], schemas: Mapping[str, Any]) -> dict[str, Any]:
    """The components some operation or webhook (or another kept component) refers to."""
    kept: dict[str, Any] = {}
    pending = [*_refs(doc.get("paths", {})), *_refs(doc.get("webhooks", {}))]
    while pending:
        name = pending.pop()
        if name in kept or name not in schemas:
            continue
        kept[name] = schemas[name]
        pending.extend(_refs(schemas[name]))
    return dict(sorted(kept.items()))


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            yield ref.rsplit("/", 1)[1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)
