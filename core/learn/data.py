"""Data sets to train a classifier on: seeded generators and CSV files.

Each generator draws from its own ``random.Random(seed)``, so the same
(kind, size, noise, seed) always gives the same points; labels are -1 and 1
as in micrograd's demo. A CSV file has a header row, then one example per
row: the inputs, then the label (-1 or 1; 0 is read as -1). Every refusal
names the file and the line.
"""

from __future__ import annotations

import csv
import io
import math
import os
import random
from collections.abc import Callable

from core.files.reading import read_limited
from core.files.text_check import not_utf8
from core.graph.dataset import MAX_INPUTS, MAX_ROWS, DataError, Dataset, check_points, label_of

KINDS = ("moons", "circles", "blobs", "xor")
CSV_LIMIT = 64 * 1024 * 1024


def _moons(rng: random.Random, n: int, noise: float) -> list[tuple[float, float, int]]:
    """Two interleaving half circles, as scikit-learn's ``make_moons``."""
    n_out = n // 2
    n_in = n - n_out
    pts = []
    for i in range(n_out):
        t = math.pi * i / max(n_out - 1, 1)
        pts.append((math.cos(t), math.sin(t), -1))
    for i in range(n_in):
        t = math.pi * i / max(n_in - 1, 1)
        pts.append((1.0 - math.cos(t), 0.5 - math.sin(t), 1))
    return [(x + rng.gauss(0.0, noise), y + rng.gauss(0.0, noise), c) for x, y, c in pts]


def _circles(rng: random.Random, n: int, noise: float) -> list[tuple[float, float, int]]:
    """A ring (label -1) around a smaller ring (label 1), half its radius."""
    n_out = n // 2
    pts = []
    for i in range(n):
        outer = i < n_out
        k, m = (i, n_out) if outer else (i - n_out, n - n_out)
        t = 2.0 * math.pi * k / max(m, 1)
        r = 1.0 if outer else 0.5
        pts.append((r * math.cos(t), r * math.sin(t), -1 if outer else 1))
    return [(x + rng.gauss(0.0, noise), y + rng.gauss(0.0, noise), c) for x, y, c in pts]


def _blobs(rng: random.Random, n: int, noise: float) -> list[tuple[float, float, int]]:
    """Two round clouds; the spread grows with the noise."""
    sd = 0.25 + noise
    pts = []
    for i in range(n):
        c = -1 if i < n // 2 else 1
        pts.append((c * 0.9 + rng.gauss(0.0, sd), c * 0.5 + rng.gauss(0.0, sd), c))
    return pts


def _xor(rng: random.Random, n: int, noise: float) -> list[tuple[float, float, int]]:
    """Four quadrants, label = sign(x·y), points kept off the axes."""
    pts = []
    for _ in range(n):
        x = rng.uniform(0.1, 1.0) * rng.choice((-1.0, 1.0))
        y = rng.uniform(0.1, 1.0) * rng.choice((-1.0, 1.0))
        c = 1 if x * y > 0 else -1
        pts.append((x + rng.gauss(0.0, noise), y + rng.gauss(0.0, noise), c))
    return pts


_GENERATORS: dict[str, Callable[[random.Random, int, float], list]] = {
    "moons": _moons,
    "circles": _circles,
    "blobs": _blobs,
    "xor": _xor,
}


def generate(kind: str, size: int = 100, noise: float = 0.1, seed: int = 1337) -> Dataset:
    """``size`` points of ``kind`` (one of KINDS), shuffled, reproducible from ``seed``."""
    if kind not in _GENERATORS:
        raise DataError(f"unknown data set {kind!r} (expected one of {', '.join(KINDS)})")
    if isinstance(size, bool) or not isinstance(size, int) or not 2 <= size <= MAX_ROWS:
        raise DataError(f"the size must be a whole number from 2 to {MAX_ROWS:,}, not {size!r}")
    if not (math.isfinite(noise) and 0.0 <= noise <= 10.0):
        raise DataError(f"the noise must be a number from 0 to 10, not {noise!r}")
    rng = random.Random(seed)
    pts = _GENERATORS[kind](rng, size, float(noise))
    rng.shuffle(pts)
    return Dataset(
        [(float(x), float(y)) for x, y, _ in pts],
        [c for _, _, c in pts],
        source={"kind": kind, "size": size, "noise": float(noise), "seed": seed},
    )


# ----------------------------------------------------------------------- CSV
def read_csv(path: str | os.PathLike) -> Dataset:
    """The data set in CSV file ``path``; DataError names the file and line."""
    name = os.fspath(path)
    raw, _ = read_limited(name, CSV_LIMIT)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataError(f"{name}: {not_utf8(e)}") from None
    return parse_csv(text, name)


def _float(text: str) -> float | None:
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def parse_csv(text: str, name: str = "<csv>") -> Dataset:
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header: list[str] | None = None
    xs: list[tuple[float, ...]] = []
    ys: list[int] = []
    try:
        for row in rows:
            line = rows.line_num
            if not any(c.strip() for c in row):
                continue  # blank lines
            cells = [c.strip() for c in row]
            if header is None:
                if len(cells) < 2:
                    raise DataError(f"{name}, line {line}: the header needs at least one input and a label")
                if len(cells) > MAX_INPUTS + 1:
                    raise DataError(f"{name}, line {line}: more than {MAX_INPUTS} inputs")
                header = [c or f"x{i + 1}" for i, c in enumerate(cells)]
                continue
            if len(cells) != len(header):
                raise DataError(
                    f"{name}, line {line}: {len(cells)} values, but the header has {len(header)} columns"
                )
            nums = []
            for col, c in zip(header[:-1], cells[:-1]):
                v = _float(c)
                if v is None:
                    raise DataError(f"{name}, line {line}, column {col!r}: {c!r} is not a finite number")
                nums.append(v)
            y = label_of(_float(cells[-1]))
            if y is None:
                raise DataError(
                    f"{name}, line {line}, column {header[-1]!r}: the label must be -1 or 1 (or 0), "
                    f"not {cells[-1]!r}"
                )
            if len(xs) >= MAX_ROWS:
                raise DataError(f"{name}, line {line}: more than {MAX_ROWS:,} examples")
            xs.append(tuple(nums))
            ys.append(y)
    except csv.Error as e:
        raise DataError(f"{name}, line {rows.line_num}: {e}") from None
    if header is None:
        raise DataError(f"{name}: empty (expected a header row, then one row per example)")
    if len(header) < 2:
        raise DataError(f"{name}: the header needs at least one input and a label")
    check_points(xs, ys, f"{name}: ")
    return Dataset(xs, ys, tuple(header))


def to_csv(data: Dataset) -> str:
    """The data set as CSV text that :func:`parse_csv` reads back exactly."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(data.columns)
    for x, y in zip(data.xs, data.ys):
        w.writerow([*map(repr, x), y])
    return out.getvalue()
