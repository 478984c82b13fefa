"""The far overview's kept picture (gui/canvas/picture_cache.py): a frame
where nothing changed draws no line, a change draws only where it happened,
Select All draws only the selection's picture, coming back to the same fit
copies the picture; and every frame has the pixels of a direct paint."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QUndoStack
from PySide6.QtWidgets import QApplication
from test_bulk_edits import grid_model

from core.graph.model import GraphModel
from gui.canvas.overview import overview
from gui.canvas.overview.overview import OverviewLayer
from gui.canvas.scene import GraphScene
from gui.canvas.view import GraphView
from gui.editing import canvas_editing, pasting
from gui.editing.editor import GraphEditor


@pytest.fixture
def lines(monkeypatch) -> list[int]:
    """The lines the overview draws, counted (patched before any layer is made)."""
    drawn: list[int] = []
    real = OverviewLayer._draw

    def counting(self, painter, seen):
        class Counting:
            def __getattr__(self, name):
                return getattr(painter, name)

            def drawLines(self, some):
                drawn.append(len(some))
                painter.drawLines(some)

        real(self, Counting(), seen)

    monkeypatch.setattr(OverviewLayer, "_draw", counting)
    return drawn


def local_grid(n: int) -> GraphModel:
    """``n`` cards in rows of 40, each wired to the cards left of and above it."""
    m = GraphModel()
    for i in range(n):
        m.add_node("leaf" if i == 0 else "add", f"v{i}", value=1.0, x=(i % 40) * 220.0, y=(i // 40) * 150.0)
        if i:
            m.connect(f"v{i - 1}", f"v{i}", 0)
            m.connect(f"v{max(0, i - 40)}", f"v{i}", 1)
    return m


def far_canvas(
    qtbot, n: int = 800, model: GraphModel | None = None
) -> tuple[GraphScene, GraphView, GraphEditor]:
    """A graph (a grid of ``n`` cards), fitted (zoomed far out), and its editor."""
    stack = QUndoStack()
    scene = GraphScene(model if model is not None else grid_model(n))
    view = GraphView(scene)
    qtbot.addWidget(view)
    editor = canvas_editing.make_editable(scene, view, stack, view).editor
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    frame(view)
    assert scene.far
    return scene, view, editor


def frame(view: GraphView) -> QImage:
    """What the view shows now: a whole frame painted (after the events queued)."""
    QApplication.processEvents()
    return view.viewport().grab().toImage()


def filed_when_idle(view: GraphView) -> None:
    """Idle turns until the overview's lines are filed by where they are
    (asked for by a small repaint, filed in slices: OverviewLayer.file_some)."""
    layer = view.graph_scene()._layer
    for _ in range(2000):
        QApplication.processEvents()
        top = layer._index
        if (
            top is not None
            and not top.waiting
            and not any(ix.waiting for _, ix in layer._box_indexes.values())
        ):
            return
    raise AssertionError("the overview's lines were not filed in idle turns")


def direct(view: GraphView, monkeypatch) -> QImage:
    """The frame painted without the kept pictures, every line and block
    handed to Qt (none looked up by place)."""
    with monkeypatch.context() as mp:
        mp.setattr(OverviewLayer, "cached", False)
        mp.setattr(overview, "_PART", 0.0)
        return view.viewport().grab().toImage()


def differing(a: QImage, b: QImage) -> list[tuple[int, int]]:
    """The first few pixels where ``a`` and ``b`` differ (a failure's message)."""
    out = []
    for y in range(a.height()):
        for x in range(a.width()):
            if a.pixel(x, y) != b.pixel(x, y):
                out.append((x, y))
                if len(out) > 5:
                    return out
    return out


def test_a_frame_where_nothing_changed_draws_no_line(qtbot, lines):
    scene, view, _ = far_canvas(qtbot)
    frame(view)
    assert sum(lines) > 0  # the first frame drew them
    lines.clear()
    for _ in range(3):
        frame(view)  # a whole frame: the view covered, nothing changed
    view.fit_all()  # the same fit again
    frame(view)
    assert lines == []
    base, _over = scene._layer.pictures
    assert base.copies >= 4


def test_coming_back_to_the_same_fit_copies_the_picture(qtbot, lines):
    scene, view, _ = far_canvas(qtbot)
    lines.clear()
    view.set_zoom(1.0)  # readable zoom: the layer is hidden
    frame(view)
    assert not scene.far
    view.fit_all()
    frame(view)
    assert scene.far and lines == []


def test_select_all_draws_the_selection_not_the_lines(qtbot, lines, monkeypatch):
    scene, view, _ = far_canvas(qtbot)
    before = frame(view)
    lines.clear()
    scene.select_all()
    picked = frame(view)
    assert lines == []
    assert picked != before
    assert picked == direct(view, monkeypatch)
    lines.clear()
    scene.clearSelection()
    assert frame(view) == before
    assert lines == []


def test_a_moved_card_draws_lines_only_where_it_was_and_is(qtbot, lines, monkeypatch):
    scene, view, editor = far_canvas(qtbot, model=local_grid(2000))
    total = scene.model.edge_count()
    x, y = scene.model.position("v1010")
    editor.move_nodes({"v1010": ((x, y), (x + 30, y + 20))})  # the first: its lines not filed by place yet
    frame(view)
    filed_when_idle(view)
    lines.clear()
    editor.move_nodes({"v1010": ((x + 30, y + 20), (x + 60, y + 20))})
    frame(view)
    assert 0 < sum(lines) < total / 4  # the cells of the line index around the card
    assert frame(view) == direct(view, monkeypatch)


def test_every_frame_has_the_pixels_of_a_direct_paint(qtbot, monkeypatch):
    scene, view, editor = far_canvas(qtbot, 1200)
    m = scene.model
    assert frame(view) == direct(view, monkeypatch)
    steps = [
        lambda: editor.move_nodes({"v7": (m.position("v7"), (m.position("v7")[0] + 400, 90.0))}),
        lambda: scene.select_ids(["v3", "v40", "v41"]),
        lambda: m.set_value("v2", 1e308),  # flagged inf downstream: blocks change colour
        lambda: scene.select_all(),
        lambda: scene.clearSelection(),
        lambda: scene.select_ids(["v500", "v501"]),
        editor.delete_selection,
        lambda: view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 25),
        lambda: view.verticalScrollBar().setValue(view.verticalScrollBar().value() - 15),
        lambda: view.translate(37, -12),  # by a part of a pixel: drawn anew
        lambda: view.set_zoom(view.zoom * 0.8),  # another scale: drawn anew
    ]
    for i, step in enumerate(steps):
        step()
        shown, want = frame(view), direct(view, monkeypatch)
        assert shown == want, (i, differing(shown, want))


