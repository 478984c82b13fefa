"""An edit that is not local: a leaf near the top of the graph whose value
feeds most of it, edited in the main window, and where the time goes.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_edit.py [--sizes 5000,20000,50000] [--runs 7]

bench_scaling.py's graph (a layered random DAG) opened in the window and
looked at for two seconds; the leaf near the top with the most consumers
is set to a new value ``--runs`` times (the first edit after opening, and
the least and the median of all, each with the events it queued and the
frame; after the first, the model reuses the order of what it feeds), then
it and the next such leaf in turn (the model keeps the order of a few
recent edits' cones: after the first of each, no walk), then eight such
leaves in turn (more than it keeps: each edit walks and sorts afresh), and
by parts: the walk downstream of the leaf, the forward pass
over what it feeds, and the canvas told the new values (cards in view now,
those whose flag turns; the rest when they come into view). The last
column divides the whole by the nodes the edit feeds: a cost per node
that stays level as the graph grows is linear in what changed. Issue 14's
goal: an interaction <= 100 ms at 50,000 nodes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scaling import layered_dag, ms, settle
from PySide6.QtWidgets import QApplication

from core.files import fileio

#: (owner, attribute, what it is): each part timed inside the edit
PARTS = [
    ("core.graph.kept_values", "KeptValues", "downstream", "walk downstream"),
    ("core.graph.forward", "", "evaluate", "forward pass"),
    ("gui.canvas.scene_mirror", "SceneMirror", "_on_values_changed", "canvas told"),
]


#: part -> its times (ms), since the last clear
ACC: dict[str, list[float]] = {}


def _timed() -> None:
    """Each part wrapped to note its time in ACC (before any window is made:
    the scene connects its handlers when it is built)."""
    import importlib

    for mod, cls, name, label in PARTS:
        owner = importlib.import_module(mod)
        owner = getattr(owner, cls) if cls else owner
        real: Callable = getattr(owner, name)

        def wrapper(*a, _real=real, _label=label, **k):
            t = time.perf_counter()
            try:
                return _real(*a, **k)
            finally:
                ACC.setdefault(_label, []).append((time.perf_counter() - t) * 1000)

        setattr(owner, name, wrapper)


def measure(n: int, runs: int, folder: str) -> dict[str, float]:
    from gui.window.main_window import MainWindow

    app = QApplication.instance()
    w = MainWindow(restore=False)
    w.resize(1400, 900)
    w.show()
    path = os.path.join(folder, f"g{n}.mgraph")
    fileio.save(layered_dag(n), path)
    w.open_path(path)
    settle()
    m, ed = w.model, w.editor
    near_top = [k for k in m.topological_order()[:200] if m.op(k) == "leaf"]
    ranked = sorted(near_top, key=lambda k: len(m.consumers(k)), reverse=True)
    top, other = ranked[:2]
    # (the eight feeding the most: comparable edits, each a walk of most of the graph)
    pool = sorted(ranked[:40], key=lambda k: len(m.downstream([k])), reverse=True)[:8]
    fed = len(m.downstream([top]))
    least_fed = min(len(m.downstream([k])) for k in pool)  # (before the parts are timed: not an edit's)
    ACC.clear()
    whole = [ms(lambda i=i: ed.set_value(top, str(0.3 + i / 100))) for i in range(runs)]
    # two leaves in turn: their cones' orders kept after the first of each
    turns = [ms(lambda i=i: ed.set_value((other, top)[i % 2], str(0.5 + i / 100))) for i in range(runs)]
    # eight in turn: more than the model keeps, each edit walks and sorts what it feeds afresh
    n_fresh = max(runs, len(pool))
    fresh = [ms(lambda i=i: ed.set_value(pool[i % len(pool)], str(0.7 + i / 100))) for i in range(n_fresh)]
    out = {
        "nodes fed": float(fed),
        "first": whole[0],
        "least": min(whole),
        "median": statistics.median(whole),
        "two leaves in turn, least": min(turns),
        "two leaves in turn, median": statistics.median(turns),
        "nodes fed, least of the eight": float(least_fed),
        "eight leaves in turn, least": min(fresh),
        "eight leaves in turn, median": statistics.median(fresh),
    }
    for _mod, _cls, _name, label in PARTS:
        out[label] = statistics.median(ACC.get(label, [0.0]))
    out["µs a node fed"] = 1000 * min(whole) / fed
    w.undo_stack.setClean()
    w.close()
    w.deleteLater()
    app.processEvents()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5000,20000,50000")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MICROGRAD_STUDIO_CONFIG"] = folder
        _timed()
        rows = {}
        for n in [int(s) for s in args.sizes.split(",")]:
            rows[n] = measure(n, args.runs, folder)
            print(f"  measured {n:,} nodes", file=sys.stderr)
    sizes = list(rows)
    print("| edit feeding most of the graph (ms) | " + " | ".join(f"{n:,}" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for key in rows[sizes[0]]:
        fmt = "{:,.0f}" if key == "nodes fed" else "{:.2f}" if key.startswith("µs") else "{:.1f}"
        print(f"| {key} | " + " | ".join(fmt.format(rows[n][key]) for n in sizes) + " |")
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
