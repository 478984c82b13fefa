"""Where a headless command's ``-o`` writes.

A missing or read-only folder is said plainly before any work ("its folder
/nonexist/dir does not exist", not "[Errno 2] No such file or directory: …";
a write that fails all the same is worded as the app's Save words it), and a
file that is replaced is said in the line the command prints ("replaced mine.mgraph: …",
not "wrote"): as ``cp`` and ``gcc -o`` do, ``-o`` writes over a file, but never
silently (a trial lost a graph of its own to ``template neuron -o mine.mgraph``).
The write itself stays atomic: a temporary file, then a rename
(core/files/safewrite.py), so a failed write leaves the old file whole.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from core.files import kinds
from core.files.safewrite import failure_reason, folder_problem
from core.graph.errors import GraphError


def graph_name(path: str) -> str | None:
    """Why ``path`` cannot name a graph file ``-o`` writes, or None: a name
    not ending in .mgraph (or .json, as the app's Save As offers) is refused,
    as ``picture`` refuses a picture not named .png or .svg (trial 50:
    ``template mlp -o m.png`` wrote JSON into m.png, and ``-o m`` a file the
    app's Open does not list)."""
    if kinds.is_graph_name(path):
        return None
    name = kinds.as_graph_name(path)
    example = name if name != kinds.GRAPH_EXTENSIONS[0] else "graph.mgraph"
    return f"{path!r}: a graph file's name ends in .mgraph (e.g. {example})"


def check_graph_output(path: str) -> bool:
    """:func:`check_output` for a graph file: also a UsageError for a name
    :func:`graph_name` refuses."""
    from core.cli.registry import UsageError

    replaced = check_output(path)
    why = graph_name(path)
    if why:
        raise UsageError(why)
    return replaced


def check_output(path: str) -> bool:
    """Can ``path`` be written? A GraphError saying why not (its folder is
    missing or not a folder, or it is a folder itself); else True if a
    file is there already (it will be replaced), False if not."""
    if os.path.isdir(path):
        raise GraphError(f"cannot write {path}: it is a folder (give -o a file name)")
    why = folder_problem(path)
    if why:
        raise GraphError(f"cannot write {path}: {why}")
    return os.path.lexists(path)


@contextmanager
def writing(path: str) -> Iterator[None]:
    """A write of ``path`` whose failure is a GraphError worded as the app's
    Save words it ("cannot write x.mgraph: its folder /x is not writable …")."""
    try:
        yield
    except OSError as e:
        raise GraphError(f"cannot write {path}: {failure_reason(e)}") from None


def written(path: str, replaced: bool) -> str:
    """The start of the line a command prints after writing ``path``:
    "wrote x.mgraph", or "replaced x.mgraph" where a file was there before."""
    return f"{'replaced' if replaced else 'wrote'} {path}"