def test_a_view_of_a_part_of_a_big_graph_draws_the_selection_there(qtbot, monkeypatch):
    # the view shows under a sixteenth of the graph: the blocks there are
    # looked up (gui/canvas/overview/overview.py _part), every one or the selected ones
    scene, view, _ = far_canvas(qtbot, model=local_grid(6000))
    view.set_zoom(0.25)
    view.centerOn(QPointF(4000, 11000))
    assert scene.far
    for select in (scene.select_all, lambda: scene.select_ids([f"v{i}" for i in range(2000, 4000, 3)])):
        select()
        shown, want = frame(view), direct(view, monkeypatch)
        assert shown == want, differing(shown, want)


@pytest.mark.parametrize("n", [300, 2000])  # wires with items; wires filed without (lazy)
def test_what_is_only_added_is_drawn_over_the_picture(qtbot, lines, monkeypatch, n):
    """A paste far out, and the undo of a delete, only add cards and wires:
    they are drawn over the kept picture, not the area their far-reaching
    wires span drawn again with every line crossing it (at 50,000 nodes the
    bench's 500 scattered cards cover most of the fit: ~150 ms); the pixels
    are those of a direct paint."""
    # over the cards copied, in view, as a paste landed before it looked for free room
    # (beside this grid, out of view: the view zooms out, which draws it all again)
    monkeypatch.setattr(pasting, "free_offset", lambda *_a: (40.0, 40.0))
    scene, view, editor = far_canvas(qtbot, model=grid_model(n))
    base, _over = scene._layer.pictures
    scene.select_ids([f"v{i}" for i in range(20, n, n // 40)])
    editor.copy_selection()
    scene.clearSelection()
    frame(view)
    lines.clear()
    overs = base.overs
    assert len(editor.paste()) >= 40
    shown = frame(view)
    assert lines == [] and base.overs == overs + 1
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))
    scene.select_ids([f"v{i}" for i in range(25, n, n // 40)])
    editor.delete_selection()
    frame(view)
    lines.clear()
    editor.undo_stack.undo()
    shown = frame(view)
    assert lines == [] and base.overs == overs + 2
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))


def test_what_is_added_under_gradient_flow_is_drawn_as_ever(qtbot):
    """Gradient Flow's widened lines are translucent: drawn twice they would
    be darker, so while any is drawn an addition draws its area again, as
    any change does. (Not compared by pixels: a translucent line cut at a
    part's edge differs by a rounding here and there from one drawn whole,
    in any part drawn again, as before.)"""
    scene, view, editor = far_canvas(qtbot, model=grid_model(300))
    base, _over = scene._layer.pictures
    for key in list(scene.model.edges())[::3]:
        scene.edge_item(*key).set_width(3.0)
    scene.select_ids([f"v{i}" for i in range(20, 300, 7)])
    editor.copy_selection()
    scene.clearSelection()
    frame(view)
    overs, renders = base.overs, base.renders
    assert len(editor.paste()) >= 40
    frame(view)
    assert base.overs == overs and base.renders > renders
