"""Recovery copies of unsaved work: when to write one, a cheap snapshot of
the model, and a writer thread, so the user's edits never wait for the disk.

* :class:`SaveSchedule` decides when: a few seconds after the last edit,
  and at the latest after a while or after so many edits while editing goes
  on (a plain class over a clock, so tests drive it with a fake one).
* :func:`snapshot` copies what a file needs in one quick pass on the
  caller's thread (the node attribute dicts and the input table: no JSON),
  so the model may change the moment it returns.
* :class:`RecoveryWriter` turns snapshots into files on a thread of its
  own; a newer snapshot replaces one still waiting, and :meth:`discard`
  (the work was saved) wins over a write already under way.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.autograd.engine import gc_paused
from core.files import edge_extras
from core.files.fileio import FORMAT, VERSION, file_attrs
from core.files.safewrite import write_file
from core.graph.model import GraphModel

log = logging.getLogger(__name__)

#: Nodes (or their wires) encoded at a time (see ``Snapshot.pieces``).
CHUNK = 250
#: Seconds the writer rests after each slice of its encoding.
PAUSE = 0.004


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
    """A model's file content, copied: graph attributes, (id, attrs) per
    node, (target, sources per port) per node, edge keys we don't know."""

    attrs: dict
    nodes: list
    inputs: list
    edge_extras: dict

    def to_data(self) -> dict:
        """The node-link document (as ``fileio.to_data`` makes it)."""
        attrs = dict(self.attrs)
        attrs["format"], attrs["version"] = FORMAT, VERSION
        extras = self.edge_extras
        edges = []
        for t, sources in self.inputs:
            for port, s in enumerate(sources):
                if s is not None:
                    edges.append({"source": s, "target": t, "port": port, **extras.get((s, t, port), {})})
        return {
            "directed": True,
            "multigraph": True,
            "graph": attrs,
            "nodes": [{"id": n, **a} for n, a in self.nodes],
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
        head = enc.encode({"directed": True, "multigraph": True, "graph": attrs})
        yield head[:-1] + ', "nodes": ['
        sep = ""
        nodes = self.nodes
        for i in range(0, len(nodes), CHUNK):
            yield sep + enc.encode([{"id": n, **a} for n, a in nodes[i : i + CHUNK]])[1:-1]
            sep = ", "
        yield '], "edges": ['
        sep = ""
        for piece in self._edge_pieces():
            yield sep + enc.encode(piece)[1:-1]
            sep = ", "
        yield "]}"

    def _edge_pieces(self) -> Iterator[list[dict]]:
        """The file's wires (as :meth:`to_data` lists them), ``CHUNK`` nodes' at a time."""
        extras, inputs = self.edge_extras, self.inputs
        for i in range(0, len(inputs), CHUNK):
            edges = []
            for t, sources in inputs[i : i + CHUNK]:
                for port, s in enumerate(sources):
                    if s is not None:
                        edges.append({"source": s, "target": t, "port": port, **extras.get((s, t, port), {})})
            if edges:
                yield edges


def snapshot(model: GraphModel) -> Snapshot:
    """What a file of ``model`` needs, copied (see the module docstring)."""
    table = model.input_table()
    attrs = copy.deepcopy(file_attrs(model))  # groups and custom operators included
    with gc_paused():  # a dict per node, no cycles: the collector would walk them again and again
        return Snapshot(
            attrs,
            [(n, dict(a)) for n, a in model.attr_table().items()],  # the raw table: no view call a node
            list(zip(table.keys(), map(tuple, table.values()))),
            edge_extras.of(model),  # noted by the file's reader: no pass over the wires
        )


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
            # recovery is best effort; it never disturbs the user, only the log hears
            self.failed += 1
            self.last_error = f"{type(e).__name__}: {e}"
            log.warning("no recovery copy written to %s", os.fspath(job.graph), exc_info=True)
            return
        self.written += 1
        self.last_error = None


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass
