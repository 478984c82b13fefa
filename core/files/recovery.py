"""Recovery copies of unsaved work: when to write one, a cheap snapshot of
the model, and a writer thread, so the user's edits never wait for the disk.

* :class:`SaveSchedule` decides when: a few seconds after the last edit,
  and at the latest after a while or after so many edits while editing goes
  on (a plain class over a clock, so tests drive it with a fake one).
* :func:`snapshot` copies what a file needs in one quick pass on the
  caller's thread (the node attribute dicts and the input table: no JSON),
  so the model may change the moment it returns; :class:`RecordCopy`
  makes the same snapshot of one model again and again, copying only the
  nodes that changed since its last one.
* :class:`RecoveryWriter` turns snapshots into files on a thread of its
  own; a newer snapshot replaces one still waiting, and :meth:`discard`
  (the work was saved) wins over a write already under way. A copy that
  cannot be written is said to ``on_result`` (the window warns) and leaves
  the older copy marked as lacking the newer edits (``recovery_notes``).
"""

from __future__ import annotations

import copy
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from core.autograd import ops
from core.autograd.engine import gc_paused
from core.files import edge_extras, recovery_notes, top_keys
from core.files.file_check import FORMAT, VERSION
from core.files.fileio import file_attrs
from core.files.safewrite import write_file
from core.graph.groups import FILE_KEY as GROUPS_KEY
from core.graph.model import GraphModel

log = logging.getLogger(__name__)

#: Nodes (or their wires) encoded at a time (see ``Snapshot.pieces``).
CHUNK = 250
#: Seconds the writer rests after each slice of its encoding.
PAUSE = 0.004
_TARGET = itemgetter(1)  # a wire's target


# ------------------------------------------------------------------ when
class SaveSchedule:
    """When the next recovery copy is due, given when edits happened.

    Due ``delay`` seconds after the last edit, or ``max_wait`` seconds after
    the first edit not yet copied, or at once after ``max_edits`` edits."""

    def __init__(self, delay: float = 2.0, max_wait: float = 10.0, max_edits: int = 25) -> None:
        self.delay, self.max_wait, self.max_edits = delay, max_wait, max_edits
        self._first: float | None = None
        self._last = 0.0
        self._count = 0

    @property
    def pending(self) -> bool:
        return self._first is not None

    def edited(self, now: float) -> None:
        if self._first is None:
            self._first = now
        self._last = now
        self._count += 1

    def due_in(self, now: float) -> float | None:
        """Seconds until a copy is due (0: now); None when nothing is pending."""
        if self._first is None:
            return None
        if self._count >= self.max_edits:
            return 0.0
        return max(0.0, min(self._last + self.delay, self._first + self.max_wait) - now)

    def due(self, now: float) -> bool:
        return self.due_in(now) == 0.0

    def written(self) -> None:
        self._first, self._count = None, 0


