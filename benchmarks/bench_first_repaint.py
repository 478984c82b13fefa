"""The first small repaint far out after the groups are made, at 50,000 nodes.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_first_repaint.py [--size N] [--runs 3] [--against DIR]

bench_scaling.py's graph opened in the main window (far out, fitted), left
idle two seconds, then a group put around every 100 nodes in topological
order (every line of the overview filed anew under its group's box). Then a
card in the middle is moved by 10 units, far out, three times:

- "right after grouping": the move comes before any idle turn after the
  groups' frame (the overview's lines not filed by place yet);
- "next move": a second move after a second's idle;
- "after idling": the groups made again (ungrouped and regrouped, not
  timed), a second's idle, then the move: what a user does who looks at the
  grouped graph before editing it.

Each figure is CPU time (``time.process_time``) of the move and the events
it queues (its frame included), the minimum of ``--runs`` runs, each in a
fresh process; with it, the lines filed by place inside the move
(``LineIndex.refile``: ``fill`` files through it), the CPU ms they took,
and the ms of the overview's paint. ``--against DIR``: the same for
another checkout of the app (a ``git worktree`` of the main branch), its
runs alternating with this one's, and the ratio (this / that).
"""

from __future__ import annotations

import os
import tempfile
import time

from alternating import HERE, best_parts, open_layered, root_from
from alternating import runs as alternating_runs

ROOT = root_from("BENCH_REPAINT_ROOT")

STEPS = ["right after grouping", "next move", "after idling"]
COLUMNS = ["whole", "lines filed", "filing (ms)", "overview paint (ms)"]


def measure(size: int) -> dict:
    """One run: each step's CPU ms, lines filed and the parts' ms."""
    os.environ.setdefault("MICROGRAD_STUDIO_CONFIG", tempfile.mkdtemp())
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from bench_scaling import settle

    from core.graph.groups import Group
    from gui.canvas.overview.line_index import LineIndex
    from gui.canvas.overview.overview import OverviewLayer

    acc = {"filed": 0.0, "filing": 0.0, "paint": 0.0}
    refile, paint = LineIndex.refile, OverviewLayer.paint

    def timed_refile(self, moved):
        t = time.process_time()
        try:
            return refile(self, moved)
        finally:
            acc["filed"] += len(moved)
            acc["filing"] += 1000 * (time.process_time() - t)

    def timed_paint(self, *a):
        t = time.process_time()
        try:
            return paint(self, *a)
        finally:
            acc["paint"] += 1000 * (time.process_time() - t)

    LineIndex.refile = timed_refile  # type: ignore[method-assign]
    OverviewLayer.paint = timed_paint  # type: ignore[method-assign]
    w = open_layered(size)
    m = w.model
    assert w.scene.far
    ids = m.topological_order()
    groups = [
        Group(f"g{k}", f"part {k}", set(ids[i : i + 100])) for k, i in enumerate(range(0, len(ids), 100))
    ]
    mid = m.nodes()[len(m) // 2]
    out: dict = {}

    def move(name: str) -> None:
        x, y = m.position(mid)
        for k in acc:
            acc[k] = 0.0
        t = time.process_time()
        w.editor.move_nodes({mid: ((x, y), (x + 10, y))})
        app.processEvents()
        whole = 1000 * (time.process_time() - t)
        out[name] = dict(zip(COLUMNS, (whole, acc["filed"], acc["filing"], acc["paint"])))

    m.groups.load(groups)
    app.processEvents()  # the groups' frame
    move(STEPS[0])
    settle(1.0)
    move(STEPS[1])
    m.groups.clear()
    app.processEvents()
    settle(1.0)
    m.groups.load(groups)
    app.processEvents()
    settle(1.0)  # a user looks at the grouped graph before the edit
    move(STEPS[2])
    w.undo_stack.setClean()
    return out


def main() -> None:
    made = alternating_runs(__doc__ or "", __file__, "BENCH_REPAINT_ROOT", measure)
    if made is None:  # (a child: it printed its measurement)
        return
    args, roots, runs = made
    print(
        f"{args.size:,} nodes, {args.size // 100} groups, a card moved far out: "
        f"CPU ms, min of {args.runs} runs"
    )
    best = {r: best_parts(got, STEPS) for r, got in runs.items()}
    for r in roots:
        if args.against is not None:
            print(f"\n{'this checkout' if r == HERE else r}:")
        print(f"| {'move (CPU ms)':<22} | " + " | ".join(f"{c:>19}" for c in COLUMNS) + " |")
        print(f"|{'-' * 24}|" + "|".join("-" * 20 + ":" for _ in COLUMNS) + "|")
        for s in STEPS:
            cells = [
                f"{best[r][s][c]:>19,.0f}" if c == "lines filed" else f"{best[r][s][c]:>19.1f}"
                for c in COLUMNS
            ]
            print(f"| {s:<22} | " + " | ".join(cells) + " |")
    if args.against is not None:
        print(f"\n| {'whole (CPU ms)':<22} | {'against':>8} | {'this':>8} | {'ratio':>6} |")
        print(f"|{'-' * 24}|---------:|---------:|-------:|")
        for s in STEPS:
            a, b = best[roots[0]][s]["whole"], best[HERE][s]["whole"]
            print(f"| {s:<22} | {a:8.1f} | {b:8.1f} | {b / a:5.2f}x |")


if __name__ == "__main__":
    main()
