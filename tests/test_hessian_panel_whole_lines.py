"""The Hessian panel short of room at 1366×768 (t72 #3, #7): its words show
whole lines or none, never a line cut through its middle with the Compute
button under it; the table shows its header and whole rows, never one cut in
half; nothing is drawn over anything else."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import hand_mode, open_example
from test_presentation_mode import toggle_presentation
from window_helpers import action, answers, tmp_settings, window  # noqa: F401

from gui.common.beside_table import line_step


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def faults(w) -> list[str]:
    p = w.backward.forward.hessian_panel
    words, table, button = p.shape.words, p.table, p.button
    bad = []
    if words.isVisible() and words.height() > 0:
        label = words.widget()
        whole = label.heightForWidth(words.viewport().width())
        step = line_step(label.font())
        shown = words.viewport().height()
        if shown < whole and shown % step:
            bad.append(f"words: {shown} px, {shown / step:.2f} lines of {step} px")
    rows = [table.rowHeight(i) for i in range(table.rowCount())]
    vp = table.viewport().height()
    if rows and vp < sum(rows):
        top = table.verticalScrollBar().value()  # (scrolled a row at a time)
        seen = vp
        for h in rows[top:]:
            if seen <= 0:
                break
            if seen < h:
                bad.append(f"table: a row cut, {seen} px of {h}")
            seen -= h
    boxes = {"words": words, "table": table, "button": button}
    shown = {k: QRect(v.mapTo(p, v.rect().topLeft()), v.size()) for k, v in boxes.items() if v.isVisible()}
    names = list(shown)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if shown[a].intersects(shown[b]):
                bad.append(f"{a} over {b}")
        if not p.rect().contains(shown[a]):
            bad.append(f"{a} past the panel's edge")
    return bad


def present_neuron_pass(qtbot, w, height: int) -> None:
    """At 1366 × ``height``: the neuron example, Forward vs Reverse and the Hessian open,
    Presentation Mode, Ctrl+B (the trial's steps, t72 #3)."""
    w.resize(1366, height)
    open_example(w, "neuron_tanh")
    hand_mode(w)
    action(w, "compare_modes").trigger()
    action(w, "hessian").trigger()
    settle()
    toggle_presentation(qtbot, w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    settle()


@pytest.mark.parametrize("height", [749, 720])
def test_presenting_the_neuron_with_the_hessian_open_cuts_no_line_or_row(qtbot, window, height):
    """The trial's steps: File › Examples › the neuron, Forward vs Reverse and the Hessian open,
    Ctrl+Shift+P, Ctrl+B, → → →."""
    w = window
    present_neuron_pass(qtbot, w, height)
    assert faults(w) == []
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        settle()
        assert faults(w) == []
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    settle()
    assert faults(w) == []
    toggle_presentation(qtbot, w)
    settle()
    assert faults(w) == []


@pytest.mark.parametrize("height", [749, 740, 720])
def test_the_lectures_hessian_shows_whole_rows_and_all_of_them_once_there_is_room(qtbot, window, height):
    """L = (a*b + c) * f typed in the f(x) bar, Forward vs Reverse and the Hessian open, Ctrl+B,
    End (the trial's 4×4 table, its last row cut over 80 px of blank under its words); then
    Ctrl+Shift+B: the banner gone, the canvas taller, the table gets its rows' height back."""
    from window_helpers import type_formula

    w = window
    w.resize(1366, height)
    hand_mode(w)
    type_formula(qtbot, w, "L = (a*b + c) * f")
    action(w, "compare_modes").trigger()
    action(w, "hessian").trigger()
    settle()
    p = w.backward.forward.hessian_panel
    assert p.table.rowCount() == 4
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    settle()
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    settle()
    assert faults(w) == []
    w.view.setFocus()
    qtbot.keyClick(
        w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    for _ in range(3):
        settle()
    assert not w.backward.narration.isVisible()
    assert faults(w) == []
    if w.view.spare_height(whole_cards=True) >= p.height_missing():  # (the graph stays whole)
        assert p.table.verticalScrollBar().maximum() == 0 and p.height_missing() == 0


def test_a_hessian_dragged_lower_by_hand_stays_so_when_the_banner_goes(qtbot, window):
    """Review 72b #2: the Hessian's top edge dragged down mid-pass (the user wanted more canvas);
    when the pass was cleared and its banner went, the panel grew back to its rows."""
    from PySide6.QtWidgets import QDockWidget
    from test_chain_rule_room import _drag_edge_above

    w = window
    w.resize(1366, 900)
    open_example(w, "neuron_tanh")
    hand_mode(w)
    action(w, "hessian").trigger()
    settle()
    dock = next(d for d in w.findChildren(QDockWidget) if d.isAncestorOf(w.backward.forward.hessian_panel))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    settle()
    tall = dock.height()
    _drag_edge_above(w, dock, 60)  # the edge over the panel, 60 px down
    settle()
    dragged = dock.height()
    assert dragged < tall - 30, (tall, dragged)
    w.view.setFocus()
    qtbot.keyClick(
        w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )  # the pass cleared: its banner gone, the canvas taller
    settle()
    qtbot.wait(50)
    settle()
    assert abs(dock.height() - dragged) <= 2, (tall, dragged, dock.height())