# ------------------------------------------------------------------ what
@dataclass
class Snapshot:
    """A model's file content, copied: graph attributes, the nodes' ids (in
    the graph's order) and attributes (their positions as ``moved`` has
    them, if it does), the ids (in the input table's order) and sources per
    port of their inputs, edge keys we don't know. Nothing in it changes
    once made (the writer's thread reads it)."""

    attrs: dict
    ids: list[str]
    records: Mapping[str, dict]  # id -> attributes
    targets: list[str]
    rows: Mapping[str, tuple]  # id -> source (or None) per port
    edge_extras: dict
    moved: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # id -> (x, y), newer than records
    top: dict = field(default_factory=dict)  # the file's top-level keys of its own (core/files/top_keys.py)

    def _nodes(self, ids: list[str]) -> list[dict]:
        """The file's node objects of ``ids``."""
        records, moved = self.records, self.moved
        out = [{"id": n, **records[n]} for n in ids]
        if moved:
            for rec, n in zip(out, ids):
                xy = moved.get(n)
                if xy is not None:
                    rec["x"], rec["y"] = xy  # as the model set them: in place, or else added in this order
        return out

    def to_data(self) -> dict:
        """The node-link document (as ``fileio.to_data`` makes it)."""
        attrs = dict(self.attrs)
        attrs["format"], attrs["version"] = FORMAT, VERSION
        extras = self.edge_extras
        edges = []
        rows = self.rows
        for t in self.targets:
            for port, s in enumerate(rows[t]):
                if s is not None:
                    edges.append({"source": s, "target": t, "port": port, **extras.get((s, t, port), {})})
        return {
            "directed": True,
            "multigraph": True,
            "graph": attrs,
            **self.top,
            "nodes": self._nodes(self.ids),
            "edges": edges,
        }

    def encode(self) -> bytes:
        """The file's bytes, as ``json.dumps`` of :meth:`to_data` makes them
        (ASCII escapes, so that any text, even a lone surrogate, can be
        written); see :meth:`pieces`."""
        return "".join(self.pieces()).encode("ascii")

    def pieces(self) -> Iterator[str]:
        """:meth:`encode`'s text, a slice of nodes or wires at a time: each
        slice holds the interpreter's lock for a moment (the C encoder), and
        the writer's thread lets it go between slices, so the user's edits on
        the UI thread run on. The pure-Python encoder took some 0.7 s of that
        lock for a 50,000-node graph, about half the UI thread's time for as long."""
        enc = json.JSONEncoder(ensure_ascii=True, allow_nan=False, indent=None)
        attrs = dict(self.attrs)
        attrs["format"], attrs["version"] = FORMAT, VERSION
        head = enc.encode({"directed": True, "multigraph": True, "graph": attrs, **self.top})
        yield head[:-1] + ', "nodes": ['
        sep = ""
        ids = self.ids
        for i in range(0, len(ids), CHUNK):
            yield sep + enc.encode(self._nodes(ids[i : i + CHUNK]))[1:-1]
            sep = ", "
        yield '], "edges": ['
        sep = ""
        for piece in self._edge_pieces():
            yield sep + enc.encode(piece)[1:-1]
            sep = ", "
        yield "]}"

    def _edge_pieces(self) -> Iterator[list[dict]]:
        """The file's wires (as :meth:`to_data` lists them), ``CHUNK`` nodes' at a time."""
        extras, targets, rows = self.edge_extras, self.targets, self.rows
        for i in range(0, len(targets), CHUNK):
            edges = []
            for t in targets[i : i + CHUNK]:
                for port, s in enumerate(rows[t]):
                    if s is not None:
                        edges.append({"source": s, "target": t, "port": port, **extras.get((s, t, port), {})})
            if edges:
                yield edges


def snapshot(model: GraphModel) -> Snapshot:
    """What a file of ``model`` needs, copied (see the module docstring)."""
    table = model.input_table()
    attrs = _file_attrs(model, None)
    nodes = model.attr_table()  # the raw table: no view call a node
    with gc_paused():  # a dict per node, no cycles: the collector would walk them again and again
        records = {n: dict(a) for n, a in nodes.items()}
        rows = dict(zip(table.keys(), map(tuple, table.values())))
        return Snapshot(
            attrs, list(nodes), records, list(table), rows, edge_extras.of(model), top=top_keys.of(model)
        )


def _file_attrs(model: GraphModel, custom: set[str] | None) -> dict:
    """``fileio.file_attrs``, copied deep (groups and custom operators
    included), but for the groups' records, which it makes anew."""
    attrs = file_attrs(model, custom)
    return {k: v if k == GROUPS_KEY else copy.deepcopy(v) for k, v in attrs.items()}


