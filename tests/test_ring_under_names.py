"""The far-out step ring and the groups' names (issue 10; a new user's
trial): at Fit mid-pass on the expanded MLP the ring around the current
step, drawn over everything, cut the end of the "loss" frame's name. The
ring still shows over the frames, and the name's letters are drawn over it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from test_animation_gui import hand_mode
from test_step_marker import _marker, _ring_pixels
from window_helpers import answers, expanded_mlp_pass, open_mlp_file, tmp_settings, window  # noqa: F401

from gui.backward.step_marker import RING
from gui.common import style as S


def _ink(img: QImage, x: int, y: int) -> bool:
    """A pixel of a name's letters (the names' colour, give or take antialiasing)."""
    got, want = QColor(img.pixel(x, y)), S.GROUP_TITLE
    return sum(abs(a - b) for a, b in zip(got.getRgb()[:3], want.getRgb()[:3])) < 60


def _letters_under_ring(w, m) -> tuple[int, int]:
    """Around the ring ``m``: the pixels of names' letters drawn with the
    ring hidden, and how many of them the ring covers when shown."""
    ring = QRect(w.view.mapFromScene(m.pos()), RING.size().toSize()).translated(RING.topLeft().toPoint())
    drawn = w.view.viewport().grab().toImage()
    m.setVisible(False)
    bare = w.view.viewport().grab().toImage()
    m.setVisible(True)
    dpr = drawn.devicePixelRatio()
    area = ring.adjusted(-3, -3, 3, 3)
    letters = hidden = 0
    for x in range(area.left(), area.right() + 1):
        for y in range(area.top(), area.bottom() + 1):
            px, py = round(x * dpr), round(y * dpr)
            if _ink(bare, px, py):
                letters += 1
                hidden += not _ink(drawn, px, py)
    return letters, hidden


def test_the_far_step_ring_does_not_hide_a_groups_name(qtbot, window, tmp_path):
    w = window
    expanded_mlp_pass(qtbot, w, tmp_path)  # Expand All, Backward to step by hand
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)  # Step: to loss[1..2], under the "loss" name far out
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit
    QApplication.processEvents()
    assert w.scene.far
    m = _marker(w)
    assert m.isVisible() and _ring_pixels(w) > 20  # the ring shows
    letters, hidden = _letters_under_ring(w, m)
    assert letters > 20  # (the ring crosses a name)
    assert hidden == 0


def test_the_far_step_ring_does_not_hide_a_folded_cards_name(qtbot, window, tmp_path):
    """The same over a folded card's name (drawn by the names' layer, at the
    view's pixel size): the path that draws those letters again runs and
    hides none (here the ring met no letter's stroke before either)."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    hand_mode(w)
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward: on the folded loss
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    for _ in range(12):  # zoom out, as a user does, until the graph is drawn far out
        if w.scene.far:
            break
        qtbot.keyClick(w.view, Qt.Key.Key_Minus)
        QApplication.processEvents()
    assert w.scene.far
    m = _marker(w)
    assert m.isVisible()
    assert w.scene.folding.far_texts_in(m.sceneBoundingRect())  # (the ring crosses a name)
    letters, hidden = _letters_under_ring(w, m)
    assert letters > 5 and hidden == 0, (letters, hidden)
