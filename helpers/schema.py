"""Field types of the series' tables: how a value is written to CSV and read back.

The data build (which writes `data/*.csv`) and the loader (which reads them) both use these
functions, so a column's type is defined once. Types follow the Frictionless Table Schema names
that `data/datapackage.json` declares: string, integer, number, boolean, date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

FIELD_TYPES = ("string", "integer", "number", "boolean", "date")
TRUE_TEXT, FALSE_TEXT = "true", "false"
DATE_FORMAT = "%Y-%m-%d"


@dataclass(frozen=True)
class Field:
    """One column of a table: its name, type, meaning and the rules its values keep."""

    name: str
    type: str
    description: str
    unit: str | None = None
    required: bool = False
    minimum: float | int | str | None = None
    maximum: float | int | str | None = None
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    decimals: int | None = None  # round derived numbers so rebuilt files are byte-identical
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in FIELD_TYPES:
            raise ValueError(f"Field '{self.name}': type must be one of {FIELD_TYPES}, not '{self.type}'.")
        if not self.description.strip():
            raise ValueError(f"Field '{self.name}' needs a description for the data dictionary.")

    def descriptor(self) -> dict[str, Any]:
        """The Frictionless field descriptor written to datapackage.json."""
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.unit:
            out["unit"] = self.unit
        enum = list(self.enum) if self.enum is not None else None
        given = {"required": self.required or None, "minimum": self.minimum, "maximum": self.maximum, "enum": enum,
                 "pattern": self.pattern}  # in this order, so the written catalogue never changes
        constraints = {key: value for key, value in given.items() if value is not None}
        if constraints:
            out["constraints"] = constraints
        out.update(self.extra)
        return out


class ColumnTypeError(ValueError):
    """A column whose text cannot be read as its declared type."""

    def __init__(self, column: str, type_: str, bad_values: list[str]):
        self.column, self.type, self.bad_values = column, type_, bad_values
        shown = ", ".join(repr(v) for v in bad_values[:3])
        super().__init__(f"column '{column}' should hold {type_} values but has {shown}")


def parse_column(text: pd.Series, name: str, type_: str) -> pd.Series:
    """Turn a column read as text ('' = missing) into its declared pandas type."""
    missing = text.isna() | (text == "")
    if type_ == "string":
        return text.where(~missing, None).astype("string")
    if type_ == "integer":
        values = pd.to_numeric(text.where(~missing), errors="coerce")
        bad = (~missing) & (values.isna() | (values % 1 != 0))
        _raise_if_bad(text, bad, name, "integer")
        return values.astype("Int64")
    if type_ == "number":
        values = pd.to_numeric(text.where(~missing), errors="coerce")
        _raise_if_bad(text, (~missing) & values.isna(), name, "number")
        return values.astype("float64")
    if type_ == "boolean":
        mapped = text.map({TRUE_TEXT: True, FALSE_TEXT: False})
        _raise_if_bad(text, (~missing) & mapped.isna(), name, "boolean (true/false)")
        return mapped.astype("boolean")
    if type_ == "date":
        values = pd.to_datetime(text.where(~missing), format=DATE_FORMAT, errors="coerce")
        _raise_if_bad(text, (~missing) & values.isna(), name, "date (YYYY-MM-DD)")
        return values
    raise ValueError(f"unknown field type '{type_}' for column '{name}'")


def _raise_if_bad(text: pd.Series, bad: pd.Series, name: str, type_: str) -> None:
    if bool(bad.any()):
        raise ColumnTypeError(name, type_, [str(v) for v in text[bad].head(3)])


def format_column(values: pd.Series, spec: Field) -> pd.Series:
    """Write a column as the exact text stored in the CSV, the same on every run."""
    missing = values.isna()
    if spec.type == "string":
        out = values.astype("object").where(~missing, "").map(str)
    elif spec.type == "integer":
        numeric = pd.to_numeric(values, errors="raise")
        if bool(((numeric % 1 != 0) & ~missing).any()):
            raise ColumnTypeError(spec.name, "integer", [str(v) for v in values[numeric % 1 != 0][:3]])
        out = numeric.astype("Float64").map(lambda v: "" if pd.isna(v) else str(int(v)))
    elif spec.type == "number":
        numeric = pd.to_numeric(values, errors="raise").astype("float64")
        if spec.decimals is not None:
            numeric = numeric.round(spec.decimals)
        out = numeric.map(_format_number)
    elif spec.type == "boolean":
        out = values.map(lambda v: "" if pd.isna(v) else (TRUE_TEXT if bool(v) else FALSE_TEXT))
    else:  # date
        dates = pd.to_datetime(values, errors="raise")
        out = dates.map(lambda v: "" if pd.isna(v) else v.strftime(DATE_FORMAT))
    return out.where(~missing, "").astype("object")


def _format_number(value: float) -> str:
    """Shortest text that reads back as the same float; whole numbers without '.0'."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))
