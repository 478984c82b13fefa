"""Reading a graph file into a model for the app, checked in bulk.

:func:`file_check.validate` checks a file node by node and edge by edge (about
10 µs a node: 0.6 s of opening a 50,000-node file). The headless command's
bulk check (core/files/tables.py) *recognises* a valid file with C loops
over whole columns and, when not sure, hands the file to the validator,
whose message stands. Opening does the same: a recognised file gets what
the validator would have found (the order, each port's source) from the
tables, so the model is built from the very same records either way.
"""

from __future__ import annotations

import os

from core.files import file_check, fileio, tables
from core.files.reading import FileStamp
from core.graph import headless
from core.graph.model import GraphModel


def check(rec: file_check.GraphRecord, source: str) -> None:
    """:func:`file_check.validate`'s verdict on ``rec`` and what it sets
    (``order``, ``inputs``, ``by_id``); quicker on a file it recognises."""
    t = tables.quick_tables(rec)
    if t is None:  # not sure: the validator says why, or passes it
        file_check.validate(rec, source)
        return
    ids = t.ids
    named = [*ids, None]  # node number -> id; -1 (an empty port) -> None
    inputs: dict[str, list] = {}
    for nid, arity, s0, s1 in zip(
        ids, t.arity, map(named.__getitem__, t.src0), map(named.__getitem__, t.src1)
    ):
        inputs[nid] = [] if arity == 0 else [s0] if arity == 1 else [s0, s1]
    rec.order = list(map(ids.__getitem__, t.order))
    rec.inputs = inputs
    rec.by_id = dict(zip(ids, t.nodes))
    if 2 * len(ids) - t.src0.count(-1) - t.src1.count(-1) == sum(t.arity):  # no empty port: no reasons
        # the model's values from the tables, a list step a node (~0.05 s at
        # 50,000 nodes, where the model's own pass over its dicts took ~0.15 s)
        val = headless.forward_values(t.nodes, t.ops, t.arity, t.src0, t.src1, t.order)
        rec.values = dict(zip(rec.order, map(val.__getitem__, t.order)))


def load_file(path: str | os.PathLike) -> tuple[GraphModel, FileStamp]:
    """:func:`fileio.load_file`, checked in bulk."""
    return fileio.load_file(path, check)


def loads(text: str, source: str = "<string>") -> GraphModel:
    """:func:`fileio.loads`, checked in bulk."""
    return fileio.loads(text, source, check)
