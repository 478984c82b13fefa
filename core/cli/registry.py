"""What every headless command shares: the registry that ``@command`` fills,
strict JSON numbers, file-named errors, and the printed table."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from core.graph.errors import GraphError

if TYPE_CHECKING:
    from core.graph.model import GraphModel

#: Subcommands: name -> (add_arguments, run), in the order they were registered.
COMMANDS: dict[
    str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
] = {}


Run = Callable[[argparse.Namespace], int]


def command(name: str, add_arguments: Callable[[argparse.ArgumentParser], None]) -> Callable[[Run], Run]:
    """Register ``run(args) -> int`` as subcommand ``name``."""

    def deco(run: Run) -> Run:
        COMMANDS[name] = (add_arguments, run)
        return run

    return deco


def json_number(v: float | None) -> float | str | None:
    """A float as strict JSON: non-finite numbers become "nan"/"inf"/"-inf"."""
    if v is None or math.isfinite(v):
        return v
    return "nan" if v != v else ("inf" if v > 0 else "-inf")


@contextmanager
def about(name: str) -> Iterator[None]:
    """A GraphError raised inside names ``name`` (the file or the text) first."""
    try:
        yield
    except GraphError as e:
        raise GraphError(f"{name}: {e}") from None


def load(path: str) -> GraphModel:
    """The graph file ``path`` (a FileFormatError already names it)."""
    from core.files import fileio

    return fileio.load(path)


def print_json(doc: Any) -> None:
    sys.stdout.write(json.dumps(doc, indent=2, allow_nan=False, ensure_ascii=False) + "\n")


def print_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], left: set[int], rule_columns: int | None = None
) -> None:
    """Columns padded to their widest cell, those in ``left`` left-aligned,
    the header underlined (its first ``rule_columns`` columns; default all)."""
    table = [tuple(header)] + [tuple(r) for r in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for i, r in enumerate(table):
        print(
            "  ".join(
                c.ljust(w) if j in left else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths))
            ).rstrip()
        )
        if i == 0:
            print("  ".join("-" * w for w in widths[:rule_columns]))
