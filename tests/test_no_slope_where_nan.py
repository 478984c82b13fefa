"""Trial 69 #7: y = ln(x) at x = −1 (y nan) read "the slope of y where x is
−1: nudging x by a small h moves y by about −1·h" — false, y stays nan.
Where the root's value (or the node's) is inf/nan, the gradient is said to
be the chain rule's formula worked out there, not a slope."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_properties_port_names import shown
from window_helpers import answers, tmp_settings, type_formula, type_on_card, window  # noqa: F401

from gui.canvas.painting import CARD_RECT

CTRL = Qt.KeyboardModifier.ControlModifier


def node(w, label: str) -> str:
    return next(n for n in w.model.nodes() if w.model.label(n) == label)


def click_card(qtbot, w, n: str) -> None:
    """A click on the middle of ``n``'s card (its box's: the middle of all it
    draws, the note beside it, can be the wire between two cards)."""
    it = w.scene.node_item(n)
    at = w.view.mapFromScene(it.mapToScene(CARD_RECT.center()))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QApplication.processEvents()


def finished_pass(qtbot, w) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    assert w.backward.animator.at_end
    qtbot.wait(400)  # (the view's move to show the pass, done)


def test_no_slope_of_a_nan_output(qtbot, window):
    w = window
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    type_formula(qtbot, w, "y = log(x)", None)
    x, y = node(w, "x"), node(w, "y")
    type_on_card(qtbot, w, x, "-1")
    assert w.model.value(y) != w.model.value(y)  # nan
    finished_pass(qtbot, w)
    click_card(qtbot, w, x)
    said = shown(w.properties.slope_label)
    assert "the slope" not in said and "moves y by about" not in said, said
    assert said == (
        "= the chain rule's formula for ∂y/∂x worked out at x = −1, not a slope: "
        "y is nan there, so nudging x does not move y by about −1·h"
    ), said
    panel = w.backward.chain_panel
    click_card(qtbot, w, y)  # (y, then x again: a card the user asks about)
    click_card(qtbot, w, x)
    qtbot.waitUntil(lambda: "x.grad = −1\n(" in panel.text(), timeout=2000)
    chain = panel.text()
    assert "the slope of" not in chain, chain
    assert "(the chain rule's formula for ∂y/∂x worked out at x = −1, not a slope: y is nan there" in chain
    # a finite point: the slope again
    click_card(qtbot, w, x)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Return)  # (its value edited on the card, as type_on_card does)
    ed = w.scene.interaction.inline_editor
    ed.selectAll()
    qtbot.keyClicks(ed, "2")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    finished_pass(qtbot, w)
    click_card(qtbot, w, x)
    assert shown(w.properties.slope_label).startswith("= the slope of y where x is 2: nudging x")
