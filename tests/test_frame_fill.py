"""Far out, where a frame's rounded corners are under a tenth of a pixel,
its tint and its name's box are filled as whole pixels
(gui/canvas/folding/group_items.py ``fill_pixels``), not as antialiased
rounded shapes: Qt scans such a shape's whole outline however little of it
the clip shows (a fold at 50,000 nodes blends the ~250 frames above it
again in a small clip), where a rectangle of whole pixels costs only what
the clip shows. The picture differs only at the frames' edges (a pixel's
part of a tint becomes the whole of it or none); the layer's picture is
still the frames' own."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QTransform
from test_frame_layer import ROUNDING, grouped, off, painted_by_themselves
from test_overview_cache import frame

from gui.canvas.folding.group_items import GroupFrame


class Counting(QPainter):
    """Counts the rounded shapes and the whole-pixel rectangles it fills."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.rounded = 0
        self.filled = 0

    def drawRoundedRect(self, *args) -> None:
        self.rounded += 1
        super().drawRoundedRect(*args)

    def fillRect(self, *args) -> None:
        self.filled += 1
        super().fillRect(*args)


def drawn(zoom: float, rotate: float = 0.0) -> tuple[QImage, Counting]:
    f = GroupFrame("g", lambda _g: None, lambda _g: None)
    f.set_far(True)
    f.set_frame(QRectF(0.37 / zoom, 0.61 / zoom, 80.3 / zoom, 300.7 / zoom), "part 1", 0)
    img = QImage(120, 340, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(0)
    p = Counting(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setWorldTransform(QTransform.fromScale(zoom, zoom).rotate(rotate))
    f.paint_frame(p)
    p.end()
    return img, p


def test_far_out_a_frame_and_its_name_box_are_filled_as_whole_pixels(qtbot):
    img, p = drawn(0.0003)  # a 50,000-node graph's fit
    assert (p.rounded, p.filled) == (0, 2)  # the tint, the name's box
    # whole pixels: its edges (at 0.37 and 80.67 px) at the nearest pixel's, each column all tint or none
    tint = img.pixelColor(40, 20).alpha()
    assert tint > 0 and [img.pixelColor(x, 20).alpha() for x in (0, 80, 81)] == [tint, tint, 0]
    _, p = drawn(0.05)  # corners of half a pixel: rounded, as near
    assert (p.rounded, p.filled) == (2, 0)
    _, p = drawn(0.0003, rotate=30)  # (a rotated painter: as before)
    assert p.rounded == 2


def test_far_far_out_the_frames_picture_is_as_they_paint_themselves(qtbot):
    scene, view, _ = grouped(qtbot)
    # (the grid's frames, widened to hold their cards' linked copies, lie over
    # one another: the fold's repaint in a clip is what is looked at here)
    scene.linked.set_on(False)
    view.set_zoom(0.004)  # corners at 0.04 px: filled as whole pixels
    assert scene.far
    kept = frame(view)
    assert off(kept, painted_by_themselves(scene, view)) <= ROUNDING
    scene.model.groups.set_collapsed("g7", True)  # drawn again where it was, in a clip
    after = frame(view)
    assert off(after, kept) > 50
    assert off(after, painted_by_themselves(scene, view)) <= ROUNDING
    scene.model.groups.set_collapsed("g7", False)
    assert off(frame(view), kept) <= ROUNDING
