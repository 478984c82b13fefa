"""Backward animation cost on big graphs.

    python benchmarks/bench_animation.py [--sizes 1000,10000]

For a random DAG (about two wires per node, one root) shown in the main
window, prints: the Backward action (model.backward + replay + clearing the
canvas + drawing the start), one Step (median of 200), one Step back, Skip to
end (a full redraw), and Restart. Goals: a Step or Step back under 5 ms at
10,000 nodes (it only touches the nodes the step changes); Backward and Skip
to end under 1 s at 10,000 nodes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from core.graph.layout import layered_positions
from core.graph.model import GraphModel


def random_dag(n: int, seed: int = 1) -> GraphModel:
    rnd = random.Random(seed)
    nodes, edges = [], []
    n_leaves = max(2, n // 5)
    for i in range(n_leaves):
        nodes.append((f"x{i}", {"op": "leaf", "value": rnd.uniform(-2, 2)}))
    ids = [nid for nid, _ in nodes]
    for i in range(n - n_leaves - 1):
        nid = f"n{i}"
        if rnd.random() < 0.7:
            nodes.append((nid, {"op": rnd.choice(["add", "mul", "sub"])}))
            edges += [(rnd.choice(ids[-50:]), nid, 0), (rnd.choice(ids), nid, 1)]
        else:
            nodes.append((nid, {"op": rnd.choice(["tanh", "sigmoid", "neg"])}))
            edges.append((rnd.choice(ids[-50:]), nid, 0))
        ids.append(nid)
    # one root that sums the last few, so everything feeds it
    prev = ids[-1]
    for j, other in enumerate(ids[-40:-1]):
        nid = f"r{j}"
        nodes.append((nid, {"op": "add"}))
        edges += [(prev, nid, 0), (other, nid, 1)]
        prev = nid
    m = GraphModel.from_records({"format": "micrograd-studio", "version": 1, "output": prev}, nodes, edges)
    for nid, (x, y) in layered_positions(m).items():
        m.graph.nodes[nid]["x"], m.graph.nodes[nid]["y"] = x, y
    return m


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    QApplication.processEvents()
    return (time.perf_counter() - t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    from gui.window.main_window import MainWindow

    w = MainWindow(restore=False)
    ctl = w.backward
    ctl.action_autoplay.setChecked(False)
    for n in [int(s) for s in args.sizes.split(",")]:
        m = random_dag(n)
        w.set_document(m, None, f"random {n}")
        app.processEvents()
        t_bw = timed(ctl.action_backward.trigger)
        steps = [timed(ctl.action_step.trigger) for _ in range(200)]
        backs = [timed(ctl.action_step_back.trigger) for _ in range(100)]
        t_end = timed(ctl.action_skip_end.trigger)
        t_restart = timed(ctl.action_restart.trigger)
        print(
            f"{len(m):>7} nodes  backward {t_bw:8.1f} ms   step {statistics.median(steps):6.2f} ms   "
            f"step back {statistics.median(backs):6.2f} ms   skip to end {t_end:8.1f} ms   "
            f"restart {t_restart:8.1f} ms"
        )
    w.undo_stack.setClean()
    w.close()
    del app


if __name__ == "__main__":
    main()
