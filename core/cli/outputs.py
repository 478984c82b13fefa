"""Where a headless command's ``-o`` writes.

A missing folder is said plainly before any work ("folder /nonexist/dir does
not exist", not "[Errno 2] No such file or directory: …"), and a file that is
replaced is said in the line the command prints ("replaced mine.mgraph: …",
not "wrote"): as ``cp`` and ``gcc -o`` do, ``-o`` writes over a file, but never
silently (a trial lost a graph of its own to ``template neuron -o mine.mgraph``).
The write itself stays atomic: a temporary file, then a rename
(core/files/safewrite.py), so a failed write leaves the old file whole.
"""

from __future__ import annotations

import os

from core.graph.errors import GraphError


def check_output(path: str) -> bool:
    """Can ``path`` be written? A GraphError saying why not (its folder is
    missing or not a folder, or it is a folder itself); else True if a
    file is there already (it will be replaced), False if not."""
    folder = os.path.dirname(path)
    if folder and not os.path.isdir(folder):
        if os.path.exists(folder):
            raise GraphError(f"cannot write {path}: {folder} is not a folder")
        raise GraphError(f"cannot write {path}: folder {folder} does not exist")
    if os.path.isdir(path):
        raise GraphError(f"cannot write {path}: it is a folder (give -o a file name)")
    return os.path.lexists(path)


def written(path: str, replaced: bool) -> str:
    """The start of the line a command prints after writing ``path``:
    "wrote x.mgraph", or "replaced x.mgraph" where a file was there before."""
    return f"{'replaced' if replaced else 'wrote'} {path}"
