"""Trial 71 #9: Learn › Insert MLP with View › Minimap on, Backward, End: at
41 % "layer 3 weights" read "∇−2.2 to 2.1" while "layer 1 weights" and
"layer 2 weights" showed their names alone on two lines (their cards one
line shorter), read as "layers 1–2 got no gradient". Where a folded card has
two lines, its name takes one (cut: "layer 1 wei…") and the range the other."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, run_to_end, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX
from gui.canvas.folding.group_card import GroupCard


def test_every_weights_card_with_two_lines_shows_its_gradients_range(qtbot, window):
    w = window
    menu_action(w.menus["view"], "minimap").trigger()
    show_mlp(qtbot, w)
    run_to_end(qtbot, w)
    cards = sorted(
        (it for it in w.scene.items() if isinstance(it, GroupCard) and it.label.endswith("weights")),
        key=lambda c: c.label,
    )
    assert [c.label for c in cards] == ["layer 1 weights", "layer 2 weights", "layer 3 weights"]
    vp = w.view.viewport()
    seen = set()
    for _ in range(4):  # the wheel turned out a notch at a time, from the fitted zoom to 43 %
        zoom = w.view.transform().m11()
        seen.add(round(zoom, 2))
        for c in cards:
            texts = c.texts_at(zoom)
            ranges = [t.text for t in texts if t.kind == "row" and "∇" in t.text]  # (its range, or its rows)
            names = [t.text for t in texts if t.kind == "name"]
            assert ranges and names, (zoom, c.label, [t.text for t in texts])
            assert all(t.px * zoom >= MIN_PX - 1e-6 for t in texts)
            assert names[0].startswith(c.label[:7])  # ("layer 1 wei…": which layer, still)
        centre = QPointF(vp.rect().center())
        ev = QWheelEvent(
            centre, QPointF(vp.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip
        QApplication.sendEvent(vp, ev)
        QApplication.processEvents()
        if w.view.transform().m11() < 0.4:  # (further out its card has one line: its name)
            break
    assert any(z <= 0.45 for z in seen), seen  # (the trial's 41–44 %)
