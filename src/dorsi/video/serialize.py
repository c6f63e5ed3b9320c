"""Read an ``analysis.json`` back into the dataclasses of :mod:`dorsi.video.model`."""

from __future__ import annotations

import json
import types
import typing
from dataclasses import fields, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from dorsi.video.errors import AnalysisFileError
from dorsi.video.model import SCHEMA, Analysis


def load_analysis(path: Path) -> Analysis:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnalysisFileError(f"No analysis file at {path}.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise AnalysisFileError(f"{path} is not a readable JSON file.") from None
    return analysis_from_dict(data, where=str(path))


def analysis_from_dict(data: Any, *, where: str = "analysis") -> Analysis:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise AnalysisFileError(f"{where} is not a Dorsi video analysis ({SCHEMA}).")
    try:
        result = _build(Analysis, data)
    except (KeyError, TypeError, ValueError) as exc:
        raise AnalysisFileError(f"{where} is incomplete or damaged ({exc}).") from None
    assert isinstance(result, Analysis)
    return result


def _build(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return _build(options[0], value)
    if origin is tuple:
        return _tuple(typing.get_args(kind), value)
    if is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        names = {f.name for f in fields(kind)}
        return kind(
            **{
                name: _build(hints[name], value[name])
                for name in names
                if name in value or _required(kind, name)
            }
        )
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is float:
        return float(value)
    if kind in (int, str, bool):
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"expected {kind.__name__}, got {value!r}")
        return value
    raise TypeError(f"cannot read {kind!r}")


def _tuple(args: tuple[Any, ...], value: Any) -> tuple[Any, ...]:
    if not isinstance(value, list | tuple):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_build(args[0], v) for v in value)
    if len(args) != len(value):
        raise ValueError(f"expected {len(args)} values, got {len(value)}")
    return tuple(_build(a, v) for a, v in zip(args, value, strict=True))


def _required(kind: type, name: str) -> bool:
    from dataclasses import MISSING

    field = next(f for f in fields(kind) if f.name == name)
    return field.default is MISSING and field.default_factory is MISSING
