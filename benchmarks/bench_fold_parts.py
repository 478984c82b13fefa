"""Where Collapse All and Expand All spend their time at 50,000 nodes.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_fold_parts.py [--size 50000] [--runs 3] [--against DIR]

bench_scaling.py's graph (a layered random DAG, a group around every 100
nodes in topological order) opened in the main window; Collapse All and
Expand All timed whole (the call, then the events it queues, the frame
included) and by parts: each part is the wall-clock time spent inside one
function of the fold (re-routing the boundary wires, working out their
ends, the overview's line swap, placing the cards, the far names, the
linked copies' reach, the frame's paint). Parts nest (ends and the line
swap are inside the re-routing): read them as shares, not a sum. Each
figure is CPU time (``time.process_time``: the machine may be busy), the
minimum of ``--runs`` runs, each in a fresh process that collapses and
expands all twice: the first fold of the opened graph, then the same
again (what a fold kept for the next one shows there); then a card is
moved (an edit, not timed: what a fold kept no longer holds, and its
repaint files the overview's lines by place) and all are folded and
opened a third time, as a user folds after an edit.

``--against DIR``: the same for another checkout of the app (e.g. a ``git
worktree`` of an older commit), its runs alternating with this one's, and
the ratio (this / that) of the whole of each.
"""

from __future__ import annotations

import collections
import importlib
import os
import tempfile
import time
from collections.abc import Callable

from alternating import HERE, best_parts, open_layered, root_from
from alternating import runs as alternating_runs

ROOT = root_from("BENCH_FOLD_ROOT")

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
            t = time.process_time()
            try:
                return _real(*a, **k)
            finally:
                acc[_label] += 1000 * (time.process_time() - t)

        setattr(owner, name, wrapper)


#: What each run times, in this order: (name, column head).
STEPS = [
    ("collapse all", "collapse all"),
    ("expand all", "expand all"),
    ("collapse again", "again"),
    ("expand again", "again"),
    ("collapse after a move", "after a move"),
    ("expand after it", "then expand"),
]


def measure(size: int) -> dict:
    """One run: the parts of each step (ms) and what the graph's wires are."""
    os.environ.setdefault("MICROGRAD_STUDIO_CONFIG", tempfile.mkdtemp())
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from bench_scaling import settle

    from core.graph.groups import Group

    acc: dict[str, float] = collections.defaultdict(float)
    _timed(acc)
    w = open_layered(size)
    m = w.model
    ids = m.topological_order()
    m.groups.load(
        [Group(f"g{k}", f"part {k}", set(ids[i : i + 100])) for k, i in enumerate(range(0, len(ids), 100))]
    )
    app.processEvents()
    settle()
    gids = m.groups.ids()
    fold: Callable[[], object] = lambda: w.grouping.set_collapsed(gids, True)
    steps = dict(zip([s[0] for s in STEPS], [fold, w.grouping.action_expand_all.trigger] * 3))
    out: dict = {}
    for name, fn in steps.items():
        if name == "collapse after a move":  # an edit first (not timed): a card moved, far out
            mid = m.nodes()[len(m) // 2]
            x, y = m.position(mid)
            w.editor.move_nodes({mid: ((x, y), (x + 10, y))})
            app.processEvents()
            settle(1.0)
        acc.clear()
        t0 = time.process_time()
        fn()
        app.processEvents()
        out[name] = {"whole": 1000 * (time.process_time() - t0), **acc}
        settle(1.0)
    group_of = {n: g for g in gids for n in m.groups.get(g).members}
    crossing = [(s, t) for s, t, _p in m.edges() if group_of.get(s) != group_of.get(t)]
    out["wires"] = (
        f"{len(crossing):,} wires cross a group's boundary, between "
        f"{len({(group_of.get(s), group_of.get(t)) for s, t in crossing}):,} pairs of cards "
        f"({len({(s, group_of.get(t)) for s, t in crossing}):,} pairs of a source node and a card)"
    )
    w.undo_stack.setClean()
    return out


def _table(best: dict[str, dict[str, float]]) -> None:
    print(f"| {'part (CPU ms)':<46} | " + " | ".join(f"{h:>12}" for _, h in STEPS) + " |")
    print(f"|{'-' * 48}|" + "|".join("-" * 13 + ":" for _ in STEPS) + "|")
    for label in ["whole", *[p[3] for p in PARTS]]:
        cell = lambda v: "—" if v is None else f"{v:.1f}"
        print(f"| {label:<46} | " + " | ".join(f"{cell(best[n].get(label)):>12}" for n, _ in STEPS) + " |")


def main() -> None:
    made = alternating_runs(__doc__ or "", __file__, "BENCH_FOLD_ROOT", measure)
    if made is None:  # (a child: it printed its measurement)
        return
    args, roots, runs = made
    best = {r: best_parts(got, [n for n, _ in STEPS]) for r, got in runs.items()}
    print(runs[HERE][0]["wires"])
    print(f"{args.size:,} nodes, {args.size // 100} groups, CPU ms, min of {args.runs} runs")
    for r in roots:
        if args.against is not None:
            print(f"\n{'this checkout' if r == HERE else r}:")
        _table(best[r])
    if args.against is not None:
        print(f"\n| {'whole (CPU ms)':<22} | {'against':>8} | {'this':>8} | {'ratio':>6} |")
        print(f"|{'-' * 24}|---------:|---------:|-------:|")
        for n, _ in STEPS:
            a, b = best[roots[0]][n]["whole"], best[HERE][n]["whole"]
            print(f"| {n:<22} | {a:8.1f} | {b:8.1f} | {b / a:5.2f}x |")


if __name__ == "__main__":
    main()
