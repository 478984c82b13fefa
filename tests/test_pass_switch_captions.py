"""Trial 52: switching between Backward and Forward Mode left the other
pass's caption on the screen (Backward's "x.grad = 6" under the dimmed x of
Forward Mode; Forward Mode's "d(x*y)/dy = 3" under x*y through a whole
Backward pass after it). The cards had dropped their notes, but the canvas
did not paint where they were: what the window shows is compared with the
canvas drawn afresh."""

from __future__ import annotations

from leaf_question import answer_leaf_question
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_saved, step_by_hand, tmp_settings, window  # noqa: F401

from core.graph.model import GraphModel

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def f_xy() -> GraphModel:
    """The trial's f = x*y + x**2 at x = 3, y = 2."""
    return GraphModel.from_records(
        {"format": "micrograd-studio", "version": 1, "output": "f"},
        [("x", {"op": "leaf", "value": 3.0}), ("y", {"op": "leaf", "value": 2.0}),
         ("xy", {"op": "mul", "label": "x*y"}), ("x2", {"op": "pow", "exponent": 2.0, "label": "x**2"}),
         ("f", {"op": "add", "label": "f"})],
        [("x", "xy", 0), ("y", "xy", 1), ("x", "x2", 0), ("xy", "f", 0), ("x2", "f", 1)],
    )  # fmt: skip


def stale_pixels(w, qtbot) -> int:
    """How many pixels of the canvas on screen are clearly not what the
    canvas drawn afresh has there (0: nothing left over from an earlier
    paint; a cached card's edge may differ by a shade)."""
    qtbot.wait(30)
    QApplication.processEvents()
    vp = w.view.viewport()
    shown = QApplication.primaryScreen().grabWindow(w.winId())
    shown = shown.copy(vp.rect().translated(vp.mapTo(w, QPoint(0, 0)))).toImage()
    fresh = vp.grab().toImage()
    assert shown.size() == fresh.size()
    if shown == fresh:
        return 0
    shown, fresh = (i.convertToFormat(QImage.Format.Format_RGB32) for i in (shown, fresh))
    a, b, n = bytes(shown.constBits()), bytes(fresh.constBits()), shown.bytesPerLine()
    far = 0
    for y in range(fresh.height()):
        ra, rb = a[y * n : (y + 1) * n], b[y * n : (y + 1) * n]
        if ra != rb:  # (few rows differ: those compared a pixel at a time)
            far += sum(
                max(abs(p - q) for p, q in zip(ra[i : i + 3], rb[i : i + 3])) > 60 for i in range(0, n, 4)
            )
    return far


def forward_from(w, qtbot, monkeypatch, leaf: str) -> None:
    """Shift+F5, and ``leaf`` chosen in the question that asks which leaf."""

    def get_item(parent, title, label, items, *a, **k):
        return next(i for i in items if i.split()[0] == leaf), True

    answer_leaf_question(monkeypatch, get_item)
    qtbot.keyClick(w.view, Qt.Key.Key_F5, SHIFT)
    QApplication.processEvents()


def test_forward_mode_mid_backward_and_backward_after_it_leave_no_caption_behind(
    window, qtbot, tmp_path, monkeypatch
):
    w = window
    open_saved(qtbot, w, f_xy(), tmp_path / "f.mgraph")
    step_by_hand(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    x = w.scene.node_item("x")
    assert x.note is not None and x.note.startswith("x.grad = ")  # Backward's caption under x
    assert stale_pixels(w, qtbot) == 0
    forward_from(w, qtbot, monkeypatch, "y")
    assert w.backward.replay.wrt == "y" and x.note is None and x.highlight == "dim"
    assert stale_pixels(w, qtbot) == 0  # was: "x.grad = …" still drawn under the dimmed x
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert w.scene.node_item("xy").note == "d(x*y)/dy = 3"
    assert stale_pixels(w, qtbot) == 0
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)  # Backward again: its start
    QApplication.processEvents()
    assert w.backward.animator.pos == 0 and w.scene.node_item("xy").note is None
    assert stale_pixels(w, qtbot) == 0  # was: "d(x*y)/dy = 3" under x*y, from the start …
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    assert w.scene.node_item("xy").note is None and x.note == "x.grad = 6 + 2 = 8"
    assert stale_pixels(w, qtbot) == 0  # … to the end
