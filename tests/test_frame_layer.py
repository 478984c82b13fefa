"""The open groups' frames far out, kept as one picture (gui/canvas/folding/frame_layer.py):
the pixels are those of the frames painting themselves (to the rounding of
a translucent tint blended in two steps: a few of 255 per channel, nowhere
a pixel's colour changes visibly); a repaint where no frame changed
paints no frame; folding one group draws only the frames where it was."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem
from test_overview_cache import far_canvas, frame, local_grid

from core.graph.groups import Group
from gui.canvas.folding import frame_layer
from gui.canvas.folding.frame_layer import FrameLayer
from gui.canvas.folding.group_items import GroupFrame


def grouped(qtbot, n: int = 1200, size: int = 40, nested: bool = True):
    """A grid of ``n`` cards in groups of ``size`` consecutive ones (every
    third pair of them inside an outer group), fitted far out."""
    m = local_grid(n)
    ids = m.nodes()
    groups = [Group(f"g{k}", f"part {k}", set(ids[i : i + size])) for k, i in enumerate(range(0, n, size))]
    if nested:  # every third pair of groups inside an outer one
        for k in range(0, len(groups) - 1, 3):
            groups[k].parent = groups[k + 1].parent = f"o{k}"
            groups.append(Group(f"o{k}", f"outer {k}"))
    m.groups.load(groups)
    scene, view, editor = far_canvas(qtbot, model=m)
    return scene, view, editor


#: The most a channel of a pixel may differ from the frames painting themselves
#: (the rounding grows with the tints overlapping; a frame's tint missing or
#: left behind is some 11 in the red channel, a name's box or text far more).
ROUNDING = 6


def off(a: QImage, b: QImage) -> int:
    """The largest difference of a channel of a pixel between ``a`` and ``b``."""
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    assert a.size() == b.size()
    x, y = bytes(a.constBits()), bytes(b.constBits())
    if x == y:
        return 0
    return max(abs(p - q) for p, q in zip(x, y))


def overlapping(n: int = 1200):
    """Groups drawn as narrow, overlapping frames with names wider than
    them: in each column of the grid, the even rows' cards in one group and
    the odd rows' in another (each frame around the other's cards)."""
    m = local_grid(n)
    ids = m.nodes()
    groups = [
        Group(
            f"c{c}{k}",
            f"a group with a long name {c}/{k}",
            {x for i, x in enumerate(ids) if i % 40 == c and i // 40 % 2 == k},
        )
        for c in range(0, 40, 3)
        for k in (0, 1)
    ]
    m.groups.load(groups)
    return m


def painted_by_themselves(scene, view) -> QImage:
    """The frame as it is with every group frame painting itself (no layer)."""
    layer = scene.folding._frame_layer
    frames = [f for f in scene.items() if isinstance(f, GroupFrame)]
    for f in frames:
        f.layer = None
    layer.setVisible(False)
    try:
        view.viewport().update()
        return frame(view)
    finally:
        layer.setVisible(True)
        for f in frames:
            f.layer = layer
        view.viewport().update()
        frame(view)


def test_far_out_the_frames_look_as_they_paint_themselves(qtbot):
    scene, view, _ = grouped(qtbot)
    assert scene.far and len(scene.folding._frames) > 30
    kept = frame(view)
    assert kept == frame(view)  # a copy of the picture
    assert off(kept, painted_by_themselves(scene, view)) <= ROUNDING
    # one group folded: the picture drawn again where it changed
    gid = "g7"
    scene.model.groups.set_collapsed(gid, True)
    after = frame(view)
    assert off(after, kept) > 50  # (the test sees a change)
    assert off(after, painted_by_themselves(scene, view)) <= ROUNDING
    scene.model.groups.set_collapsed("o3", True)  # an outer group: its inner frames go too
    assert off(frame(view), painted_by_themselves(scene, view)) <= ROUNDING


def test_narrow_overlapping_frames_named_wider_than_them_as_they_paint_themselves(qtbot):
    scene, view, _ = far_canvas(qtbot, model=overlapping())
    frames = list(scene.folding._frames.values())
    assert len(frames) == 28 and scene.far
    kept = frame(view)
    assert off(kept, painted_by_themselves(scene, view)) <= ROUNDING
    # folding a few (the names' boxes reach past their frames: cleared too), then the rest
    for gid in ("c30", "c31", "c90"):
        scene.model.groups.set_collapsed(gid, True)
        assert off(frame(view), painted_by_themselves(scene, view)) <= ROUNDING
    gids = scene.model.groups.ids()
    for collapsed in (True, False):
        with scene.model.groups.batch():
            for gid in gids:
                scene.model.groups.set_collapsed(gid, collapsed)
        assert off(frame(view), painted_by_themselves(scene, view)) <= ROUNDING
    assert off(frame(view), kept) <= ROUNDING  # as it was


def test_a_graph_shown_anew_draws_its_own_frames(qtbot):
    """(The layer asks the folding layer for its frames now, not for the map it had.)"""
    scene, view, _ = grouped(qtbot)
    scene.set_model(overlapping(), zoom=view.zoom)
    view.fit_all()
    shown = frame(view)
    assert off(shown, painted_by_themselves(scene, view)) <= ROUNDING
    m = overlapping()
    m.groups.clear()
    scene.set_model(m, zoom=view.zoom)
    assert off(frame(view), shown) > 50  # (its frames, now none, are not drawn)


def test_a_repaint_where_no_frame_changed_paints_no_frame(qtbot, monkeypatch):
    scene, view, _ = grouped(qtbot)
    painted: list[str] = []
    real = GroupFrame.paint_frame
    monkeypatch.setattr(GroupFrame, "paint_frame", lambda self, p: (painted.append(self.gid), real(self, p)))
    frame(view)
    scene._layer.update()  # the overview (every wire and block) repaints the whole view
    frame(view)
    assert painted == []
    # folding one group: the frames around where it was, not every frame
    f = scene.folding.frame("g20")
    assert f is not None
    where = f.boundingRect()
    scene.model.groups.set_collapsed("g20", True)
    frame(view)
    around = where.adjusted(-2e3, -2e3, 2e3, 2e3)
    near = {g.gid for g in scene.folding._frames.values() if g.boundingRect().intersects(around)}
    assert painted and set(painted) <= near
    assert len(set(painted)) < len(scene.folding._frames) / 3


def test_without_the_picture_every_repaint_paints_the_frames(qtbot, monkeypatch):
    """(The counting test above can fail: with the picture off, it does.)"""
    monkeypatch.setattr(FrameLayer, "cached", False)
    scene, view, _ = grouped(qtbot)
    painted: list[str] = []
    real = GroupFrame.paint_frame
    monkeypatch.setattr(GroupFrame, "paint_frame", lambda self, p: (painted.append(self.gid), real(self, p)))
    scene._layer.update()
    frame(view)
    assert len(set(painted)) == len(scene.folding._frames)


def test_every_frame_moving_asks_qt_for_one_repaint_not_one_per_frame(qtbot, monkeypatch):
    scene, view, _ = grouped(qtbot, n=1200, size=8, nested=False)  # 150 frames
    layer = scene.folding._frame_layer
    assert len(scene.folding._frames) > frame_layer.MANY
    frame(view)
    asked: list[int] = []
    real = QGraphicsItem.update

    def counting(self, *a):
        if self is layer:
            asked.append(1)
        return real(self, *a)

    monkeypatch.setattr(QGraphicsItem, "update", counting)
    m = scene.model
    m.set_positions({n: (x + 300.0, y + 200.0) for n, (x, y) in ((n, m.position(n)) for n in m.nodes())})
    moved = frame(view)
    assert 0 < len(asked) <= frame_layer.MANY
    monkeypatch.setattr(QGraphicsItem, "update", real)
    assert off(moved, painted_by_themselves(scene, view)) <= ROUNDING


def test_frames_opened_together_stack_in_the_groups_order_every_run(qtbot):
    """Expand All (or an undone Collapse All) stacks the frames it opens in
    the groups' order: taken from a set of ids, the order followed string
    hashing, so overlapping frames stacked differently from run to run."""
    scene, _view, _ = scene_of_overlapping(qtbot)
    gs = scene.model.groups
    gids = gs.ids()
    for collapsed in (True, False):
        with gs.batch():
            for gid in reversed(gids):
                gs.set_collapsed(gid, collapsed)
    frames = [scene.folding.frame(gid) for gid in gids]
    assert [f.seq for f in frames] == sorted(f.seq for f in frames)


def scene_of_overlapping(qtbot):
    return far_canvas(qtbot, model=overlapping())


def fold_all(scene, collapsed: bool) -> None:
    """Collapse All / Expand All as the menu's command makes it: one batch."""
    gs = scene.model.groups
    with gs.batch():
        for gid in gs.ids():
            gs.set_collapsed(gid, collapsed)


