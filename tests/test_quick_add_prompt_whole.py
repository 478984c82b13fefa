"""Quick Add's grey prompt is shown whole (a trial, 71 #12: a wire let go on
empty canvas opened it reading "Add a node on this wire... (type a n…")."""

from __future__ import annotations

from canvas_helpers import drag, make_canvas, out_port
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from test_wire_to_empty import popup, two_leaves


def _fits(edit) -> bool:
    """Whether ``edit``'s placeholder fits in the room its box draws text in."""
    tm = edit.textMargins()
    room = edit.contentsRect().width() - tm.left() - tm.right() - 4  # (QLineEdit's own 2 px a side)
    return edit.fontMetrics().horizontalAdvance(edit.placeholderText()) <= room


def test_a_wire_let_go_on_empty_canvas_shows_the_whole_prompt(qtbot):
    m, stack, scene, view = make_canvas(qtbot, two_leaves())
    drag(view, out_port(scene, "a"), QPointF(250, -150))  # empty canvas
    p = popup()
    QApplication.processEvents()
    assert p.isVisible() and p.edit.text() == ""
    assert p.edit.placeholderText() == "Add a node on this wire… (type a name)"
    assert _fits(p.edit), (p.width(), p.edit.contentsRect().width())
    p.close()
