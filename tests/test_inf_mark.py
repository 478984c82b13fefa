"""A card whose value is inf or nan is marked by a red hatched band inside
its edge, never by a red fill (trial 51: x1 = 1e308 made x1*w1, the sum and
n −inf; after Backward they kept a red tint under "∇ 0.0000", though the
legend says red is a positive gradient and a gradient of 0 is grey)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from window_helpers import answers, run_to_end, tmp_settings, type_on_card, window  # noqa: F401

from gui.canvas.painting import CARD_RECT
from gui.common import style as S

#: Inside this far from its edge a card shows its own colour; its edge's first 4 units the hatching.
INSET = 8.0
EX = Path(__file__).resolve().parent.parent / "resources" / "examples"


def near(c: QColor, want: QColor, tol: int = 12) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c.getRgb()[:3], want.getRgb()[:3]))


def pixels(w, card, rect: QRectF) -> list[QColor]:
    """The canvas's pixels over ``rect`` of ``card`` (item coordinates), as on screen."""
    img = w.view.viewport().grab().toImage()
    box = w.view.mapFromScene(card.mapRectToScene(rect)).boundingRect()
    return [
        img.pixelColor(x, y) for x in range(box.left(), box.right()) for y in range(box.top(), box.bottom())
    ]


def test_minus_inf_cards_keep_a_grey_zero_gradient_and_a_hatched_mark(qtbot, window):
    w = window
    w.resize(1366, 768)
    assert w.open_path(str(EX / "neuron_tanh.mgraph"))
    QApplication.processEvents()
    type_on_card(qtbot, w, "x1", "1e308")  # (typed on its card, as the student did)
    assert w.model.value("n") == float("-inf")
    run_to_end(qtbot, w)  # Ctrl+B, End: every gradient 0 (tanh saturates)
    w.view.set_zoom(1.0)
    for node in ("x1w1", "x1w1x2w2", "n"):
        card = w.scene.node_item(node)
        assert card.flagged == "nonfinite" and card.grad_on(w.scene.board) == 0.0
        w.view.centerOn(card)
        QApplication.processEvents()
        inside = pixels(w, card, CARD_RECT.adjusted(INSET, INSET, -INSET, -INSET))
        tinted = sum(near(c, S.BAD_FILL, 4) for c in inside)
        assert tinted < len(inside) / 100, (node, tinted, len(inside))  # its own white, not a red tint
        assert sum(near(c, S.CARD, 2) for c in inside) > len(inside) / 2
        band = pixels(w, card, QRectF(CARD_RECT.left() + 1, CARD_RECT.center().y() - 8, 4, 16))
        assert any(near(c, S.BAD, 40) for c in band), node  # the inf's own mark: red hatching at its edge
    grad = next(t for t in w.scene.node_item("n").texts_at(1.0) if t.kind == "grad")
    assert grad.text.endswith("0.0000")
