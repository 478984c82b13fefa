"""The long wires crossing a view are found among those near it, not among
every long wire of the graph (issue 14: pressing Backward at 50,000 nodes
looked at ~33,000 long wires filed in three cells to find the ~700 crossing
its first view; gui/canvas/wires/big_cells.py). Counted, never timed: the wires a
view's question looks at; and what each question answers, wires and order
(the through-wire layer strokes them in that order), is what a look at
every wire of the cells answers, through moves, additions, removals, folds'
notes, a whole graph's refiling, and indexing interrupted by any of them."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QApplication
from test_lazy_wires import Made, wide_model
from test_pass_records import layered_dag

from gui.canvas import scene_build
from gui.canvas.wires import big_cells
from gui.canvas.wires.big_cells import BigCell
from gui.canvas.wires.lazy_wires import LazyWires
from gui.common import style as S

#: A view at 100 % and the length past which a wire is long there (ThroughWires.keeps).
VIEW_W, VIEW_H = 840.0, 572.0
LONG = (2 * VIEW_W, 2 * VIEW_H)


def _whole(self: BigCell, box) -> dict:
    """BigCell.near before the index: the cell as it is, every wire looked at."""
    self.looked = len(self)
    return self


def _answers(wires: LazyWires, r: QRectF) -> tuple[list, list]:
    return wires.keys_in(r), wires.through_keys(r, LONG)


def _same_as_whole_cells(wires: LazyWires, regions: list[QRectF], monkeypatch) -> None:
    got = [_answers(wires, r) for r in regions]
    with monkeypatch.context() as mp:
        mp.setattr(BigCell, "near", _whole)
        want = [_answers(wires, r) for r in regions]
    assert got == want  # the same wires, in the same order


def _graph_wires(n: int, seed: int) -> dict:
    """Wires of a graph as the bench's: most short, many across the graph
    (a 400,000 x 1,000,000 canvas), forward or running back."""
    rnd = random.Random(seed)
    where = {}
    for i in range(n):
        x1, y1 = rnd.uniform(0, 4e5), rnd.uniform(-3e5, 7e5)
        if rnd.random() < 0.4:
            x2, y2 = x1 + rnd.uniform(-300, 600), y1 + rnd.uniform(-300, 300)
        else:
            x2, y2 = rnd.uniform(0, 4e5), rnd.uniform(-3e5, 7e5)
        where[(f"s{i}", f"t{i}", 0)] = (x1, y1, x2, y2)
    return where


def _regions(rnd: random.Random, k: int) -> list[QRectF]:
    return [QRectF(rnd.uniform(0, 4e5), rnd.uniform(-3e5, 7e5), VIEW_W, VIEW_H) for _ in range(k)]


def _idle(wires: LazyWires) -> int:
    turns = 0
    while wires.file_some(1000):
        turns += 1
    return turns


def test_a_view_looks_at_the_long_wires_near_it_not_every_one(monkeypatch):
    """The bench's graph (a fifth of it here: cells of a fifth the size
    indexed): Backward's first view, at the root on the graph's right edge,
    and views at random cards look at a fraction of the long wires."""
    monkeypatch.setattr(big_cells, "INDEX_FROM", 512)
    m = layered_dag(12_000)
    pos = {n: m.position(n) for n in m.nodes()}
    wires = LazyWires({}, lambda keys: [Made(k) for k in keys])  # type: ignore[misc]
    wires.defer_many((k, *pos[k[0]], *pos[k[1]]) for k in m.edges())
    assert _idle(wires) > 1  # indexed when idle, a slice a turn
    long_ones = sum(len(d) for cells in wires.tables()[1][big_cells.BIG_LEVEL :] for d in cells.values())
    assert long_ones > 8000
    x, y = pos["out"]
    rnd = random.Random(1)
    regions = [QRectF(x - 700, y - 300, VIEW_W, VIEW_H)] + [
        QRectF(*pos[n], VIEW_W, VIEW_H) for n in rnd.sample(m.nodes(), 20)
    ]

    def looked() -> list[int]:
        out = []
        for r in regions:
            before = wires.examined
            wires.through_keys(r, LONG)
            out.append(wires.examined - before)
        return out

    got = looked()
    with monkeypatch.context() as mp:
        mp.setattr(BigCell, "near", _whole)
        whole = looked()  # as before the indexes: every wire of the cells there
    # (a cell whose index would look at a quarter of it or more is looked at
    # whole: a wire through the index costs about twice one looked at whole;
    # Backward's first view at 50,000 nodes looks at a tenth)
    assert got[0] < whole[0]  # Backward's first view
    assert all(g <= w for g, w in zip(got, whole))
    assert sum(got) < 0.8 * sum(whole)
    _same_as_whole_cells(wires, regions, monkeypatch)


def test_the_indexes_answer_as_the_whole_cells_through_edits(monkeypatch):
    monkeypatch.setattr(big_cells, "INDEX_FROM", 200)
    monkeypatch.setattr(big_cells, "SLICE", 300)  # indexing spans turns, edits land between them
    rnd = random.Random(7)
    where = _graph_wires(3000, seed=9)
    wires = LazyWires({}, lambda keys: [Made(k) for k in keys])  # type: ignore[misc]
    wires.defer_many((k, *xy) for k, xy in where.items())
    _idle(wires)
    regions = _regions(rnd, 12)
    _same_as_whole_cells(wires, regions, monkeypatch)
    serial = 3000
    for step in range(40):
        keys = sorted(where)
        kind = step % 6
        if kind == 0:  # a card moved: its wires filed again
            for k in rnd.sample(keys, 30):
                x1, y1, x2, y2 = where[k]
                where[k] = (x1 + rnd.uniform(-5e4, 5e4), y1 + rnd.uniform(-5e4, 5e4), x2, y2)
                wires.refile(k, *where[k])
        elif kind == 1:  # removed
            for k in rnd.sample(keys, 40):
                wires.pop(k)
                del where[k]
        elif kind == 2:  # added (pasted)
            new = _graph_wires(60, seed=step)
            for (s, t, p), xy in new.items():
                k = (f"{s}.{serial}", t, p)
                serial += 1
                where[k] = xy
                wires.defer(k, *xy)
        elif kind == 3:  # a fold far out: noted, filed at the next question
            moved = {
                k: (x1, y1 + 1e4, x2, y2 + 2e4)
                for k in rnd.sample(keys, 200)
                for x1, y1, x2, y2 in [where[k]]
            }
            where.update(moved)
            wires.note_moved_xy(moved, {})
        elif kind == 4:  # a whole-graph move (Auto Layout): every wire filed anew
            where = {k: (x1 + 100.0, y1, x2 + 100.0, y2) for k, (x1, y1, x2, y2) in where.items()}
            wires.refile_all([(k, *where[k]) for k in wires.pending()])
        else:  # gone with the graph, and back (undo)
            lines = dict.fromkeys(where)
            wires.forget_all(lines)  # type: ignore[arg-type]
            back = wires.take_parked(list(where))
            assert back is not None and back[0] == []
        for _ in range(rnd.randrange(4)):  # some idle turns, or none
            wires.file_some(1000)
        _same_as_whole_cells(wires, regions + _regions(rnd, 3), monkeypatch)
    _idle(wires)
    indexed = [d for cells in wires.tables()[1] for d in cells.values() if type(d) is BigCell and d.index]
    assert indexed  # the answers above came through indexes too
    _same_as_whole_cells(wires, regions, monkeypatch)


def test_an_opened_graph_is_indexed_when_idle_and_its_view_finds_the_same_wires(qtbot, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    monkeypatch.setattr(big_cells, "INDEX_FROM", 100)  # a graph a test can build has smaller cells
    m = wide_model(2400, every_port=True)
    _, _, sc, view = make_canvas(qtbot, m, size=(900, 600))
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)
    for _ in range(200):  # idle: the wires filed, then indexed
        QApplication.processEvents()
    cells = [d for lv in sc.wires.tables()[1] for d in lv.values() if type(d) is BigCell]
    assert cells and all(d.index is not None for d in cells if len(d) >= 100)
    view.centerOn(QPointF(7800.0, 3800.0))
    view.set_zoom(1.0)
    view.viewport().repaint()
    layer = sc.through
    assert layer.keys
    with monkeypatch.context() as mp:
        mp.setattr(BigCell, "near", _whole)
        want = layer._find(*layer._for[:3])
    assert list(want.items()) == list(layer.keys.items())  # the same wires, stroked in the same order


@pytest.mark.parametrize("seed", [1, 2])
def test_a_cell_indexed_then_changed_answers_as_a_look_at_each_entry(seed):
    rnd = random.Random(seed)
    cell = BigCell()
    for i in range(3000):
        x, y = rnd.uniform(0, 1e5), rnd.uniform(0, 1e5)
        cell[(f"a{i}", "b", 0)] = (
            x,
            y,
            x + rnd.uniform(1, 9e4),
            y + rnd.uniform(1, 9e4),
            rnd.choice((-1, 0, 1)),
        )
    while cell.index_some():
        pass
    for i in rnd.sample(range(3000), 500):  # gone, some filed again (at the end, with another box)
        v = cell.pop((f"a{i}", "b", 0))
        if i % 2:
            cell[(f"a{i}", "b", 0)] = (v[0] + 5.0, v[1], v[2], v[3] + 7.0, v[4])
    for _ in range(50):
        x, y = rnd.uniform(0, 1e5), rnd.uniform(0, 1e5)
        box = (x, y, x + rnd.choice((10.0, 800.0, 3e4)), y + rnd.choice((10.0, 600.0, 3e4)))
        lo, t, r, b = box
        want = {k: v for k, v in cell.items() if v[0] <= r and v[2] >= lo and v[1] <= b and v[3] >= t}
        near = cell.near(box)  # (the whole cell where the index would look at a quarter of it or more)
        assert (near is cell) == (cell.looked == len(cell))
        got = {k: v for k, v in near.items() if v[0] <= r and v[2] >= lo and v[1] <= b and v[3] >= t}
        assert list(got.items()) == list(want.items())
    whole_view = cell.near(
        (0.0, 0.0, 1e5, 1e5)
    )  # every wire meets it: through the index, each would cost more
    assert whole_view is cell and cell.looked == len(cell)
