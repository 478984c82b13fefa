"""Where Collapse All and Expand All spend their time at 50,000 nodes.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_fold_parts.py [--size 50000] [--runs 3]

bench_scaling.py's graph (a layered random DAG, a group around every 100
nodes in topological order) opened in the main window; Collapse All and
Expand All timed whole (the call, then the events it queues, the frame
included) and by parts: each part is the wall-clock time spent inside one
function of the fold (re-routing the boundary wires, working out their
ends, the overview's line swap, placing the cards, the far names, the
linked copies' reach, the frame's paint). Parts nest (ends and the line
swap are inside the re-routing): read them as shares, not a sum. The
minimum of ``--runs`` runs per figure.
"""

from __future__ import annotations

import argparse
import collections
import importlib
import os
import sys
import tempfile
import time
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

#: (module, class or "", function, what it is)
PARTS = [
    (
        "gui.canvas.folding.fold_layer",
        "FoldingLayer",
        "refresh",
        "the fold layer's refresh (all below in it)",
    ),
    ("gui.canvas.folding.fold_placing", "FoldPlacing", "_reroute", "  re-routing the boundary wires"),
    ("gui.canvas.folding.fold_routes", "", "ends_of", "    their ends worked out"),
    ("gui.canvas.overview.overview_wires", "OverviewWires", "rerouted", "    the overview's lines swapped"),
    ("gui.canvas.folding.fold_placing", "FoldPlacing", "_place", "  placing the cards and frames"),
    (
        "gui.canvas.folding.fold_placing",
        "FoldPlacing",
        "_tell_bounds",
        "  the folded nodes told to the bounds",
    ),
    ("gui.canvas.folding.far_names", "FarNames", "replan", "the groups' names far out"),
    ("gui.canvas.linked.copies", "LinkedCopies", "groups_changed", "the linked copies' reach"),
    ("gui.canvas.view", "GraphView", "paintEvent", "the frame's paint"),
]


def _timed(acc: dict[str, float]) -> None:
    for mod, cls, name, label in PARTS:
        owner = importlib.import_module(mod)
        owner = getattr(owner, cls) if cls else owner
        real = getattr(owner, name)

        def wrapper(*a, _real=real, _label=label, **k):
            t = time.perf_counter()
            try:
                return _real(*a, **k)
            finally:
                acc[_label] += 1000 * (time.perf_counter() - t)

        setattr(owner, name, wrapper)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("MICROGRAD_STUDIO_CONFIG", tempfile.mkdtemp())
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from bench_scaling import layered_dag, settle

    from core.files import fileio
    from core.graph.groups import Group
    from gui.window.main_window import MainWindow

    acc: dict[str, float] = collections.defaultdict(float)
    _timed(acc)
    path = os.path.join(tempfile.mkdtemp(), "graph.mgraph")
    fileio.save(layered_dag(args.size), path)
    w = MainWindow(restore=False)
    w.resize(1400, 900)
    w.show()
    w.open_path(path)
    settle()
    m = w.model
    ids = m.topological_order()
    m.groups.load(
        [Group(f"g{k}", f"part {k}", set(ids[i : i + 100])) for k, i in enumerate(range(0, len(ids), 100))]
    )
    app.processEvents()
    settle()
    gids = m.groups.ids()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("collapse all", lambda: w.grouping.set_collapsed(gids, True)),
        ("expand all", w.grouping.action_expand_all.trigger),
    ]
    best: dict[str, dict[str, float]] = {}
    for _ in range(args.runs):
        for name, fn in steps:
            acc.clear()
            t0 = time.perf_counter()
            fn()
            app.processEvents()
            got = {"whole": 1000 * (time.perf_counter() - t0), **acc}
            best[name] = {k: min(v, best.get(name, {}).get(k, v)) for k, v in got.items()}
            settle(1.0)
    group_of = {n: g for g in gids for n in m.groups.get(g).members}
    crossing = [(s, t) for s, t, _p in m.edges() if group_of.get(s) != group_of.get(t)]
    print(
        f"{len(crossing):,} wires cross a group's boundary, between "
        f"{len({(group_of.get(s), group_of.get(t)) for s, t in crossing}):,} pairs of cards "
        f"({len({(s, group_of.get(t)) for s, t in crossing}):,} pairs of a source node and a card)"
    )
    print(f"{args.size:,} nodes, {len(gids)} groups, min of {args.runs} runs (ms)")
    print(f"| {'part':<46} | {'collapse all':>12} | {'expand all':>10} |")
    print(f"|{'-' * 48}|{'-' * 13}:|{'-' * 11}:|")
    for label in ["whole", *[p[3] for p in PARTS]]:
        a, b = best["collapse all"].get(label), best["expand all"].get(label)
        cell = lambda v: "—" if v is None else f"{v:.1f}"
        print(f"| {label:<46} | {cell(a):>12} | {cell(b):>10} |")


if __name__ == "__main__":
    main()