class RecordCopy:
    """:func:`snapshot` of one model, again and again, on the UI thread:
    a copy of every node's attributes and inputs is kept here, and the
    model's change signals name the nodes whose copy went stale, so a
    snapshot copies only those (a one-node edit: one node, where copying
    them all held the UI thread ~100 ms at 50,000 nodes). Moves (Auto
    Layout moves every node) are kept apart, as their signals tell them:
    no node is copied for them. The first copy of every node is made a
    slice at a time (:meth:`copy_some`, when the app is idle), or what is
    left of it at the next snapshot. What a snapshot still does for every
    node runs in C (~3 ms at 50,000 nodes): the ids in the graph's order,
    a shallow copy of the tables. A node added or removed unannounced (no
    signal) makes it copy everything again."""

    def __init__(self, model: GraphModel) -> None:
        self.model = model
        self._records: dict[str, dict] = {}
        self._rows: dict[str, tuple] = {}
        self._moved: dict[str, tuple[float, float]] = {}  # positions newer than the records'
        self._custom: dict[str, int] = {}  # nodes per custom operator
        self._stale: set[str] = set()  # nodes whose attributes changed since copied
        self._stale_rows: set[str] = set()  # nodes whose inputs changed since copied
        # the first copy: the nodes there when it began, from ``_at`` on
        self._todo: list[str] = []
        self._todo_rows: list[str] = []
        self._at = 0
        #: Node attributes and input rows copied so far (tests count them).
        self.copied = 0
        m = model
        self._links: list[tuple[Any, Callable[..., None]]] = [
            (m.node_added, self._node_and_row),
            (m.node_removed, self._node_and_row),
            (m.node_changed, self._node),
            (m.node_moved, self._moved_one),
            (m.nodes_moved, self._moved_many),
            (m.nodes_added, self._nodes_and_rows),
            (m.nodes_removed, self._nodes_and_rows),
            (m.edge_added, self._wire),
            (m.edge_removed, self._wire),
            (m.edges_added, self._wires),
            (m.edges_removed, self._wires),
        ]
        for sig, slot in self._links:
            sig.connect(slot)
        self._begin()

    def close(self) -> None:
        """Stop following the model."""
        for sig, slot in self._links:
            sig.disconnect(slot)
        self._links = []

    @property
    def left(self) -> int:
        """Nodes the first copy has yet to copy."""
        return max(len(self._todo), len(self._todo_rows)) - self._at if self._todo or self._todo_rows else 0

    def copy_some(self, count: int) -> bool:
        """Copy the next ``count`` nodes of the first copy; True while some are left."""
        todo, todo_rows, start = self._todo, self._todo_rows, self._at
        end = self._at = start + count
        m = self.model
        with gc_paused():  # new dicts, no cycles
            self._copy(todo[start:end], m.attr_table())
            self._copy_rows(todo_rows[start:end], m.input_table())
        if end < len(todo) or end < len(todo_rows):
            return True
        self._todo, self._todo_rows, self._at = [], [], 0
        return False

    def take(self) -> Snapshot:
        """:func:`snapshot` of the model as it is now."""
        m = self.model
        nodes, table = m.attr_table(), m.input_table()
        with gc_paused():  # new dicts, no cycles
            self._refresh(nodes, table)
            if len(self._records) != len(nodes) or len(self._rows) != len(table):
                # a node added or removed unannounced (not expected): all copied again
                log.warning("recovery copy: the model changed unannounced; copying every node")
                self._begin()
                self._refresh(nodes, table)
            # the ids in order and the copies (the writer's thread looks them up)
            ids, records = list(nodes), self._records.copy()
            targets, rows, moved = list(table), self._rows.copy(), self._moved.copy()
        custom = {op for op, k in self._custom.items() if k}
        return Snapshot(
            _file_attrs(m, custom), ids, records, targets, rows, edge_extras.of(m), moved, top_keys.of(m)
        )

    def _begin(self) -> None:
        """Copy every node anew, from the first (``copy_some``)."""
        for table in (self._records, self._rows, self._moved, self._custom, self._stale, self._stale_rows):
            table.clear()
        m = self.model
        self._todo, self._todo_rows, self._at = list(m.attr_table()), list(m.input_table()), 0

    def _refresh(self, nodes: Mapping[str, Mapping[str, Any]], table: Mapping[str, Sequence]) -> None:
        """Copy what is left of the first copy, then again what went stale."""
        if self.left:
            self.copy_some(self.left)
        stale, self._stale = self._stale, set()
        self._copy(stale, nodes)
        stale, self._stale_rows = self._stale_rows, set()
        self._copy_rows(stale, table)

    def _copy(self, ids: Iterable[str], nodes: Mapping[str, Mapping[str, Any]]) -> None:
        """Copy the attributes of ``ids`` (or forget those gone)."""
        builtin, custom, records, moved = ops.BUILTIN_OPS, self._custom, self._records, self._moved
        k = 0
        for n in ids:
            k += 1
            if moved:
                moved.pop(n, None)  # the copy has its position
            a = nodes.get(n)
            old = records.pop(n, None) if a is None else records.get(n)
            if old is not None and old["op"] not in builtin:
                custom[old["op"]] -= 1
            if a is not None:
                new = records[n] = dict(a)  # (in place: the table keeps no hole)
                if new["op"] not in builtin:
                    custom[new["op"]] = custom.get(new["op"], 0) + 1
        self.copied += k

    def _copy_rows(self, ids: Iterable[str], table: Mapping[str, Sequence]) -> None:
        """Copy the input rows of ``ids`` (or forget those gone)."""
        rows = self._rows
        k = 0
        for n in ids:
            k += 1
            r = table.get(n)
            if r is None:
                rows.pop(n, None)
            else:
                rows[n] = tuple(r)
        self.copied += k

    # the model's signals: which copies went stale
    def _node(self, node_id: str, *_: object) -> None:
        self._stale.add(node_id)

    def _nodes(self, ids: Iterable[str]) -> None:
        self._stale.update(ids)

    def _moved_one(self, node_id: str, x: float, y: float) -> None:
        self._moved[node_id] = (x, y)

    def _moved_many(self, positions: Mapping[str, tuple[float, float]]) -> None:
        self._moved.update(positions)

    def _node_and_row(self, node_id: str) -> None:
        self._stale.add(node_id)
        self._stale_rows.add(node_id)

    def _nodes_and_rows(self, ids: Iterable[str]) -> None:
        m = self.model
        if not len(m):  # every node gone: nothing to copy, none marked (50,000 ids twice)
            self._begin()
            return
        ids = list(ids)
        if len(ids) == len(m) and not self._records and not self._rows and not self.left:
            self._begin()  # the whole graph into an empty copy (an undo of deleting it): copied afresh
            return
        self._stale.update(ids)
        self._stale_rows.update(ids)

    def _wire(self, source: str, target: str, port: int) -> None:
        self._stale_rows.add(target)

    def _wires(self, wires: Iterable[tuple[str, str, int]]) -> None:
        m = self.model
        if not len(m):  # every node going (their nodes_removed next): none to mark
            return
        if self._todo_rows and not self._at and len(self._todo_rows) == len(m.input_table()):
            return  # every row to be copied from the table as it is then (the whole graph put back)
        self._stale_rows.update(map(_TARGET, wires))


