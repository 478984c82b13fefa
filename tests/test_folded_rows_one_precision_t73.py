"""t73 #5: in the folded MLP, with "layer 2 weights" opened from Find and
the view sent to the loss from the minimap's right edge (60 %), the loss
card's rows read "ypred[1] 0.43" and "loss 6.0" beside layer 3's
"ypred[1] 0.4277", one value in two precisions on a card with room to
spare (since then it gave up its rows there altogether: "loss 6.0054"
alone). Its output's line over its rows may come as close to them as the
rows come to each other, so it keeps its rows in the zoom's digits; the
fitted 52 % view still reads "loss 6.0054"."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from test_find_open_view import find
from window_helpers import answers, open_mlp_file, tmp_settings, trigger, window  # noqa: F401

Key, Mod = Qt.Key, Qt.KeyboardModifier


def rows(w, label: str) -> list[str]:
    """The rows the folded card showing the node called ``label`` draws at the view's zoom."""
    folding = w.scene.folding
    node = next(n for n in w.model.nodes() if w.model.label(n) == label)
    card = folding.card(folding.card_of(node) or "")
    assert card is not None, node
    return [t.text for t in card.texts_at(w.view.zoom) if t.kind == "row"]


def test_the_folded_loss_keeps_its_rows_in_the_digits_of_the_cards_beside_it(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    # the view as opened, fitted (52 % in the trial's window): as it was, the name and "loss 6.0054"
    assert w.view.zoom < 0.575
    assert rows(w, "loss") == ["loss 6.0054"]
    trigger(w, "minimap")
    bar = find(qtbot, w, "layer 2 weights")
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.AltModifier)  # Find's Open group
    QApplication.processEvents()
    qtbot.keyClick(bar.edit, Key.Key_Escape)
    mm = w.navigation.minimap
    qtbot.mouseClick(mm, Qt.MouseButton.LeftButton, pos=QPoint(mm.width() - 3, mm.height() // 2))
    QApplication.processEvents()
    assert round(w.view.zoom * 100) == 60
    loss, layer3 = rows(w, "loss"), rows(w, "ypred[1]")
    assert layer3 == ["ypred[1] 0.4277"], layer3
    # the same value in the same digits on the loss card beside it, every row named
    assert loss[:2] == ["loss 6.0054", "ypred[1] 0.4277"], loss
    assert loss[2:] == ["ypred[2] 0.5571", "ypred[3] 0.7185", "ypred[4] 0.4520"], loss
