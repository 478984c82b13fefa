"""Trial 48 #11: the constants of the tanh written out (the 1 in e - 1, the
1 in e + 1, the 2 in 2n) read "(1, id const2) is a leaf: (1, id
const2).grad = −0.1464" in the Backward banner and "(1)", "(2)", "(1)" in
the Order list. A constant is named by where it is used: "the constant 1
(in e - 1)" in a sentence, "1 (in e - 1)" in the Order list; its gradient
is still written "(1).grad"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, tmp_settings, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
DISPLAY = Qt.ItemDataRole.DisplayRole


def _rows(w) -> dict[int, str]:
    om = w.backward.order_panel.model
    last = w.backward.replay.last
    return {p: om.data(om.index_of(p, 1), DISPLAY) for p in range(1, last + 1)}


def test_constants_read_by_where_they_are_used_in_the_banner_and_the_order_list(qtbot, window):
    w = window
    auto = menu_action(w.menus["backward"], "autoplay")
    if auto.isChecked():
        auto.trigger()  # stepping by hand, as the trial did
    menu_action(w.menus["file"], "example_neuron_exp").trigger()
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    assert w.backward.animator.at_end
    banner = w.backward.narration.text()
    assert banner.startswith(
        "Step 17 of 17: the constant 1 (in e - 1) is a leaf: (1).grad = −0.1464 is final."
    ), banner
    assert "id " not in banner
    # the Chain Rule panel's heading names it so too (it read "1  —  Value")
    assert w.backward.chain_panel.text().startswith("the constant 1 (in e - 1) — Value")
    assert w.backward.order_panel.status.text().startswith(
        "Step 17 of 17: the constant 1 (in e - 1) is a leaf: its gradient is final."
    )
    rows = _rows(w)
    constants = [r for r in rows.values() if " (in " in r]
    assert sorted(constants) == ["1 (in e + 1)", "1 (in e - 1)", "2 (in 2n)"], rows
    assert rows[17] == "1 (in e - 1)" and "(1)" not in rows.values() and "(2)" not in rows.values()
    assert rows[1] == "o" and "e - 1" in rows.values()  # the other rows as they are (verify 50: no brackets)
    # mid-pass: the step of the 1 in e + 1, then of the e + 1 that sent it its gradient
    p = next(p for p, r in rows.items() if r == "1 (in e + 1)")
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    for _ in range(p):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    banner = w.backward.narration.text()
    assert banner.startswith(
        f"Step {p} of 17: the constant 1 (in e + 1) is a leaf, so it passes nothing on: (1).grad = "
    ), banner
    q = next(p for p, r in rows.items() if r == "e + 1")
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    for _ in range(q):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    banner = w.backward.narration.text()
    assert "(1).grad += " in banner and "id " not in banner, banner


def test_two_equal_constants_of_one_node_are_told_apart_by_their_input():
    """The review: "2 + 2" read "2 (in 2 + 2)" for both of its constants."""
    from core.explain.replay import Replay
    from core.graph.backward import backward
    from core.graph.model import GraphModel

    m = GraphModel()
    m.add_node("leaf", "c1", label="2", value=2.0)
    m.add_node("leaf", "c2", label="2", value=2.0)
    m.add_node("leaf", "c3", label="3", value=3.0)
    m.add_node("add", "s", label="2 + 2")
    m.add_node("mul", "t", label="(2 + 2)*3")
    m.connect("c1", "s", 0)
    m.connect("c2", "s", 1)
    m.connect("s", "t", 0)
    m.connect("c3", "t", 1)
    rp = Replay(backward(m, "t"), m.label)
    assert [rp.constant_where(n) for n in ("c1", "c2", "c3")] == [
        "2 (in 2 + 2, input 1)",
        "2 (in 2 + 2, input 2)",
        "3 (in (2 + 2)*3)",
    ]
