"""JSON encoding of the frozen record dataclasses (and back)."""

from __future__ import annotations

import dataclasses
import json
import typing
from functools import cache
from typing import Any, TypeVar

__all__ = ["dumps", "loads_record", "to_dict"]

T = TypeVar("T")


def to_dict(record: Any) -> Any:
    """A record (or nested records, tuples, dicts) as plain JSON-ready values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


def dumps(record: Any) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _coerce(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        inner = args[0] if args else Any
        return tuple(_coerce(inner, v) for v in value)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for arg in typing.get_args(hint):
            if arg is type(None):
                continue
            return _coerce(arg, value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return loads_record(hint, value)
    return value


def loads_record(cls: type[T], data: str | dict[str, Any]) -> T:
    """Rebuild a record of ``cls`` from JSON text or a dict; unknown keys are ignored."""
    if isinstance(data, str):
        data = json.loads(data)
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs = {k: _coerce(hints.get(k, Any), v) for k, v in data.items() if k in names}
    return cls(**kwargs)
