"""The Order list where the pass leaves a group and comes back (trial 44
#9): on the lecture's L = (a*b + c)*f with a, b, c and e grouped as "part1",
Backward's list read "3 e · part1", "4 f", "5 ▸ part1" — one group looking
split, e seemingly both in and out of the fold, step 6 hidden until the fold
was opened. Now each visit after the group's first is named so ("part1
(cont.)"), and a step inside a folded visit is opened to when the pass goes
there (a click on the row, or Step)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_forward_mode_gui import hand_mode, open_example
from test_groups_gui import type_name_soon
from window_helpers import answers, tmp_settings, window  # noqa: F401


def grouped_pass(qtbot, w):
    """blog_L with a, b, c, e grouped as part1 (Ctrl+G, the name typed), then Ctrl+B."""
    open_example(w, "blog_L")
    hand_mode(w)
    w.scene.select_ids(["a", "b", "c", "e"])
    w.view.setFocus()
    type_name_soon(qtbot, "part1")
    qtbot.keyClick(w.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert [g.label for g in w.model.groups] == ["part1"]
    w.activateWindow()  # (back from the dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    panel = w.backward.order_panel
    return panel, panel.table, panel.model


def top_rows(om) -> list[str]:
    return [om.index(r, 1).data() for r in range(om.rowCount())]


def test_a_later_visit_to_a_group_is_named_as_its_continuation(qtbot, window):
    w = window
    panel, table, om = grouped_pass(qtbot, w)
    rp = w.backward.animator.replay
    assert [om.node_at(p) for p in range(1, om.steps())] == ["L", "d", "e", "f", "c", "a", "b"]
    rows = top_rows(om)
    assert rows[1:4] == ["L", "d", f"{rp.label('e')}  · part1"], rows
    assert rows[4] == "f" and rows[5] == "part1 (cont.)", rows
    cont = om.index(5, 0)
    # open (a short pass's groups all are): no number, its first step's right under it (t72 #9)
    assert table.isExpanded(cont) and om.index(5, 0).data() == ""
    assert om.index(0, 0, cont).data().endswith("5")
    assert "part1 (cont.): steps 5 to 7" in om.index(5, 1).data(Qt.ItemDataRole.ToolTipRole)
    # every step listed once: the continuation holds c, a, b, and e is not in it
    inside = [om.node_at(om.pos_of(om.index(r, 0, cont))) for r in range(om.rowCount(cont))]
    assert inside == ["c", "a", "b"]


def test_every_step_of_a_short_pass_is_in_view_to_click(qtbot, window):
    w = window
    panel, table, om = grouped_pass(qtbot, w)
    cont = om.index(5, 0)
    assert table.isExpanded(cont)  # open from the start: no fold to open first
    step6 = om.index_of(6, 1)
    assert not table.visualRect(step6).isEmpty()
    table.scrollTo(step6)  # (scrolled to, where the list is shorter than its rows: they show whole)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(step6).center())
    QApplication.processEvents()
    assert w.backward.animator.pos == 6  # the click on "6 a" jumped there
    # stepping out of the visit and back leaves it open
    w.view.setFocus()
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Right):
        qtbot.keyClick(w.view, key)
    assert w.backward.animator.pos == 5 and table.isExpanded(cont)


def test_a_long_pass_opens_a_folded_visit_when_the_pass_goes_into_it(qtbot, window):
    """The MLP's pass (hundreds of steps) lists its groups folded but for
    the current step's; a jump into a folded row opens it, and its step shows."""
    from window_helpers import show_mlp, trigger

    w = window
    show_mlp(qtbot, w)
    trigger(w, "backward")
    w.backward.animator.pause()
    panel = w.backward.order_panel
    table, om = panel.table, panel.model
    folded = [i for i in om.group_rows() if not table.isExpanded(i) and om.pos_of(i) > 1]
    assert folded
    row = folded[-1]
    inside = om.index(1, 1, row)  # its second step, hidden in the fold
    assert table.visualRect(inside).isEmpty()
    w.backward.animator.go_to(om.pos_of(inside))  # (a jump from the Chain Rule panel, or Find)
    QApplication.processEvents()
    assert table.isExpanded(row) and not table.visualRect(inside).isEmpty()
