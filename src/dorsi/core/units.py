"""Units: distances are stored in centimetres; inches are converted at the edge of the core."""

from __future__ import annotations

from dorsi.core.codes import Unit

CM_PER_IN = 2.54


def to_cm(value: float, unit: Unit) -> float:
    return value * CM_PER_IN if unit is Unit.IN else value


def from_cm(value_cm: float, unit: Unit) -> float:
    return value_cm / CM_PER_IN if unit is Unit.IN else value_cm
