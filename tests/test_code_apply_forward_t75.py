"""Trial 75 #14: the Code panel's L graph with the lecture's neuron pasted over
it and applied: the kept ``e`` (``a*b`` made ``(2*n).exp()``) stayed where it
was, left of its new input ``2*n``, and that wire ran backwards across the
canvas. A kept card whose new input is placed at or right of it now moves one
column right of it, and its consumers with it; Undo puts every card back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QPushButton
from test_code_panel_gui import blog, editor, positions  # noqa: F401
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

NEURON = """x1 = Value(2.0, label='x1')
x2 = Value(0.0, label='x2')
w1 = Value(-3.0, label='w1')
w2 = Value(1.0, label='w2')
b = Value(6.8813735870195432, label='b')
x1w1 = x1*w1; x1w1.label = 'x1*w1'
x2w2 = x2*w2; x2w2.label = 'x2*w2'
x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = 'x1*w1 + x2*w2'
n = x1w1x2w2 + b; n.label = 'n'
e = (2*n).exp()
o = (e - 1) / (e + 1)
o.label = 'o'
"""


def test_pasting_the_neuron_over_the_l_graph_leaves_no_wire_running_backwards(qtbot, blog, tmp_path: Path):
    w = blog
    m = w.model
    where = positions(m)
    e = editor(w)
    e.setFocus()
    qtbot.keyClick(e, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all, paste over
    QApplication.clipboard().setText(NEURON)
    qtbot.keyClick(e, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "e = (2*n).exp()" in e.toPlainText() and "L = d * f" not in e.toPlainText()
    w.findChild(QPushButton, "code_apply").click()
    QApplication.processEvents()
    assert m.op("e") == "exp" and m.value("o") is not None and abs(m.value("o") - 0.7071) < 1e-4
    backwards = [(s, t) for s, t, _p in m.edges() if m.position(s)[0] >= m.position(t)[0]]
    assert backwards == [], backwards  # (was [(2*n, e)])
    r = QRectF()
    for n in m.nodes():
        r = r.united(w.scene.node_item(n).sceneBoundingRect())
    r.adjust(-40, -40, 40, 40)
    shot = QImage(int(r.width()), int(r.height()), QImage.Format.Format_ARGB32)
    shot.fill(0xFFFFFFFF)
    painter = QPainter(shot)
    w.scene.render(painter, QRectF(shot.rect()), r)
    painter.end()
    assert shot.save(str(tmp_path / "t75_14.png")), r
    trigger(w, "undo")
    assert positions(m) == where  # every card of the L graph back in its place
