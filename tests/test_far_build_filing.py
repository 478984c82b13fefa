"""A graph built far out files each wire's overview line once, in the
builder's own loop (gui/canvas/overview/line_index.py), and its pending box
(gui/canvas/wires/lazy_wires.py) at the first question about a region, in one
loop, as filing it wire by wire would (issue 14: opening a 50,000-node
file, where nothing asks before a zoom in). Counted, never timed."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtWidgets import QApplication
from test_bulk_costs import far_canvas
from test_bulk_edits import grid_model

from gui.canvas import scene_build
from gui.canvas.overview.line_index import LineIndex
from gui.canvas.wires.lazy_wires import LazyWires


def _tuples(d: dict) -> dict:
    return {k: v.toTuple() if isinstance(v, QLineF) else v for k, v in d.items()}


def _wire_model():
    m = grid_model(900)
    m.add_node("leaf", "far", value=1.0, x=90000.0, y=-70000.0)  # wires across the graph: the coarser levels
    m.add_node("neg", "farther", x=-80000.0, y=60000.0)
    m.connect("far", "farther", 0)
    m.add_node("add", "near", x=100.0, y=100.0)
    m.connect("far", "near", 0)
    m.connect("v7", "near", 1)
    return m


def _spy_filing(monkeypatch) -> list[str]:
    """The names of LazyWires' filing calls, as they come."""
    calls: list[str] = []
    for name in ("refile_many", "defer_many", "defer", "refile"):
        real = getattr(LazyWires, name)
        monkeypatch.setattr(LazyWires, name, lambda *a, _n=name, _f=real: calls.append(_n) or _f(*a))
    return calls


def _filed_one_by_one(scene, keys) -> LazyWires:
    """Each wire of ``keys`` filed on its own from its cards' ends now."""
    ref = LazyWires({}, lambda keys: [])
    for key in keys:
        p1, p2 = scene.wire_ends(*key)
        ref.defer(key, p1.x(), p1.y(), p2.x(), p2.y())
    return ref


def _spy_bulk_filing(monkeypatch) -> list[int]:
    """How many wires each call of the build's bulk filing files, in order."""
    sizes: list[int] = []
    real = scene_build._file_wires
    monkeypatch.setattr(
        scene_build, "_file_wires", lambda w, keys, *a: sizes.append(len(keys)) or real(w, keys, *a)
    )
    return sizes


def test_a_far_build_files_each_wire_once_as_one_by_one_filing_would(qtbot, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = _wire_model()
    filing = _spy_filing(monkeypatch)
    bulk = _spy_bulk_filing(monkeypatch)
    _, scene, _ = far_canvas(qtbot, m)
    wires = scene.wires
    assert filing == bulk == []  # the overview's lines in the build's own loop; no box filed yet
    assert wires.made_items() == [] and len(wires) == len(m.edges())
    pending, cells = wires.tables()
    assert list(pending) == m.edges() and set(pending.values()) == {None} and not any(cells)
    assert wires.keys_in(QRectF(0, 0, 10, 10)) != []  # the first question files them all, in one loop
    assert filing == [] and bulk == [len(m.edges())]
    monkeypatch.undo()
    # as each wire filed on its own from its cards' ends
    ref, index, lines = _filed_one_by_one(scene, m.edges()), LineIndex(), {}
    for key in m.edges():
        p1, p2 = scene.wire_ends(*key)
        lines[key] = QLineF(p1, p2)
        index.put(key, lines[key], p1.x(), p1.y(), p2.x(), p2.y())
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


def test_wires_whose_cards_moved_before_the_first_question_are_filed_where_they_run_now(qtbot, monkeypatch):
    """A card moved before any region was asked for: its wires are filed
    where they run then, the others where the build found them; a wire
    removed meanwhile is not filed at all."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = _wire_model()
    _, scene, _ = far_canvas(qtbot, m)
    wires = scene.wires
    assert wires.made_items() == [] and not any(wires.tables()[1])
    m.set_position("v7", 5000.0, -3000.0)  # its wires: "near"'s port 1 and the grid's
    m.set_positions({"far": (-20000.0, 40000.0), "v300": (123.0, 456.0)})
    m.disconnect("farther", 0)
    QApplication.processEvents()
    assert wires.keys_in(QRectF(0, 0, 10, 10)) != []
    ref = _filed_one_by_one(scene, m.edges())
    assert wires.tables() == ref.tables()
    assert set(wires.tables()[0]) == set(m.edges())


def test_a_new_graphs_cards_are_filed_in_the_grid_in_one_loop(qtbot, monkeypatch):
    """No card of a new graph has an old cell to leave: the grid files them
    all in one loop, as putting each (in the order Qt stacks them) would."""
    from gui.canvas.cards.card_grid import CardGrid
    from gui.canvas.cards.note_layout import NOTE_REACH
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


def test_the_pending_wires_are_filed_a_slice_at_a_time_when_idle(qtbot, monkeypatch):
    """After the build, the event loop files the pending wires ``IDLE_SLICE``
    at a time (no question asked, nothing else waiting): each slice files
    the next wires in the model's order, skipping those filed or noted
    since (a moved card's), and the whole ends as one-by-one filing."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    monkeypatch.setattr(scene_build, "IDLE_SLICE", 500)
    m = _wire_model()
    filed = _spy_bulk_filing(monkeypatch)
    _, scene, _ = far_canvas(qtbot, m)
    wires = scene.wires
    assert filed == [] and not any(wires.tables()[1])
    QApplication.processEvents()  # the first slice, after the first frame
    assert filed == [500]
    pending = wires.tables()[0]
    assert [k for k, at in pending.items() if at is not None] == m.edges()[:500]
    m.set_position("v700", 5000.0, -3000.0)  # filed now, where its wires run now (not in a slice)
    moved = {k for k in m.edges() if "v700" in k[:2]}
    m.disconnect("farther", 0)
    qtbot.waitUntil(lambda: wires._later is None)
    total = len(m.edges()) + 1  # (the wire cut was one)
    assert sum(filed) == total - len(moved) - 1 and max(filed) <= 500
    assert wires.tables() == _filed_one_by_one(scene, m.edges()).tables()


def test_the_filing_done_when_idle_joins_a_big_documents_frozen_heap(qtbot, monkeypatch):
    """The boxes and cells filed after the build live as long as the
    document: once the last slice is filed they are frozen with it
    (gui/document/heap.py: ``built_anew``), as they were when the build filed them."""
    from gui.document import heap

    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    monkeypatch.setattr(scene_build, "IDLE_SLICE", 700)
    m = _wire_model()
    frozen: list[int] = []
    monkeypatch.setattr(heap, "built_anew", frozen.append)
    _, scene, _ = far_canvas(qtbot, m)
    QApplication.processEvents()
    assert frozen == []  # slices left
    qtbot.waitUntil(lambda: frozen != [])
    assert frozen == [len(m)] and scene.wires._later is None
    QApplication.processEvents()
    assert frozen == [len(m)]  # once