# ------------------------------------------------------------------ writing
@dataclass
class _Job:
    snap: Snapshot
    graph: Path
    meta: Path
    info: dict
    generation: int


class RecoveryWriter:
    """Writes snapshots to a recovery file and its description (JSON) on a
    thread of its own. ``write`` is replaceable (tests slow it down)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._job: _Job | None = None
        self._busy = False
        self._generation = 0
        self._thread: threading.Thread | None = None
        self._closed = False
        self.write: Callable[[Path, bytes], Any] = write_file
        self.pause: Callable[[float], Any] = time.sleep  # between slices of the encoding
        self.written = 0  # copies written (for tests and the benchmark)
        self.failed = 0
        self.last_error: str | None = None
        #: Told after each write, on the writer's thread: None (written) or why it failed.
        self.on_result: Callable[[str | None], Any] | None = None

    def submit(self, snap: Snapshot, graph: Path, meta: Path, info: dict) -> None:
        """Write ``snap`` soon (a snapshot still waiting is dropped)."""
        with self._cond:
            self._job = _Job(snap, graph, meta, info, self._generation)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="recovery-writer", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Until nothing is waiting or being written; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._job is None and not self._busy, timeout)

    def discard(self, *paths: Path) -> None:
        """The work is saved (or thrown away): no copy is left, even by a
        write under way, which removes what it wrote when it ends."""
        with self._cond:
            self._generation += 1
            self._job = None
            for p in paths:
                _unlink(p)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._job = None
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._job is not None or self._closed)
                if self._closed:
                    return
                job, self._job = self._job, None
                self._busy = True
            assert job is not None
            try:
                self._write(job)
            finally:
                with self._cond:
                    self._busy = False
                    if job.generation != self._generation:  # discarded meanwhile
                        _unlink(job.graph)
                        _unlink(job.meta)
                        recovery_notes.copied(job.graph)  # (its mark, if it failed)
                    self._cond.notify_all()

    def _encode(self, snap: Snapshot) -> bytes:
        """``snap.encode()``, resting a moment after each slice: the UI
        thread, which may want the interpreter's lock, gets it then."""
        parts = []
        for piece in snap.pieces():
            parts.append(piece)
            self.pause(PAUSE)
        return "".join(parts).encode("ascii")

    def _write(self, job: _Job) -> None:
        try:
            job.graph.parent.mkdir(parents=True, exist_ok=True)
            self.write(job.graph, self._encode(job.snap))
            self.write(job.meta, json.dumps(job.info).encode("utf-8"))
        except (OSError, ValueError, TypeError) as e:
            # said to the window (on_result), which warns; no traceback for the terminal
            self.failed += 1
            self.last_error = recovery_notes.failure_reason(e, job.graph.parent)
            log.info("no recovery copy written to %s: %s", os.fspath(job.graph), e)
            recovery_notes.note_not_copied(job.graph, job.meta, self.last_error, self.write)
            self._tell(self.last_error)
            return
        recovery_notes.copied(job.graph)
        self.written += 1
        self.last_error = None
        self._tell(None)

    def _tell(self, result: str | None) -> None:
        tell = self.on_result  # (read once: the window may let go of it meanwhile)
        if tell is not None:
            try:
                tell(result)
            except RuntimeError as e:  # its listener gone as the copy was written (a window torn
                if "deleted" not in str(e):  # down without closing: Qt's "Signal source has been
                    raise  # deleted" on stderr); any other error is the listener's own, not hidden


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass
