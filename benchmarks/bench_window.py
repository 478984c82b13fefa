"""How long the main window takes to open a big graph and to select it all.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_window.py [N]

Goals (a learner's laptop): opening 5000 nodes under 2 s; select-all and
its panel updates under 1 s.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def chain_graph(n: int):
    """A long sum of products: n nodes, about n wires, in layers."""
    from core.graph.model import GraphModel

    m = GraphModel()
    prev = m.add_node("leaf", "x0", value=0.5, x=0, y=0)
    i = 1
    while i < n:
        leaf = m.add_node("leaf", f"w{i}", value=1.0 + i % 7 / 10, x=(i % 50) * 240, y=(i // 50) * 220)
        op = m.add_node("mul" if i % 2 else "add", f"n{i}", x=(i % 50) * 240 + 120, y=(i // 50) * 220 + 110)
        m.connect(prev, op, 0)
        m.connect(leaf, op, 1)
        prev = op
        i += 2
    return m


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MICROGRAD_STUDIO_CONFIG"] = tmp
        from core.files import fileio
        from gui.app import make_application
        from gui.window.main_window import MainWindow

        app = make_application([])
        path = os.path.join(tmp, "big.mgraph")
        fileio.save(chain_graph(n), path)
        w = MainWindow()
        w.show()
        app.processEvents()
        t = time.perf_counter()
        w.open_path(path)
        app.processEvents()
        print(f"open {len(w.model)} nodes: {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        w.scene.select_all()
        app.processEvents()
        print(f"select all: {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        w.scene.clearSelection()
        w.scene.select_ids([w.model.nodes()[n // 2]])
        app.processEvents()
        print(f"select one: {time.perf_counter() - t:.3f} s")
        w.undo_stack.setClean()
        w.close()


if __name__ == "__main__":
    main()
