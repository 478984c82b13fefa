"""A crowded view zoomed out draws its plain wires by their cells
(gui/canvas/wires/cell_ink.py): no wire item paints, and what the screen shows
after each edit, through Qt's partial repaints, is what the wires' own paint
draws (counted and compared pixel by pixel, never timed)."""

from __future__ import annotations

import pytest
from canvas_helpers import click, drag, make_canvas
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from test_local_edit_costs import _render
from test_scaling_algorithms import grid_model
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.items import EdgeItem
from gui.canvas.wires import cell_ink, wire_paint
from gui.common import style as S


@pytest.fixture
def painted(monkeypatch):
    """The wires whose item painted itself, while counting (a list, else None)."""
    seen: dict[str, list | None] = {"keys": None}
    paint = EdgeItem.paint

    def counting(e, *a):
        if seen["keys"] is not None:
            seen["keys"].append(e.key)
        paint(e, *a)

    monkeypatch.setattr(EdgeItem, "paint", counting)  # before any wire paints: PySide looks it up once
    return seen


def _view(qtbot, monkeypatch, zoom: float = 0.5):
    monkeypatch.setattr(wire_paint, "CROWDED_WIRES", 100)  # this graph's ~760 wires crowd the view
    m = grid_model(400, seed=11)
    _, stack, scene, view = make_canvas(qtbot, m, size=(900, 600))
    view.set_zoom(zoom)
    view.centerOn(QPointF(4400, 750))
    _settle()
    assert not scene.far and zoom < S.LOD_THIN_WIRE
    return m, stack, scene, view


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _on_screen(view):
    """What the window shows now: its backing store, as Qt's partial repaints left it."""
    _settle()
    vp = view.viewport()
    top = vp.window()
    at = vp.mapTo(top, QPoint(0, 0))
    shot = QApplication.primaryScreen().grabWindow(top.winId(), at.x(), at.y(), vp.width(), vp.height())
    assert not shot.isNull()
    return shot.toImage().convertToFormat(_render(view).format())


def _drawn_by_items(view, monkeypatch):
    """The view as the wires' own paint draws it (the cells hand them back), then inked again."""
    with monkeypatch.context() as mp:
        mp.setattr(cell_ink, "inking", lambda p: False)
        img = _render(view)
    view.viewport().repaint()  # (inked again before the next edit)
    return img


def _pixels(img) -> memoryview:
    img = img.convertToFormat(QImage.Format.Format_ARGB32)
    return memoryview(bytes(img.constBits())[: img.width() * img.height() * 4]).cast("I")


def _same(a, b, red_on_top: bool = False) -> int:
    """Pixels that differ by more than a hairline's antialiasing shifted a little
    (a long wire cut to the view, flattened apart): a wire missing or left behind differs by ~100.
    ``red_on_top``: not counting where ``a`` is red (a wire carrying inf drawn over others)."""
    assert a.width() == b.width() and a.height() == b.height()
    bad = 0
    for p, q in zip(_pixels(a), _pixels(b)):
        if p != q and max(abs((p >> k & 255) - (q >> k & 255)) for k in (0, 8, 16)) > 80:
            bad += not (red_on_top and _is_red(p))
    return bad


def _is_red(p: int) -> bool:
    return (p >> 16 & 255) > 180 and (p >> 8 & 255) < 110


def _red(img) -> int:
    return sum(map(_is_red, _pixels(img)))


def test_the_cells_draw_the_plain_wires_and_draw_what_the_wires_would(qtbot, monkeypatch, painted):
    _, _, scene, view = _view(qtbot, monkeypatch)
    painted["keys"] = []
    inked = _render(view)
    assert painted["keys"] == []  # no wire item painted itself
    by_items = _drawn_by_items(view, monkeypatch)
    assert len(painted["keys"]) > 300  # without the cells, each wire in view painted itself
    assert _same(inked, by_items) <= 3


def test_a_clicked_wire_is_picked_and_drawn_by_itself_then_handed_back(qtbot, monkeypatch, painted):
    _, _, scene, view = _view(qtbot, monkeypatch)
    some = next(e for e in scene.edge_items() if e.isVisible() and _short_in_view(e, view))
    # a point on it no card covers; the wire there is the topmost (where wires are dense, maybe another)
    mid = next(q for k in range(5, 95, 5) if scene.wire_at(q := some.path().pointAtPercent(k / 100)))
    wire = scene.wire_at(mid)
    assert wire is not None and wire.flags() & wire.GraphicsItemFlag.ItemHasNoContents  # drawn by its cell
    painted["keys"] = []
    click(view, mid)  # Qt still finds a wire its cell draws
    assert wire.isSelected()
    shown = _on_screen(view)
    assert painted["keys"] and set(painted["keys"]) == {wire.key}  # the picked one paints itself, blue
    assert _same(shown, _drawn_by_items(view, monkeypatch)) <= 3
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)  # nothing picked
    assert not wire.isSelected() and not scene.selectedItems()
    painted["keys"] = []
    _on_screen(view)
    assert set(painted["keys"]) <= {wire.key}  # plain again, it paints itself once more
    painted["keys"] = []
    view.viewport().repaint()
    assert painted["keys"] == []  # then its cell takes it back in
    assert _same(_on_screen(view), _drawn_by_items(view, monkeypatch)) <= 3


