"""A graph built far out files each wire once, in the builder's own loop:
its overview line (gui/canvas/line_index.py) and its pending box
(gui/canvas/lazy_wires.py) as filing it wire by wire would (issue 14:
opening a 50,000-node file). Counted, never timed."""

from __future__ import annotations

from PySide6.QtCore import QLineF
from test_bulk_costs import far_canvas
from test_bulk_edits import grid_model

from gui.canvas import scene_build
from gui.canvas.lazy_wires import LazyWires
from gui.canvas.line_index import LineIndex


def _tuples(d: dict) -> dict:
    return {k: v.toTuple() if isinstance(v, QLineF) else v for k, v in d.items()}


def test_a_far_build_files_each_wire_once_as_one_by_one_filing_would(qtbot, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = grid_model(900)
    m.add_node("leaf", "far", value=1.0, x=90000.0, y=-70000.0)  # wires across the graph: the coarser levels
    m.add_node("neg", "farther", x=-80000.0, y=60000.0)
    m.connect("far", "farther", 0)
    m.add_node("add", "near", x=100.0, y=100.0)
    m.connect("far", "near", 0)
    m.connect("v7", "near", 1)
    bulk: list[str] = []  # the filing in bulk of ends handed over one by one
    for name in ("refile_many", "defer_many", "defer"):
        real = getattr(LazyWires, name)
        monkeypatch.setattr(LazyWires, name, lambda *a, _n=name, _f=real: bulk.append(_n) or _f(*a))
    _, scene, _ = far_canvas(qtbot, m)
    assert bulk == []  # filed in the build's own loop
    wires = scene.wires
    assert wires.made_items() == [] and len(wires) == len(m.edges())
    monkeypatch.undo()
    # as each wire filed on its own from its cards' ends
    ref, index, lines = LazyWires({}, lambda keys: []), LineIndex(), {}
    for key in m.edges():
        p1, p2 = scene.wire_ends(*key)
        lines[key] = QLineF(p1, p2)
        index.put(key, lines[key], p1.x(), p1.y(), p2.x(), p2.y())
        ref.defer(key, p1.x(), p1.y(), p2.x(), p2.y())
    pending, cells = wires.tables()
    ref_pending, ref_cells = ref.tables()
    assert pending == ref_pending and cells == ref_cells
    assert list(pending) == m.edges()  # in the model's order (make_all makes them so)
    assert any(cells[3]) or any(cells[2])  # the long wires are on a coarse level
    layer = scene._layer
    assert _tuples(layer._lines[None]) == _tuples(lines)
    cells_now, at_now, long_now = layer._index.tables()
    ref_cells_i, ref_at, ref_long = index.tables()
    assert at_now == ref_at and {c: _tuples(d) for c, d in cells_now.items()} == {
        c: _tuples(d) for c, d in ref_cells_i.items()
    }
    assert {k: (v[0].toTuple(), *v[1:]) for k, v in long_now.items()} == {
        k: (v[0].toTuple(), *v[1:]) for k, v in ref_long.items()
    } and long_now


def test_a_new_graphs_cards_are_filed_in_the_grid_in_one_loop(qtbot, monkeypatch):
    """No card of a new graph has an old cell to leave: the grid files them
    all in one loop, as putting each (in the order Qt stacks them) would."""
    from gui.canvas.card_grid import CardGrid
    from gui.canvas.note_layout import NOTE_REACH
    from gui.canvas.painting import BOUNDS

    m = grid_model(700)
    m.add_node("leaf", "odd", value=1.0, x=-1234.5, y=98765.0)
    one_by_one: list[str] = []
    for name in ("put", "put_many", "put_new"):
        real = getattr(CardGrid, name)
        monkeypatch.setattr(CardGrid, name, lambda *a, _n=name, _f=real: one_by_one.append(_n) or _f(*a))
    _, scene, _ = far_canvas(qtbot, m)
    assert one_by_one == []
    monkeypatch.undo()
    grid, ref = scene._grid, CardGrid(NOTE_REACH, BOUNDS)
    for n in m.nodes():
        ref.put(n, *m.position(n))
    assert grid._cells == ref._cells and grid.bounds.positions() == ref.bounds.positions()
    assert sorted(m.nodes(), key=grid.serial) == m.nodes()  # filed in the model's order
    assert grid.bounds.rect() == ref.bounds.rect()