def test_expand_all_after_collapse_all_puts_the_frames_picture_back(qtbot, monkeypatch):
    """The frames as they were before Collapse All: their picture is put
    back, no frame blended again (at 50,000 nodes ~0.2 s of Expand All)."""
    scene, view, _ = grouped(qtbot)
    layer = scene.folding._frame_layer
    before = frame(view)
    painted: list[str] = []
    real = GroupFrame.paint_frame
    monkeypatch.setattr(GroupFrame, "paint_frame", lambda self, p: (painted.append(self.gid), real(self, p)))
    fold_all(scene, True)
    assert off(frame(view), before) > 50  # (the frames went)
    fold_all(scene, False)
    after = frame(view)
    assert painted == [] and layer.recalled == 1
    assert after == before
    assert off(after, painted_by_themselves(scene, view)) <= ROUNDING


def test_frames_not_as_they_were_are_drawn_anew(qtbot, monkeypatch):
    """A node moved while its group was folded, a frame opened again on top
    of the others (stacked otherwise): no earlier picture is put back."""
    scene, view, editor = grouped(qtbot, nested=False)
    layer = scene.folding._frame_layer
    frame(view)
    fold_all(scene, True)
    frame(view)
    m = scene.model
    n = next(iter(m.groups.get("g3").members))
    x, y = m.position(n)
    editor.move_nodes({n: ((x, y), (x + 400.0, y + 300.0))})
    fold_all(scene, False)
    assert off(frame(view), painted_by_themselves(scene, view)) <= ROUNDING
    assert layer.recalled == 0
    m.groups.set_collapsed("g5", True)
    frame(view)
    m.groups.set_collapsed("g5", False)  # on top now
    assert off(frame(view), painted_by_themselves(scene, view)) <= ROUNDING
    assert layer.recalled == 0


