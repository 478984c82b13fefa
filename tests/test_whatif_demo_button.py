"""What If's "Open an Example That Shows This Mistake" is greyed out only on
that mistake's own example (trial 75 #3: after the "=" example, b = a + a,
Depth-first said "this graph does not trigger the mistake" beside a dead
button). Driven as a user: the Learn menu and the panel's button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, tmp_settings, trigger, window  # noqa: F401


def press(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def test_the_example_button_works_after_another_mistakes_example(qtbot, window):
    w = window
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()
    QApplication.processEvents()
    p = w.learning.whatif
    trigger(w, "learn_whatif_assign")
    press(qtbot, p.demo_button)
    assert w.model.label(w.model.output) == "b" and "What If example" in w.windowTitle()
    assert not p.demo_button.isEnabled()  # (its own example: not offered again)
    trigger(w, "learn_whatif_dfs")  # b = a + a does not trigger this one
    assert "does not trigger the mistake" in p.summary.text()
    press(qtbot, p.demo_button)  # the example that does
    assert w.model.label(w.model.output) == "y = e + f"
    assert "does not trigger" not in p.summary.text() and "come out wrong" in p.summary.text()
    assert not p.demo_button.isEnabled()
    trigger(w, "learn_whatif_twice")  # the same example shows this one too: still not offered
    assert not p.demo_button.isEnabled()
    trigger(w, "learn_whatif_assign")  # not this one's own example: offered again
    assert p.demo_button.isEnabled()
