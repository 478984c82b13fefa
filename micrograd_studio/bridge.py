"""From Python and notebooks to the app and back: :func:`show`,
:func:`to_graph`, :func:`load`. Nothing here imports Qt: :func:`show` starts
the app in a process of its own.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from core.autograd.engine import Value
from core.files import data, fileio
from core.graph.build import build_values
from core.graph.model import GraphModel
from micrograd_studio.convert import to_model
from micrograd_studio.specs import BridgeError

__all__ = ["BridgeError", "Graph", "load", "show", "to_graph"]


class Graph(GraphModel):
    """The graph model, with what a notebook wants of it: it shows itself as
    a picture (``_repr_svg_``), saves, opens in the app, becomes Values."""

    def save(self, path: str | os.PathLike) -> None:
        """Write a ``.mgraph`` file (atomically)."""
        fileio.save(self, path)

    def show(self, block: bool | None = None) -> subprocess.Popen | None:
        """Open the app on this graph (see :func:`show`)."""
        return _open_in_app(self, block)

    def to_values(self) -> dict[str, Value]:
        """A ``Value`` per node id, wired as in the graph."""
        return build_values(self)

    def roots(self) -> list[str]:
        """The node Backward starts from (the ``output``), else every end node."""
        return [self.output] if self.output else self.sinks()


def to_graph(*xs: Any, names: Mapping[str, Any] | None = None) -> Graph:
    """The graph behind ``xs`` as a laid-out :class:`Graph`, without opening
    anything: micrograd-studio or micrograd ``Value``s, or PyTorch scalar
    tensors. ``names`` (e.g. ``locals()``) labels nodes that have no label of
    their own by the variable that holds them. :class:`BridgeError` says why
    an object cannot come across (an operator the app does not have, ...)."""
    if len(xs) == 1 and isinstance(xs[0], GraphModel):
        return _as_graph(xs[0])
    model = to_model(list(xs), names, Graph)
    assert isinstance(model, Graph)
    return model


def load(path: str | os.PathLike) -> list[Value]:
    """The root ``Value``s of a ``.mgraph`` file (its ``output``, else every
    end node), built and evaluated, ready for code: ``L, = load("L.mgraph")``."""
    graph = _as_graph(fileio.load(path))
    values = graph.to_values()
    return [values[n] for n in graph.roots()]


def show(*xs: Any, names: Mapping[str, Any] | None = None, block: bool | None = None):
    """Open the app on the graph behind ``xs`` (as :func:`to_graph` reads them;
    also a Graph or a ``.mgraph`` path). It opens as a new, unsaved document.

    ``block``: wait until the window is closed. By default it waits when
    called from a script and returns at once in a notebook or an interactive
    shell, where the kernel must stay free (the app is a process of its own);
    then it returns that process.
    """
    if len(xs) == 1 and isinstance(xs[0], (str, os.PathLike)):
        graph: GraphModel = fileio.load(xs[0])
    else:
        graph = to_graph(*xs, names=names)
    return _open_in_app(graph, block)


def _as_graph(model: GraphModel) -> Graph:
    if isinstance(model, Graph):
        return model
    return Graph.from_records(
        dict(model.attrs),
        [(n, dict(model.node(n))) for n in model.nodes()],
        model.edges(),
        model.topological_order(),
    )  # type: ignore[return-value]


_temp_dir: str | None = None


def _open_in_app(graph: GraphModel, block: bool | None) -> subprocess.Popen | None:
    global _temp_dir
    if _temp_dir is None:
        _temp_dir = tempfile.mkdtemp(prefix="micrograd-studio-")
        atexit.register(shutil.rmtree, _temp_dir, True)
    fd, path = tempfile.mkstemp(suffix=fileio.SUFFIX, dir=_temp_dir)
    os.close(fd)
    fileio.save(graph, path)
    cmd = [sys.executable, "-m", "micrograd_studio", "--untitled", "from Python", path]
    env = dict(os.environ)
    if not data.PREFIX:  # running from a clone: the app must find it too
        here = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    if block is None:
        block = not _interactive()
    if block:
        subprocess.run(cmd, env=env, check=False)
        return None
    return subprocess.Popen(cmd, env=env)


def _interactive() -> bool:
    """In a notebook, IPython or the plain interactive prompt."""
    return "ipykernel" in sys.modules or "IPython" in sys.modules or hasattr(sys, "ps1")