def test_back_to_the_same_zoom_the_frames_picture_is_put_back(qtbot, monkeypatch):
    scene, view, _ = grouped(qtbot)
    layer = scene.folding._frame_layer
    before = frame(view)
    zoom = view.zoom
    view.set_zoom(zoom * 1.3)
    frame(view)
    assert scene.far
    painted: list[str] = []
    real = GroupFrame.paint_frame
    monkeypatch.setattr(GroupFrame, "paint_frame", lambda self, p: (painted.append(self.gid), real(self, p)))
    view.fit_all()
    assert frame(view) == before
    assert painted == [] and layer.recalled == 1


def test_far_out_a_frame_line_too_thin_to_show_is_not_stroked(qtbot, monkeypatch):
    """A frame's line under ``BORDER_MIN_PX`` wide on screen changes no
    pixel (Qt draws one from ~0.008 px), yet stroking it cost as much as
    filling the tint (a big graph's fit: 500 frames ~300 px tall): it is
    left out, every pixel as with it."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPen, QTransform

    from gui.canvas.folding import group_items

    class Counting(QPainter):
        def __init__(self, device):
            super().__init__(device)
            self.lines = 0

        def setPen(self, pen):
            self.lines += isinstance(pen, QPen) and pen.widthF() == 1.2
            super().setPen(pen)

    def drawn(zoom: float) -> tuple[bytes, int]:
        f = GroupFrame("g", lambda _g: None, lambda _g: None)
        f.set_far(True)
        f.set_frame(QRectF(0.37 / zoom, 0.61 / zoom, 80.3 / zoom, 300.7 / zoom), "part 1", 0)
        img = QImage(120, 340, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(0)
        p = Counting(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setWorldTransform(QTransform.fromScale(zoom, zoom))
        f.paint_frame(p)
        p.end()
        return bytes(img.constBits()), p.lines

    for zoom in (0.0003, 0.003):
        thin, lines = drawn(zoom)
        assert lines == 0
        monkeypatch.setattr(group_items, "BORDER_MIN_PX", 0.0)  # stroked
        stroked, lines = drawn(zoom)
        monkeypatch.undo()
        assert lines == 1 and stroked == thin
    assert drawn(0.05)[1] == 1  # wide enough to show: stroked


def test_a_group_opened_far_out_draws_its_frame_over_the_picture_alone(qtbot, monkeypatch):
    """A frame added on top (a group opened in place) is drawn over the
    picture, not its area drawn again with every frame there (at 50,000
    nodes in groups of 100, each frame spans most of the graph: 500 frames
    blended, ~0.1 s); folded again, no frame is drawn. A frame added under
    another (a group inside an open one) is drawn with the frames there."""
    scene, view, _ = grouped(qtbot)
    layer = scene.folding._frame_layer
    gs = scene.model.groups
    gs.set_collapsed("g8", True)
    frame(view)
    painted: list[str] = []
    real = GroupFrame.paint_frame
    monkeypatch.setattr(GroupFrame, "paint_frame", lambda self, p: (painted.append(self.gid), real(self, p)))
    gs.set_collapsed("g8", False)
    opened = frame(view)
    assert painted == ["g8"] and layer.drawn_over == 1
    assert off(opened, painted_by_themselves(scene, view)) <= ROUNDING
    painted.clear()  # (painted_by_themselves paints every frame)
    gs.set_collapsed("g8", True)
    folded = frame(view)
    assert painted == [] and layer.picture.restores + layer.recalled == 1  # (the picture from before)
    assert off(folded, painted_by_themselves(scene, view)) <= ROUNDING
    # inside an open outer group: under its frame, drawn with the frames there
    gs.set_collapsed("g6", True)
    frame(view)
    painted.clear()
    gs.set_collapsed("g6", False)
    inner = frame(view)
    assert "g6" in painted and len(painted) > 1 and layer.drawn_over == 1
    assert off(inner, painted_by_themselves(scene, view)) <= ROUNDING


def test_a_frame_opened_under_a_wider_name_is_drawn_with_the_frames_there(qtbot):
    """(A frame's name far out can be wider than its frame: a frame opened
    under another's name is not drawn over it.)"""
    scene, view, _ = far_canvas(qtbot, model=overlapping())
    gs = scene.model.groups
    for gid in ("c30", "c31", "c00", "c01", "c390", "c391"):
        gs.set_collapsed(gid, True)
        frame(view)
        gs.set_collapsed(gid, False)
        assert off(frame(view), painted_by_themselves(scene, view)) <= ROUNDING


def test_many_frames_opened_at_once_are_not_each_checked_against_every_frame(qtbot, monkeypatch):
    """Expand All adds every frame at once: each asking every frame whether
    it lies over it (to be drawn over the picture) was a pass over the
    frames a frame (500 × 500 at 50,000 nodes); past ``OVER_MAX`` they are
    drawn with the rest, as before, and the picture is the same."""
    scene, view, _ = grouped(qtbot, nested=False)
    gs = scene.model.groups
    gids = gs.ids()
    assert len(gids) > frame_layer.OVER_MAX
    for g in gids:
        gs.set_collapsed(g, True)
    frame(view)
    asked: list[str] = []
    real = FrameLayer._on_top
    monkeypatch.setattr(
        FrameLayer, "_on_top", lambda self, f, r, z: asked.append(f.gid) or real(self, f, r, z)
    )
    for g in gids:
        gs.set_collapsed(g, False)
    opened = frame(view)
    assert asked == []
    assert off(opened, painted_by_themselves(scene, view)) <= ROUNDING
