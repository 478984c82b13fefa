"""Where deleting five groups of the grouped 50,000-node graph, and its undo, spend their time.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_grouped_delete.py [--size N] [--runs 3] [--against DIR]

bench_scaling.py's graph opened in the main window, a group around every
100 nodes in topological order, Auto Layout with the groups open (each a
block in its frame), as bench_scaling's "groups open" rows; then the 500
nodes of five groups from the middle of the graph's order are deleted
(their groups go with them, half the graph is left without a value) and
the delete undone, each timed whole (the call and the events it queues,
its frame included) and by parts: each part is the CPU time spent inside
one function (the model's forward pass, the canvas told which values
turned, the boxes' re-homing, the frames placed, the check that a card is
still in view, the view's paint...). Parts nest: read them as shares, not a
sum. Each figure is CPU time (``time.process_time``), the minimum of
``--runs`` runs, each in a fresh process; ``--against DIR``: the same for
another checkout (a ``git worktree`` of the main branch), its runs
alternating with this one's, and the ratio (this / that) of the whole.
"""

from __future__ import annotations

import collections
import importlib
import os
import tempfile
import time

from alternating import HERE, best_parts, open_layered, root_from
from alternating import runs as alternating_runs

ROOT = root_from("BENCH_DELETE_ROOT")

#: (module, class or "", function, what it is)
PARTS = [
    ("core.graph.kept_values", "KeptValues", "_recompute", "the model's values worked out and told"),
    ("core.graph.forward", "", "evaluate", "  the forward pass"),
    ("gui.canvas.scene_mirror", "SceneMirror", "_on_values_changed", "  the canvas told the values"),
    ("gui.canvas.scene_mirror", "", "flag_turns", "    whose flag turned"),
    ("gui.canvas.scene_mirror", "SceneMirror", "_reflagged", "    their wires and blocks told"),
    (
        "gui.canvas.overview.overview_repaints",
        "OverviewRepaints",
        "recoloured",
        "      the blocks recoloured",
    ),
    ("gui.canvas.folding.box_homes", "BoxHomes", "regroup_many", "the cards re-homed in their boxes"),
    ("gui.canvas.scene_batches", "SceneBatches", "_defer_wires", "the wires put back, far out"),
    ("gui.canvas.folding.fold_layer", "FoldingLayer", "refresh", "the fold layer's refresh"),
    ("gui.canvas.folding.fold_placing", "FoldPlacing", "_place", "the frames placed (each time)"),
    ("gui.canvas.folding.far_names", "FarNames", "replan", "the groups' names far out"),
    ("gui.window.lost_view", "LostView", "check", "the check that a card shows in view"),
    ("gui.canvas.view", "GraphView", "paintEvent", "the frame's paint"),
]
STEPS = ["delete 5 groups (500)", "undo the delete"]


def measure(size: int) -> dict:
    """One run: the whole and the parts of each step (CPU ms)."""
    os.environ.setdefault("MICROGRAD_STUDIO_CONFIG", tempfile.mkdtemp())
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from bench_scaling import settle

    from core.graph.groups import Group

    acc: dict[str, float] = collections.defaultdict(float)
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
    w = open_layered(size)
    m = w.model
    ids = m.topological_order()
    m.groups.load(
        [Group(f"g{k}", f"part {k}", set(ids[i : i + 100])) for k, i in enumerate(range(0, len(ids), 100))]
    )
    app.processEvents()
    w.action_layout.trigger()
    app.processEvents()
    settle(1.0)
    w.scene.select_ids(ids[len(ids) // 2 : len(ids) // 2 + 500])
    out: dict = {}
    for name, fn in zip(STEPS, (w.editor.delete_selection, w.action_undo.trigger)):
        acc.clear()
        t0 = time.process_time()
        fn()
        app.processEvents()
        out[name] = {"whole": 1000 * (time.process_time() - t0), **acc}
        settle(1.0)
    w.undo_stack.setClean()
    return out


def main() -> None:
    made = alternating_runs(__doc__ or "", __file__, "BENCH_DELETE_ROOT", measure)
    if made is None:  # (a child: it printed its measurement)
        return
    args, roots, runs = made
    best = {r: best_parts(got, STEPS) for r, got in runs.items()}
    print(f"{args.size:,} nodes, {args.size // 100} groups laid out, CPU ms, min of {args.runs} runs")
    labels = ["whole", *[p[3] for p in PARTS]]
    if args.against is None:
        print(f"| {'part (CPU ms)':<44} | " + " | ".join(f"{s:>21}" for s in STEPS) + " |")
        print(f"|{'-' * 46}|" + "|".join("-" * 22 + ":" for _ in STEPS) + "|")
        for k in labels:
            cells = [best[HERE][s].get(k) for s in STEPS]
            print(
                f"| {k:<44} | " + " | ".join(f"{'—' if v is None else f'{v:.1f}':>21}" for v in cells) + " |"
            )
        return
    heads = [f"{s.split()[0]}, {c}" for s in STEPS for c in ("main", "this")]
    print(f"| {'part (CPU ms)':<44} | " + " | ".join(f"{h:>12}" for h in heads) + " |")
    print(f"|{'-' * 46}|" + "|".join("-" * 13 + ":" for _ in heads) + "|")
    for k in labels:
        cells = [best[r][s].get(k) for s in STEPS for r in roots]
        print(f"| {k:<44} | " + " | ".join(f"{'—' if v is None else f'{v:.1f}':>12}" for v in cells) + " |")
    print(f"\n| {'whole (CPU ms)':<22} | {'against':>8} | {'this':>8} | {'ratio':>6} |")
    print(f"|{'-' * 24}|---------:|---------:|-------:|")
    for s in STEPS:
        a, b = best[roots[0]][s]["whole"], best[HERE][s]["whole"]
        print(f"| {s:<22} | {a:8.1f} | {b:8.1f} | {b / a:5.2f}x |")


if __name__ == "__main__":
    main()
