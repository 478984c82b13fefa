"""Find and the minimap on big graphs, in the main window.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_navigation.py [--sizes 1000,5000,20000,50000]

For each size, a sum of products laid out in rows (n nodes, about n wires)
is opened in a 1600×1000 window, fitted. Printed (best of a few rounds, ms):

- index: building Find's index (once per change of the graph; done when the
  bar opens, so no keystroke pays it);
- keystroke: one character typed into the find bar and searched (the
  debounce skipped): the matches found and selected, the view centred on
  the first; median and worst over the keystrokes of "n1235" (the first
  matches half the graph, and brings the fitted view to 100%, where the
  scene switches its far-zoom layer off: the worst);
- + repaint: the same with the events that follow processed (the window's
  panels and the canvas repainting at 100%: the canvas's cost, not Find's);
- minimap redraw: drawing the whole graph into the minimap's picture (after
  an edit, at most once per 150 ms however many edits come);
- minimap frame: one paint of the minimap itself as the view scrolls (the
  picture and a rectangle; nothing per node).

Ratios are against the smallest size. Goal: a keystroke and a minimap
redraw under 100 ms at 50,000 nodes; a minimap frame the same at any size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def sum_of_products(n: int):
    """x0 + w1 + w3 + ...: n nodes in rows of 100 (a leaf and a sum each)."""
    from core.graph.model import GraphModel

    nodes = [("x0", {"op": "leaf", "value": 0.5, "x": 0.0, "y": 0.0})]
    edges = []
    prev, i = "x0", 1
    while i + 1 < n:
        col, row = (i // 2) % 100, (i // 2) // 100
        leaf, op = f"w{i}", f"n{i}"
        nodes.append((leaf, {"op": "leaf", "value": 1.0, "x": col * 480.0, "y": row * 220.0}))
        nodes.append((op, {"op": "add", "x": col * 480.0 + 240.0, "y": row * 220.0 + 110.0}))
        edges += [(prev, op, 0), (leaf, op, 1)]
        prev, i = op, i + 2
    return GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)


def ms(f, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        f()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def bench(n: int, app, rounds: int) -> dict:
    from PySide6.QtCore import QPointF

    from gui.window.main_window import MainWindow

    w = MainWindow(restore=False)
    w.resize(1600, 1000)
    w.show()
    app.processEvents()
    w.open_model(sum_of_products(n), "big")
    app.processEvents()
    w.view.fit_all()
    app.processEvents()
    nav = w.navigation
    find, bar = nav.find, nav.find_bar
    index = ms(lambda: (find.finder.invalidate(), find.finder.prepare()), rounds)
    find.open()
    app.processEvents()

    def keystrokes() -> list[float]:
        bar.edit.clear()
        w.view.fit_all()
        app.processEvents()
        out = []
        for ch in "n1235":
            t = time.perf_counter()
            bar.edit.insert(ch)
            find.search()
            t1 = time.perf_counter()
            app.processEvents()
            out.append((t1 - t, time.perf_counter() - t))
        return out

    runs = [keystrokes() for _ in range(rounds)]
    keys = min(([a for a, _ in r] for r in runs), key=statistics.median)
    painted = min(([b for _, b in r] for r in runs), key=statistics.median)
    bar.close_bar()
    nav.action_minimap.setChecked(True)
    app.processEvents()
    mm = nav.minimap
    redraw = ms(mm.redraw, rounds)
    mm.grab()  # the first paint sets up the painter's caches
    frames = []
    for k in range(10):
        w.view.centerOn(QPointF(k * 2000.0, k * 500.0))
        app.processEvents()
        t = time.perf_counter()
        mm.grab()
        frames.append(time.perf_counter() - t)
    nav.action_minimap.setChecked(False)
    w.undo_stack.setClean()
    w.close()
    w.deleteLater()
    app.processEvents()
    return {
        "n": len(w.model),
        "index": index,
        "key": statistics.median(keys) * 1000,
        "key_max": max(keys) * 1000,
        "painted": statistics.median(painted) * 1000,
        "redraw": redraw,
        "frame": statistics.median(frames) * 1000,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,5000,20000,50000")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MICROGRAD_STUDIO_CONFIG"] = tmp
        from gui.app import make_application

        app = make_application([])
        rows = [bench(int(s), app, args.rounds) for s in args.sizes.split(",")]
    ref = rows[0]
    print(
        "| nodes | index | keystroke (median / worst) | ratio | + repaint (median) "
        "| minimap redraw | ratio | minimap frame | ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['n']:,} | {r['index']:.1f} ms | {r['key']:.1f} / {r['key_max']:.1f} ms"
            f" | {r['key'] / ref['key']:.2f}× | {r['painted']:.0f} ms"
            f" | {r['redraw']:.1f} ms | {r['redraw'] / ref['redraw']:.2f}×"
            f" | {r['frame']:.2f} ms | {r['frame'] / ref['frame']:.2f}× |"
        )


if __name__ == "__main__":
    main()
