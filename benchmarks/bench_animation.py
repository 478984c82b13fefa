"""Backward animation cost on big graphs.

    python benchmarks/bench_animation.py [--sizes 1000,10000]

For a random layered DAG (bench_scaling's: about 1.6 wires a node, one root) shown in the main
window, prints: the Backward action (model.backward + replay + clearing the
canvas + drawing the start), one Step (median of 200), one Step back, Skip to
end (a full redraw), and Restart. Goals: a Step or Step back under 5 ms at
10,000 nodes (it only touches the nodes the step changes); Backward and Skip
to end under 1 s at 10,000 nodes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_scaling import layered_dag  # the scaling run's graphs: a random layered DAG, one root
from PySide6.QtWidgets import QApplication


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
        m = layered_dag(n)
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
