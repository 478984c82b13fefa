"""A card whose value is inf or nan at the end of a pass (trial 60 #6, #10):
its hatched band keeps clear of the gradient chip and the port names, and
its note names the gradient as every other note does ("e.grad = −inf ⚠ …",
not "e: grad = −inf ⚠ …" beside "a.grad = … ⚠ …")."""

from __future__ import annotations

from collections import Counter

from lecture_graphs import lecture_a
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_file_at, tmp_settings, window  # noqa: F401

from core.files import fileio
from gui.canvas.cards.hatch import ink
from gui.common import grad_colors
from gui.common import style as S


def divzero(tmp_path):
    """The trial's bad/divzero.mgraph: d = a / b with b = 0, e = a + b, f = d × e."""
    m = lecture_a(b=0.0, d_op="div")
    path = tmp_path / "divzero.mgraph"
    fileio.save(m, str(path))
    return path


def backward_to_the_end(qtbot, w) -> None:
    """Ctrl+B, then End, on the canvas, as the trial did."""
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: w.backward.animator.at_end, timeout=3000)
    QApplication.processEvents()


def _off(c: QColor, a: QColor, b: QColor) -> float:
    """How far (RGB) ``c`` is from every blend of ``a`` and ``b``: a text's
    letters on its background are such blends, a red hatch line is not."""
    p, u, v = (c.red(), c.green(), c.blue()), (a.red(), a.green(), a.blue()), (b.red(), b.green(), b.blue())
    d = [v[i] - u[i] for i in range(3)]
    dd = sum(x * x for x in d) or 1
    k = max(0.0, min(1.0, sum((p[i] - u[i]) * d[i] for i in range(3)) / dd))
    return sum((p[i] - u[i] - k * d[i]) ** 2 for i in range(3)) ** 0.5


def test_the_hatching_of_an_inf_card_keeps_clear_of_its_gradient_and_port_names(qtbot, window, tmp_path):
    w = window
    open_file_at(qtbot, w, divzero(tmp_path))
    backward_to_the_end(qtbot, w)
    shot = w.view.viewport().grab().toImage()
    checked = 0
    for node in ("mul1", "mul2"):  # d (−inf) and f (inf)
        card = w.scene.node_item(node)
        assert card.flagged == "nonfinite"
        texts = [t for t in card.texts_at(w.view.zoom) if t.kind in ("grad", "port")]
        assert [t.kind for t in texts] == ["grad", "port", "port"][: 3 if node == "mul1" else 1], texts
        for t in texts:
            r = w.view.mapFromScene(card.mapRectToScene(ink(t))).boundingRect()
            r = r.adjusted(6, 1, -6, -1) if t.kind == "grad" else r  # (inside the pill's round ends)
            ink_color = grad_colors.text_color(card.grad) if t.kind == "grad" else S.TEXT_DIM
            colors = Counter(
                shot.pixel(x, y)
                for x in range(r.left(), r.right() + 1)
                for y in range(r.top(), r.bottom() + 1)
            )
            ground = QColor(colors.most_common(1)[0][0])  # (the pill's, or the card's)
            struck = [hex(c) for c in colors if _off(QColor(c), ground, ink_color) > 30]
            assert not struck, (node, t.kind, t.text, len(struck))  # no hatch line through it
            checked += 1
    assert checked == 4  # (two chips, and d's "in₁" and "in₂")


def test_a_nonfinite_gradients_note_names_it_as_the_other_notes_do(qtbot, window, tmp_path):
    w = window
    open_file_at(qtbot, w, divzero(tmp_path))
    backward_to_the_end(qtbot, w)
    notes = {n: w.scene.node_item(n).note for n in ("leaf1", "add1")}
    assert notes["add1"] == "e.grad = −inf  ⚠ division by zero at 'd'", notes
    assert notes["leaf1"].startswith("a.grad = ") and notes["leaf1"].endswith("⚠ division by zero at 'd'")
