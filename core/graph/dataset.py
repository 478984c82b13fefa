"""A labelled data set saved with a graph (the optional ``graph.data`` key).

Points have one or more inputs and a label of -1 or 1, as micrograd's demo
classifies them. The record in the file is::

    {"columns": ["x1", "x2", "label"], "rows": [[0.5, -0.25, 1], ...],
     "source": {"kind": "moons", "size": 100, "noise": 0.1, "seed": 1337}}

``source`` (optional) says how the points were made; other keys are kept.
Checking a record refuses it with a message naming the row and column at
fault, so a bad file is refused on load instead of failing mid-training. A
set still being made (no points, or one class so far) is a valid record;
training refuses it (:func:`check_points`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from core.graph.errors import GraphError

FILE_KEY = "data"
MAX_ROWS = 100_000
MAX_INPUTS = 64


class DataError(GraphError):
    """A data set (a file's ``data`` record or a CSV file) that cannot be used."""


@dataclass
class Dataset:
    """Points ``xs`` (tuples of floats, one per example) with labels ``ys`` (-1 or 1)."""

    xs: list[tuple[float, ...]]
    ys: list[int]
    columns: tuple[str, ...] = ("x1", "x2", "label")
    source: dict = field(default_factory=dict)  # how it was made (kind, size, noise, seed)
    extra: dict = field(default_factory=dict)  # unknown keys of the record, kept

    @property
    def nin(self) -> int:
        return len(self.columns) - 1

    def __len__(self) -> int:
        return len(self.xs)

    def to_record(self) -> dict:
        rec: dict[str, Any] = dict(self.extra)
        rec["columns"] = list(self.columns)
        rec["rows"] = [[*map(float, x), int(y)] for x, y in zip(self.xs, self.ys)]
        if self.source:
            rec["source"] = dict(self.source)
        return rec

    def replaced(
        self, xs: Sequence[Sequence[float]], ys: Sequence[int], source: dict | None = None
    ) -> Dataset:
        """The same columns with other points (``source`` is dropped unless given)."""
        return Dataset([tuple(map(float, x)) for x in xs], list(ys), self.columns, source or {}, self.extra)


def _number(v: Any) -> bool:
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return False
    try:
        return math.isfinite(v)
    except OverflowError:  # (a whole number past float's range: not a number a row can hold)
        return False


def label_of(v: Any) -> int | None:
    """-1 or 1 for a label (0 is read as -1), None for anything else."""
    if not _number(v) or v not in (-1, 0, 1):
        return None
    return 1 if v == 1 else -1


def check_points(xs: Sequence[Sequence[float]], ys: Sequence[int], where: str = "") -> None:
    """Refuse a set no classifier can be trained on: empty, or one class only."""
    if not xs:
        raise DataError(f"{where}no examples")
    if len(set(ys)) < 2:
        only = "1" if ys[0] == 1 else "-1"
        raise DataError(f"{where}every example has label {only}: a classifier needs both -1 and 1")


def from_record(rec: Any) -> Dataset:
    """The data set of a file's ``data`` record; DataError names what is wrong."""
    if not isinstance(rec, dict):
        raise DataError(f'"data" must be an object with "columns" and "rows", not {type(rec).__name__}')
    cols = rec.get("columns")
    if (
        not isinstance(cols, list)
        or not 2 <= len(cols) <= MAX_INPUTS + 1
        or not all(isinstance(c, str) and c for c in cols)
    ):
        raise DataError(
            f'"data": "columns" must list 1 to {MAX_INPUTS} input names and the label\'s, '
            f"not {str(cols)[:60]}"
        )
    if len(set(cols)) != len(cols):
        raise DataError('"data": two columns have the same name')
    rows = rec.get("rows")
    if not isinstance(rows, list):
        raise DataError('"data": "rows" must be a list of rows')
    if len(rows) > MAX_ROWS:
        raise DataError(f'"data": {len(rows)} rows, more than the {MAX_ROWS:,} this program trains on')
    xs, ys = [], []
    for i, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != len(cols):
            raise DataError(f'"data": row {i} must be a list of {len(cols)} numbers, not {str(row)[:60]}')
        for j, v in enumerate(row[:-1]):
            if not _number(v):
                big = isinstance(v, int) and not isinstance(v, bool)
                shown = f"a {len(str(abs(v)))}-digit whole number" if big else repr(v)
                raise DataError(f'"data": row {i}, column {cols[j]!r}: {shown[:60]} is not a finite number')
        y = label_of(row[-1])
        if y is None:
            raise DataError(
                f'"data": row {i}, column {cols[-1]!r}: the label must be -1 or 1, not {row[-1]!r}'
            )
        xs.append(tuple(float(v) for v in row[:-1]))
        ys.append(y)
    source = rec.get("source", {})
    if not isinstance(source, dict):
        raise DataError('"data": "source" must be an object')
    extra = {k: v for k, v in rec.items() if k not in ("columns", "rows", "source")}
    return Dataset(xs, ys, tuple(cols), dict(source), extra)
