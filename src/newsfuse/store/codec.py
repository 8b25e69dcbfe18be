"""JSON encoding of the frozen record dataclasses (and back)."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
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


def _converter(hint: Any) -> Callable[[Any], Any] | None:
    """A function turning a JSON value into the field's type, or None when the value is used as is."""
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        inner = _converter(args[0]) if args else None
        if inner is None:
            return lambda v: None if v is None else tuple(v)
        return lambda v: None if v is None else tuple(inner(x) for x in v)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if arg is not type(None):
                inner = _converter(arg)
                return None if inner is None else (lambda v: None if v is None else inner(v))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda v: loads_record(hint, v) if isinstance(v, dict) else v
    return None


@cache
def _plan(cls: type) -> dict[str, Callable[[Any], Any] | None]:
    """Per field of ``cls``: its converter (resolved once per class, not per record)."""
    hints = typing.get_type_hints(cls)
    return {f.name: _converter(hints.get(f.name, Any)) for f in dataclasses.fields(cls)}


def loads_record(cls: type[T], data: str | dict[str, Any]) -> T:
    """Rebuild a record of ``cls`` from JSON text or a dict; unknown keys are ignored."""
    if isinstance(data, str):
        data = json.loads(data)
    plan = _plan(cls)
    kwargs = {}
    for key, value in data.items():
        if key in plan:
            conv = plan[key]
            kwargs[key] = value if conv is None or value is None else conv(value)
    return cls(**kwargs)