def _short_in_view(e, view) -> bool:
    seen = view.mapToScene(view.viewport().rect()).boundingRect().adjusted(60, 60, -60, -60)
    r = e.sceneBoundingRect()
    return seen.contains(r) and 200 < r.width() < 600 and r.height() > 100


def test_what_the_screen_shows_after_edits_is_what_the_wires_draw(qtbot, monkeypatch, painted):
    m, stack, scene, view = _view(qtbot, monkeypatch)
    card = scene.node_item("v210")
    c = card.sceneBoundingRect().center()
    edits = [
        ("drag a card", lambda: drag(view, c, c + QPointF(260, 120))),
        ("undo it", stack.undo),
        ("sums that overflow to inf (red wires)", lambda: m.set_value("v3", 1.7e308)),
        ("delete a card", lambda: (click(view, c), qtbot.keyClick(view.viewport(), Qt.Key.Key_Delete))),
        ("undo the delete", stack.undo),
    ]
    for what, edit in edits:
        view.viewport().repaint()
        edit()
        shown = _on_screen(view)
        by_items = _drawn_by_items(view, monkeypatch)
        # (a red wire is drawn over the grey ones it crosses, not in the wires' order)
        assert _same(shown, by_items, red_on_top=True) <= 3, what
        assert 0 <= _red(shown) - _red(by_items) <= max(80, _red(by_items) // 10), what
    assert scene.edge_item(*next(iter(m.edges())))  # (the graph is whole again)


def test_zoomed_in_past_the_thin_wires_each_wire_paints_itself_again(qtbot, monkeypatch, painted):
    _, _, scene, view = _view(qtbot, monkeypatch)
    view.viewport().repaint()
    view.set_zoom(S.LOD_THIN_WIRE + 0.1)
    painted["keys"] = []
    shown = _on_screen(view)
    assert len(painted["keys"]) > 50
    by_items = _render(view)  # (the cells hold nothing now: the same paint)
    assert _same(shown, by_items) <= 3


def test_the_expanded_mlp_its_linked_copies_and_their_option(qtbot, monkeypatch, painted, window):
    """The lecture's MLP opened: the shared weights' linked copies' stubs are
    drawn by the cells too; View › Linked Copies off draws every wire whole."""
    monkeypatch.setattr(wire_paint, "CROWDED_WIRES", 100)  # the MLP's ~500 wires crowd the view
    show_mlp(qtbot, window, 1400, 900)
    w = window
    w.grouping.action_expand_all.trigger()
    w.view.set_zoom(0.5)
    _settle()
    view, scene = w.view, w.view.graph_scene()
    assert scene.linked.on and scene.linked.copies()  # (stubs in view)
    painted["keys"] = []
    inked = _render(view)
    assert painted["keys"] == []
    assert _same(inked, _drawn_by_items(view, monkeypatch)) <= 3
    w.linked_copies.action.trigger()  # off: the long wires again
    assert not scene.linked.on
    painted["keys"] = []
    shown = _on_screen(view)
    assert painted["keys"] == []
    whole = _drawn_by_items(view, monkeypatch)
    assert _same(shown, whole) <= 3 and _same(shown, inked) > 100  # (not the picture with the stubs)


def test_the_undo_of_deleting_everything_draws_every_wire_again(qtbot, window, tmp_path, monkeypatch):
    """Verify 55: Select All, Delete, Undo zoomed out left most of the big MLP's
    wires undrawn (made while the view painted, flagged before Qt repainted them)."""
    from window_helpers import open_file_at

    from core.files import fileio
    from core.graph.model import GraphModel
    from core.learn import templates

    t = templates.mlp(3, (32, 32, 1), templates.LECTURE_XS, templates.LECTURE_YS, seed=1)
    m = GraphModel()
    placed = templates.placed(t, m, (0.0, 0.0))
    templates.insert(m, placed)
    fileio.save(m, tmp_path / "mlp32.mgraph")  # 10,720 nodes, 9,480 wires in view
    w = window
    open_file_at(qtbot, w, tmp_path / "mlp32.mgraph")
    _settle()
    view = w.view
    assert 0.3 < view.zoom < S.LOD_THIN_WIRE and not w.scene.far
    before = _on_screen(view)
    w.action_select_all.trigger()
    w.editor.delete_selection()
    _settle()
    w.action_undo.trigger()
    shown = _on_screen(view)
    assert _same(shown, _drawn_by_items(view, monkeypatch)) <= 3
    assert _same(shown, before) <= 3


def test_a_still_view_paints_nothing_more(qtbot, monkeypatch):
    """Cells that work their strokes out ask one repaint more; then none (no loop)."""
    from PySide6.QtCore import QEvent, QObject

    _, _, _, view = _view(qtbot, monkeypatch)
    view.set_zoom(0.45)  # (the cells' strokes worked out anew, and a repaint asked)
    _settle()
    paints: list = []

    class Count(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                paints.append(event)
            return False

    counter = Count()
    view.viewport().installEventFilter(counter)
    for _ in range(20):
        QApplication.processEvents()
    assert paints == []
