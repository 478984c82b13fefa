"""The big MLP a teacher inserts, in the window: what each interaction costs.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_mlp.py [--runs 3] [--against DIR] [--layers 32,32,1]

Learn › Insert MLP with layers 32, 32, 1 on the lecture's four data points
(10,720 nodes, 276 groups, opened folded and fitted in a 1400 × 900 window),
then, as a user goes on: Expand All, Collapse All, a repaint of the fitted
folded view (9,500 wires in view), a zoom step there, Select All + Delete,
and its Undo. Each figure is CPU time (``time.process_time``: the machine
may be busy) of the call and the events it queues, the frame included;
the minimum of ``--runs`` runs, each in a fresh process.

``--against DIR``: the same rows for another checkout of the app (e.g. a
``git worktree`` of an older commit), its runs alternating with this
checkout's, and the ratio (this / that) per row.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def measure(layers: list[int]) -> dict[str, float]:
    """The rows, in this process, for the app found first on ``sys.path``."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    os.environ["MICROGRAD_STUDIO_CONFIG"] = tempfile.mkdtemp()
    from core.learn import templates
    from gui.learning.templates import insert_template
    from gui.window.main_window import MainWindow

    w = MainWindow(restore=False)
    w.resize(1400, 900)
    w.show()
    app.processEvents()

    def cpu(fn, repeat: int = 1) -> float:
        best = float("inf")
        for _ in range(repeat):
            t = time.process_time()
            fn()
            app.processEvents()
            best = min(best, (time.process_time() - t) * 1000)
        return best

    def idle(seconds: float) -> None:  # a user looks before the next click (idle filing runs)
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.002)

    out: dict[str, float] = {}
    t = templates.mlp(3, layers, xs=templates.LECTURE_XS, ys=templates.LECTURE_YS, seed=1)
    out[f"insert MLP(3, {layers}), 4 points"] = cpu(lambda: insert_template(w, t))
    idle(1.0)
    g = w.grouping
    out["expand all"] = cpu(g.action_expand_all.trigger)
    idle(0.5)
    out["collapse all"] = cpu(g.action_collapse_all.trigger)
    idle(0.5)
    out["repaint the fitted folded view"] = cpu(w.view.viewport().repaint, 5)
    z = w.view.zoom
    steps = [z, z * 1.1]  # (in, then back out)
    out["a zoom step there"] = cpu(lambda: w.view.set_zoom(steps.pop()) if steps else None, 2)
    idle(0.5)
    w.action_select_all.trigger()
    out["delete everything"] = cpu(w.editor.delete_selection)
    out["undo it"] = cpu(w.action_undo.trigger)
    w.undo_stack.setClean()
    return out


def _child(root: Path, layers: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["BENCH_MLP_ROOT"] = str(root)
    got = subprocess.run(
        [sys.executable, __file__, "--child", "--layers", layers],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(got.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--layers", default="32,32,1", help="neurons per layer (the README's: 32,32,1)")
    ap.add_argument("--against", type=Path, help="another checkout of the app, for the ratio")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(measure([int(k) for k in args.layers.split(",")])))
        return 0
    roots = [HERE] if args.against is None else [args.against.resolve(), HERE]
    runs: dict[Path, list[dict[str, float]]] = {r: [] for r in roots}
    for _ in range(args.runs):  # alternating: a busy spell hits both alike
        for r in roots:
            runs[r].append(_child(r, args.layers))
    best = {r: {k: min(one[k] for one in got) for k in got[0]} for r, got in runs.items()}
    mine = best[HERE]
    print(f"(CPU ms, min of {args.runs} run{'s' * (args.runs != 1)})")
    if args.against is None:
        print(f"| {'interaction (CPU ms)':<38} | {'this':>8} |")
        print(f"|{'-' * 40}|---------:|")
        for k, v in mine.items():
            print(f"| {k:<38} | {v:8.1f} |")
        return 0
    other = best[roots[0]]
    print(f"| {'interaction (CPU ms)':<38} | {'against':>8} | {'this':>8} | {'ratio':>6} |")
    print(f"|{'-' * 40}|---------:|---------:|-------:|")
    for k, v in mine.items():
        print(f"| {k:<38} | {other[k]:8.1f} | {v:8.1f} | {v / other[k]:5.2f}x |")
    return 0


if __name__ == "__main__":
    if "--child" in sys.argv:
        sys.path.insert(0, os.environ.get("BENCH_MLP_ROOT", str(HERE)))
    sys.exit(main())
