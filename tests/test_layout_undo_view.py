"""Undo of Auto Layout on the lecture MLP (trial 52, finding 4): the view
goes back to where the user had it, Redo fits the laid-out graph again as
Auto Layout did, and nothing stale is left on screen: a wire that moved to
another of the wire cells (gui/canvas/wires/wire_cells.py) is repainted
where it was drawn, not only inside its new cell."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication
from test_overview_cache import differing
from window_helpers import answers, open_mlp_file, tmp_settings, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


class Screen(QObject):
    """What a real screen shows of ``view``: it keeps its pixels between
    frames, a scroll moves them (QWidget.scroll) and each paint event draws
    only its region (an offscreen grab paints the whole view anew, so it
    never shows what a real screen kept)."""

    def __init__(self, view) -> None:
        super().__init__()
        self.view = view
        self.shown = frame(view)
        self.events: list[tuple] = []
        view.viewport().installEventFilter(self)
        self._at = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        view.horizontalScrollBar().valueChanged.connect(self._scrolled)
        view.verticalScrollBar().valueChanged.connect(self._scrolled)

    def _scrolled(self, _value: int) -> None:
        at = (self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value())
        self.events.append(("scroll", self._at[0] - at[0], self._at[1] - at[1]))
        self._at = at

    def eventFilter(self, obj, ev) -> bool:
        if ev.type() == QEvent.Type.Paint:
            self.events.append(("paint", ev.region()))
        return False

    def now(self) -> QImage:
        """The screen after the events so far (painted regions from a fresh paint)."""
        QApplication.processEvents()
        self.view.viewport().removeEventFilter(self)
        fresh = frame(self.view)
        img = QImage(self.shown)
        for ev in self.events:
            moved = QImage(img)
            p = QPainter(moved)
            if ev[0] == "scroll":
                p.drawImage(ev[1], ev[2], img)
            else:
                p.setClipRegion(ev[1])
                p.drawImage(0, 0, fresh)
            p.end()
            img = moved
        return img


def frame(view) -> QImage:
    QApplication.processEvents()
    return view.viewport().grab().toImage()


def laid_out_mlp(qtbot, w, folder):
    """The lecture MLP opened, the empty canvas clicked, Ctrl+L (Auto Layout)."""
    open_mlp_file(qtbot, w, folder)
    vp = w.view.viewport()
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=QPoint(5, vp.height() - 5))
    had = w.view.view_state()
    qtbot.keyClick(w.view, Qt.Key.Key_L, CTRL)
    qtbot.wait(50)
    frame(w.view)
    return had


def test_undo_of_auto_layout_leaves_no_wire_drawn_where_it_was(qtbot, window, tmp_path):
    laid_out_mlp(qtbot, window, tmp_path)
    screen = Screen(window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    qtbot.wait(50)
    shown = screen.now()
    assert differing(shown, frame(window.view)) == []


def test_undo_of_auto_layout_puts_the_view_back_and_redo_fits_again(qtbot, window, tmp_path):
    w = window
    had = laid_out_mlp(qtbot, w, tmp_path)
    fitted = w.view.view_state()
    assert fitted != had  # the laid-out graph is elsewhere: the view followed it
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    qtbot.wait(50)
    assert w.view.view_state() == had
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Redo
    qtbot.wait(50)
    assert w.view.view_state() == fitted


def test_redo_of_auto_layout_leaves_a_view_the_user_moved_since_the_undo(qtbot, window, tmp_path):
    # (verify 57: Redo fitted again whatever the user had done with the view)
    w = window
    laid_out_mlp(qtbot, w, tmp_path)
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    qtbot.wait(50)
    w.view.set_zoom(w.view.zoom * 1.5)  # the user zooms in to look
    QApplication.processEvents()
    looked = w.view.view_state()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Redo
    qtbot.wait(50)
    assert w.view.view_state() == looked
