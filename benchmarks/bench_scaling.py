"""Every interaction of issue 14, in the main window, at growing sizes.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_scaling.py [--sizes 1000,5000,20000,50000] [--cpu]

Each size is a layered random DAG (about 1.6 wires a node, laid out in
columns like a big hand-made graph), saved to a file and opened in the
window; each interaction is driven the way its menu action or gesture
drives it (the editor's edit API, the window's actions), with the events
it queues processed, and timed as wall-clock milliseconds (the median of a
few runs where it repeats cheaply). After opening a file it idles two
seconds, as a person looks at the graph before the first click (a far
build files its wires and lines in idle slices, which the next rows would
otherwise take in). The "nan graph" has the same shape,
but its leaves are so big that most values overflow to inf and nan, the
case where each node explains where its inf came from.

The table has a column per size and, for each size after the first, the
ratio to the previous size: an interaction whose cost follows the size
shows the size ratio (4x from 5k to 20k), a local one stays near 1.
Goal (issue 14): each interaction <= 100 ms at 50,000 nodes; opening a
50k-node file <= 3 s, Auto Layout <= 2 s.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from core.files import fileio
from core.graph.groups import Group
from core.graph.layout import layered_positions
from core.graph.model import GraphModel


def layered_dag(n: int, big: bool = False, seed: int = 1) -> GraphModel:
    """``n`` nodes: a fifth leaves, the rest binary or unary ops whose first
    input is a recent node, summed into one output at the end."""
    rnd = random.Random(seed)
    nodes, edges = [], []
    n_leaves = max(2, n // 5)
    for i in range(n_leaves):
        v = rnd.uniform(1e300, 1.7e308) * rnd.choice([-1, 1]) if big else rnd.uniform(-2, 2)
        nodes.append((f"x{i}", {"op": "leaf", "value": v}))
    ids = [nid for nid, _ in nodes]
    ops2, ops1 = (["add", "mul", "sub"], ["neg"]) if big else (["add", "mul", "sub"], ["tanh", "neg"])
    for i in range(n - n_leaves - 1 - 20):
        nid = f"n{i}"
        if rnd.random() < 0.7:
            nodes.append((nid, {"op": rnd.choice(ops2)}))
            edges += [(rnd.choice(ids[-50:]), nid, 0), (rnd.choice(ids), nid, 1)]
        else:
            nodes.append((nid, {"op": rnd.choice(ops1)}))
            edges.append((rnd.choice(ids[-50:]), nid, 0))
        ids.append(nid)
    prev = ids[-1]
    for j, other in enumerate(ids[-21:-1]):
        nid = f"r{j}"
        nodes.append((nid, {"op": "add"}))
        edges += [(prev, nid, 0), (other, nid, 1)]
        prev = nid
    m = GraphModel.from_records({"format": "micrograd-studio", "version": 1, "output": prev}, nodes, edges)
    for nid, (x, y) in layered_positions(m).items():
        m.graph.nodes[nid]["x"], m.graph.nodes[nid]["y"] = x, y
    return m


#: The clock the rows read: wall time (what a user waits), or with ``--cpu``
#: this process's CPU time (a busy machine's other work left out).
CLOCK = time.perf_counter


def ms(fn, repeat: int = 1) -> float:
    """Median time of ``fn`` (and the events it queued), in ms."""
    app = QApplication.instance()
    times = []
    for _ in range(repeat):
        t = CLOCK()
        fn()
        app.processEvents()
        times.append((CLOCK() - t) * 1000)
    return statistics.median(times)


def settle(seconds: float = 2.0) -> None:
    """Let the app idle for ``seconds``, as a person does after opening a
    file: its idle work (filing a far build's wires and lines in ~3 ms
    slices, gui/canvas/scene_build.py) runs then, not inside the next row."""
    app = QApplication.instance()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def _mouse(view, kind, pos: QPoint, button, buttons) -> None:
    vp = view.viewport()
    ev = QMouseEvent(
        kind, QPointF(pos), QPointF(vp.mapToGlobal(pos)), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(vp, ev)


def drag_frames(view, start: QPointF, frames: int = 15) -> float:
    """Press at scene point ``start`` and move the mouse a few pixels at a
    time, each move followed by its painted frame; the median ms a frame,
    then the release (the drop it makes is not timed)."""
    app = QApplication.instance()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    p = view.mapFromScene(start)
    _mouse(view, QMouseEvent.Type.MouseButtonPress, p, left, left)
    app.processEvents()
    times = []
    for i in range(1, frames + 1):
        q = QPoint(p.x() + 7 * i, p.y() + 3 * i)
        t = time.perf_counter()
        _mouse(view, QMouseEvent.Type.MouseMove, q, none, left)
        app.processEvents()
        times.append((time.perf_counter() - t) * 1000)
    _mouse(view, QMouseEvent.Type.MouseButtonRelease, q, left, none)
    app.processEvents()
    return statistics.median(times)


def measure(w, folder: str, n: int) -> dict[str, float]:
    out: dict[str, float] = {}
    path = os.path.join(folder, f"g{n}.mgraph")
    fileio.save(layered_dag(n), path)
    ed, ctl, sc = w.editor, w.backward, w.scene
    w.undo_stack.setClean()  # no "save changes?" question
    out["open file"] = ms(lambda: w.open_path(path))
    settle()  # a user looks at the opened graph before the first click
    m = w.model
    fits = []  # from a view a little off the fit (a fitted view is left alone: no frame to time)
    for _ in range(3):
        w.view.set_zoom(w.view.zoom * 1.1)
        QApplication.instance().processEvents()
        fits.append(ms(w.action_fit.trigger))
    out["fit"] = statistics.median(fits)
    near, far = [], []  # across the far-zoom threshold (a big graph's fit is far out)
    for _ in range(3):
        near.append(ms(lambda: w.view.set_zoom(1.0)))
        far.append(ms(w.action_fit.trigger))
    out["zoom in from fit (far → near)"] = statistics.median(near)
    out["back to fit (near → far)"] = statistics.median(far)
    out["select all"] = ms(w.action_select_all.trigger)
    out["clear the selection"] = ms(sc.clearSelection)
    leaf = next(x for x in m.nodes() if m.op(x) == "leaf")
    mid = m.nodes()[len(m) // 2]
    x, y = m.position(mid)
    out["move a node"] = ms(lambda: ed.move_nodes({mid: ((x, y), (x + 10, y))}))
    out["edit a value"] = ms(lambda: ed.set_value(leaf, "0.75"))
    # an edit that is not local: a leaf near the top feeding much of the graph (noted how much)
    near_top = [k for k in m.topological_order()[:200] if m.op(k) == "leaf"]
    top = max(near_top, key=lambda k: len(m.consumers(k)))
    out["edit a value feeding many nodes"] = ms(lambda: ed.set_value(top, "0.3"))
    print(f"  note: that value feeds {len(m.downstream([top])):,} of {len(m):,} nodes", file=sys.stderr)
    new = ed.add_node_at("mul", QPointF(x + 5000, y))
    sc.clearSelection()
    QApplication.instance().processEvents()  # its frame is not the wire's
    out["add a wire"] = ms(lambda: ed.connect_ports(mid, new, 0))
    out["undo"] = ms(w.action_undo.trigger)
    out["redo"] = ms(w.action_redo.trigger)
    out["drop a dragged wire (rewire)"] = ms(lambda: ed.rewire(mid, new, 0, new, 1))
    # drags as a user makes them, at 100% around the card (Qt's own move, the
    # wires following; the wire's curve, the port under the mouse)
    view = w.view
    view.set_zoom(1.0)
    view.centerOn(QPointF(x, y))
    app = QApplication.instance()
    app.processEvents()
    before = w.undo_stack.index()
    card = sc.node_item(mid)
    out["drag a node: per frame"] = drag_frames(view, card.mapToScene(card.rect().center()))
    app.processEvents()
    out["drag a wire: per frame"] = drag_frames(view, sc.node_item(mid).output_pos())
    while w.undo_stack.index() > before:  # the move, and a wire if the drag made one
        w.undo_stack.undo()
    w.action_fit.trigger()
    app.processEvents()
    out["auto layout"] = ms(w.action_layout.trigger)
    out["undo auto layout"] = ms(w.action_undo.trigger)
    # every node away from its place (setup, not timed): Auto Layout moves them all
    rnd = random.Random(5)
    m.set_positions({k: (x + rnd.uniform(-500, 500), y + rnd.uniform(-500, 500)) for k, (x, y) in
                     ((k, m.position(k)) for k in m.nodes())})  # fmt: skip
    QApplication.instance().processEvents()
    out["auto layout, every node moves"] = ms(w.action_layout.trigger)
    out["undo it"] = ms(w.action_undo.trigger)
    sc.select_ids(m.nodes()[:500])
    ed.copy_selection()
    sc.clearSelection()
    out["paste 500 nodes"] = ms(ed.paste)
    out["undo the paste"] = ms(w.action_undo.trigger)
    sc.select_ids(m.nodes()[-500:])
    out["delete 500 nodes"] = ms(ed.delete_selection)
    out["undo the delete"] = ms(w.action_undo.trigger)
    sc.select_all()
    out["delete every node"] = ms(ed.delete_selection)
    out["undo deleting every node"] = ms(w.action_undo.trigger)
    # issue 10: a group per 100 nodes in the graph's topological order (not its
    # storage order, which an undo may change), made in one go: setup, not timed
    ids = m.topological_order()
    m.groups.load(
        [Group(f"g{k}", f"part {k}", set(ids[i : i + 100])) for k, i in enumerate(range(0, len(ids), 100))]
    )
    app.processEvents()
    gids = m.groups.ids()
    out["collapse all groups (1 per 100 nodes)"] = ms(lambda: w.grouping.set_collapsed(gids, True))
    out["expand all groups"] = ms(w.grouping.action_expand_all.trigger)
    one = gids[len(gids) // 2]
    out["collapse one group"] = ms(lambda: w.grouping.set_collapsed([one], True))
    # (the jittered graph's cards overlap already: opened alone, as by Expand All, nothing moves)
    out["open it in place"] = ms(lambda: w.grouping.set_collapsed([one], False))
    out["auto layout, groups open"] = ms(w.action_layout.trigger)  # each group a block in its frame
    # edits of that grouped graph, each undone (the rows below start from the layout): a
    # move inside a group; five whole groups deleted from the graph's middle (their
    # groups go with them), which leaves much of the graph without a value (noted)
    gx, gy = m.position(mid)
    out["groups open: move a node"] = ms(lambda: ed.move_nodes({mid: ((gx, gy), (gx + 10, gy))}))
    out["groups open: undo the move"] = ms(w.action_undo.trigger)
    sc.select_ids(ids[len(ids) // 2 : len(ids) // 2 + 500])
    out["groups open: delete 5 groups (500)"] = ms(ed.delete_selection)
    unset = sum(v is None for v in m.value_table().values())
    print(f"  note: deleting 5 groups left {unset:,} of {len(m):,} nodes without a value", file=sys.stderr)
    out["groups open: undo the delete"] = ms(w.action_undo.trigger)
    # as a user's grouped graph is (each group a block, the frames apart), not jittered
    out["collapse all, groups laid out"] = ms(lambda: w.grouping.set_collapsed(gids, True))
    out["expand all, groups laid out"] = ms(w.grouping.action_expand_all.trigger)
    # the groups, each laid out as a block, folded and laid out as cards (not
    # timed): opening one lands on its neighbours, which make room for it
    w.grouping.set_collapsed(gids, True)
    w.action_layout.trigger()
    app.processEvents()
    out["open a laid-out group (making room)"] = ms(lambda: w.grouping.set_collapsed([one], False))
    for _ in range(4):  # the opening, the layouts, the folding (not timed: the rows below as before)
        w.action_undo.trigger()
    app.processEvents()
    # the graph laid out as it was made, its groups (taken in its order) each
    # spanning much of it (setup, not timed; put back after)
    jittered = {k: m.position(k) for k in m.nodes()}
    w.grouping.set_collapsed(gids, False)  # (every group open, as after the folding undone)
    m.set_positions(layered_positions(m))
    app.processEvents()
    laid = {k: m.position(k) for k in m.nodes()}
    out["collapse one, graph laid out"] = ms(lambda: w.grouping.set_collapsed([one], True))
    out["open it (its frame spans the graph)"] = ms(lambda: w.grouping.set_collapsed([one], False))
    moved = sum(m.position(k) != xy for k, xy in laid.items())
    if moved:  # (the row times opening onto free space: nothing is to move)
        print(f"  note: opening the laid-out group moved {moved:,} nodes", file=sys.stderr)
    m.set_positions(jittered)
    app.processEvents()
    sc.select_all()
    out["delete every node, in groups"] = ms(ed.delete_selection)
    out["undo it (the groups back)"] = ms(w.action_undo.trigger)
    m.groups.clear()
    app.processEvents()
    ctl.action_autoplay.setChecked(False)
    settle()  # a user reads the graph before pressing Backward (the idle filing of the moves above runs)
    out["backward"] = ms(ctl.action_backward.trigger)
    out["one step"] = ms(ctl.action_step.trigger, 9)
    out["step back"] = ms(ctl.action_step_back.trigger, 5)
    out["skip to end"] = ms(ctl.action_skip_end.trigger)
    ctl.action_clear.trigger()
    fileio.save(layered_dag(n, big=True), path)
    w.undo_stack.setClean()
    w.open_path(path)
    QApplication.instance().processEvents()
    settle()  # as after the first file: looked at before the first click
    ctl.action_backward.trigger()
    out["nan graph: one step"] = ms(ctl.action_step.trigger, 5)
    out["nan graph: skip to end"] = ms(ctl.action_skip_end.trigger)
    w.undo_stack.setClean()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000,50000")
    ap.add_argument("--runs", type=int, default=1, help="whole runs; each figure is their median")
    ap.add_argument("--cpu", action="store_true", help="CPU time of this process, not wall time")
    args = ap.parse_args(argv)
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
    sizes = [int(s) for s in args.sizes.split(",")]
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["MICROGRAD_STUDIO_CONFIG"] = folder
        from gui.window.main_window import MainWindow

        runs: dict[int, list[dict[str, float]]] = {n: [] for n in sizes}
        for r in range(args.runs):  # each in a window of its own, as the first
            w = MainWindow(restore=False)
            w.resize(1400, 900)
            w.show()
            app.processEvents()
            for n in sizes:
                runs[n].append(measure(w, folder, n))
                print(f"  measured {n:,} nodes (run {r + 1} of {args.runs})", file=sys.stderr)
            w.undo_stack.setClean()
            w.close()
            w.deleteLater()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # not delivered by processEvents
            del w
            gc.unfreeze()  # the big document's heap (gui/document/heap.py): next run as a fresh process
            gc.collect()
    results = {n: {k: statistics.median(one[k] for one in got) for k in got[0]} for n, got in runs.items()}
    if args.runs > 1:
        print(f"(median of {args.runs} runs)")
    if args.cpu:
        print("(CPU ms of this process)")
    head = f"| {'interaction (ms)':<38} |" + "".join(
        f" {n:>7,} |" + ("" if i == 0 else "  ratio |") for i, n in enumerate(sizes)
    )
    print(head)
    print(
        "|"
        + "-" * 40
        + "|"
        + "".join("--------:|" + ("" if i == 0 else "-------:|") for i in range(len(sizes)))
    )
    for name in results[sizes[0]]:
        row = f"| {name:<38} |"
        for i, n in enumerate(sizes):
            t = results[n][name]
            row += f" {t:7.1f} |"
            if i:
                prev = results[sizes[i - 1]][name]
                row += f" {t / prev:5.1f}x |" if prev > 0 else "      - |"
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
