"""What the frames far out cost to draw (gui/canvas/folding/frame_layer.py). A paint
finds where each frame draws once (not three times). The kept pictures
when Expand All shows the view a few whole pixels off where it was before
Collapse All (a pan meanwhile; ``_recall``):
the picture is put back moved, no frame blended again, the pixels those
of drawing the frames anew; and the pictures part way up the stack
(gui/canvas/folding/frame_stack.py) come back with it, so folding one group next
draws only the frames above one of them, not every frame again."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from test_frame_layer import fold_all, grouped
from test_overview_cache import far_canvas, frame, local_grid

from core.graph.groups import Group
from gui.canvas.folding.group_items import GroupFrame


def scrolled(view, dx: int, dy: int) -> None:
    """The view moved by ``dx``, ``dy`` pixels (its zoom kept)."""
    c = view.viewport().rect().center()
    view.centerOn(view.mapToScene(QPoint(c.x() + dx, c.y() + dy)))


def drawn_anew(view, layer):
    """The frame with the frames' picture forgotten: every frame blended again."""
    layer.picture.drop()
    view.viewport().update()
    return frame(view)


def counting(monkeypatch) -> list[str]:
    painted: list[str] = []
    real = GroupFrame.paint_frame
    monkeypatch.setattr(GroupFrame, "paint_frame", lambda self, p: (painted.append(self.gid), real(self, p)))
    return painted


def test_expand_all_a_few_pixels_off_puts_the_frames_picture_back_moved(qtbot, monkeypatch):
    scene, view, _ = grouped(qtbot)
    layer = scene.folding._frame_layer
    frame(view)
    fold_all(scene, True)
    frame(view)
    t = view.viewportTransform()
    scrolled(view, 3, -2)
    moved = view.viewportTransform()
    assert (moved.dx(), moved.dy()) != (t.dx(), t.dy()) and moved.m11() == t.m11()  # (it moved)
    painted = counting(monkeypatch)
    fold_all(scene, False)
    after = frame(view)
    assert painted == [] and layer.recalled == 1
    assert after == drawn_anew(view, layer)  # the pixels of blending every frame there
    assert len(painted) > 30


def test_folding_one_group_after_a_picture_put_back_starts_from_its_stack(qtbot, monkeypatch):
    m = local_grid(2100)  # 150 groups, each over the whole grid (as the bench's frames overlap)
    ids = m.nodes()
    m.groups.load([Group(f"g{k}", f"part {k}", set(ids[k::150])) for k in range(150)])
    scene, view, _ = far_canvas(qtbot, model=m)
    layer = scene.folding._frame_layer
    assert len(scene.folding._frames) >= 140  # (enough frames for pictures part way up)
    frame(view)
    fold_all(scene, True)
    frame(view)
    fold_all(scene, False)
    frame(view)
    assert layer.recalled == 1
    painted = counting(monkeypatch)
    gids = scene.model.groups.ids()
    scene.model.groups.set_collapsed(gids[-len(gids) // 8], True)  # high in the stack
    after = frame(view)
    assert 0 < len(painted) < len(gids) // 3  # the frames above a picture, not all of them
    assert after == drawn_anew(view, layer)


def test_a_paint_at_a_new_zoom_finds_where_each_frame_draws_once(qtbot):
    scene, view, _ = grouped(qtbot)
    layer = scene.folding._frame_layer
    shown = [f for f in scene.folding._frames.values() if f.isVisible()]
    assert len(shown) > 30
    view.set_zoom(view.zoom * 0.9)  # every frame drawn anew, its name laid out for the zoom
    before = layer.areas_found
    frame(view)
    assert scene.far and layer.recalled == 0
    assert 0 < layer.areas_found - before <= len(shown)
