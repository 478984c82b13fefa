"""What Compare Forward and Reverse and Show Hessian say, driven as a user
drives them (the wire clicked and deleted, the menu entries chosen):

- an empty input is worded as Show Hessian and Build Gradient Graph word it
  (trial 65 #6: Compare said the engine's "node 'L' (mul) has nothing
  connected to input port 1 (in₂)", its port counted from 0);
- the Hessian's summary calls a file's data leaves data, and only the
  numbers of imported code "numbers of the code" (trial 65 #7: the
  lecture's x1 and x2 were "constants (in italics): numbers of the code")."""

from __future__ import annotations

from canvas_helpers import click
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import hand_mode, open_example
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

WHY = "its input in₂ is empty (L = d × in₂). Wire a node into it."


def test_compare_words_an_empty_input_as_show_hessian_does(qtbot, window):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    wire = w.scene.edge_item("f", "L", 1)
    click(w.view, wire.path().pointAtPercent(0.5))
    assert w.scene.selected_wires() == [("f", "L", 1)]
    w.view.setFocus()
    QApplication.processEvents()  # (as between a user's click and key press)
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert w.model.inputs("L") == ["d", None]
    trigger(w, "compare_modes")
    compared = w.backward.forward.panel.summary.text()
    trigger(w, "hessian")
    hessian = w.backward.forward.hessian_panel.summary.text()
    assert hessian == f"Cannot compute the Hessian of L: {WHY}", hessian
    assert compared == f"Cannot compare forward and reverse mode for L: {WHY}", compared
    assert "port 1" not in compared and "nothing connected" not in compared


def hessian_summary(w, example: str) -> str:
    open_example(w, example)
    trigger(w, "hessian")
    QApplication.processEvents()
    panel = w.backward.forward.hessian_panel
    assert panel.result is not None, panel.summary.text()
    return panel.summary.text()


def test_the_hessian_calls_the_neurons_inputs_data_not_numbers_of_the_code(window):
    w = window
    said = hessian_summary(w, "neuron_tanh")
    assert "x1 and x2 are data (in italics): not trainable, held still by Train." in said, said
    assert "numbers of the code" not in said and "constant" not in said
    t = w.backward.forward.hessian_panel.table
    heads = {t.verticalHeaderItem(i).text(): t.verticalHeaderItem(i) for i in range(t.rowCount())}
    assert heads["x1"].font().italic() and not heads["w1"].font().italic()
    assert heads["x1"].toolTip() == "x1 is data (not trainable), not a parameter"


def test_the_numbers_of_imported_code_are_still_its_constants(window):
    """The written-out neuron keeps the code's 2, 1 and 1: constants, beside its data x1 and x2."""
    w = window
    said = hessian_summary(w, "neuron_exp")
    consts = "2 (in 2n), 1 (in e - 1) and 1 (in e + 1) are constants (in italics): numbers of the code"
    assert consts in said, said
    assert "x1 and x2 are data (in italics)" in said
    t = w.backward.forward.hessian_panel.table
    tips = {t.verticalHeaderItem(i).text(): t.verticalHeaderItem(i).toolTip() for i in range(t.rowCount())}
    assert tips["2 (in 2n)"] == "2 (in 2n) is a constant (not trainable), not a parameter"
    assert tips["x2"] == "x2 is data (not trainable), not a parameter"
