"""A picture for a slide leaves Find's ring out (t70 #7: Ctrl+F, w, then
File › Export › Export as PNG… put a pink frame round w1 into the slide;
"Editor Marks in Pictures", on by default, does not cover it: the ring only
helps at the screen)."""

from __future__ import annotations

from PySide6.QtGui import QImage
from test_export_finished import export_png
from test_find_open_view import find
from test_window_files import open_blog_example
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.common import style as S


def _pink(img: QImage) -> int:
    want, n = S.FIND_MARK, 0
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            c = img.pixelColor(x, y)
            n += abs(c.red() - want.red()) + abs(c.green() - want.green()) + abs(c.blue() - want.blue()) < 30
    return n


def test_the_find_ring_is_on_screen_not_in_the_picture(qtbot, window, answers, tmp_path):
    w = window
    open_blog_example(w)
    find(qtbot, w, "c")  # the bar open, its ring round c
    marker = w.navigation.find.marker
    assert marker.isVisible()
    assert _pink(w.view.grab().toImage()) > 20  # (on screen it is drawn)
    export_png(w, answers, tmp_path / "slide.png")
    assert _pink(QImage(str(tmp_path / "slide.png"))) == 0
