"""The Order panel as a new user's trial saw it (134crop, 140_fold_ed_bwd):
at the default dock width the op column kept its place while the node names
read "ypred[2] · neu…"; some group rows had no step number."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from window_helpers import answers, show_mlp, tmp_settings, trigger, window  # noqa: F401

from gui.backward.order_panel import OP_COL


def test_the_default_dock_gives_the_op_column_to_readable_names_and_numbers_every_group_row(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    trigger(w, "backward")
    w.backward.animator.pause()
    dock = w.backward.dock_order
    assert isinstance(dock, QDockWidget)
    dock.show()
    dock.raise_()
    w.resizeDocks([dock], [350], Qt.Orientation.Horizontal)  # the trial's dock: 340 px of list
    for _ in range(3):
        QApplication.processEvents()
    panel = w.backward.order_panel
    assert panel.table.viewport().width() >= 300
    assert panel.table.isColumnHidden(OP_COL)  # the names first, the op in each row's tooltip
    model = panel.table.model()
    rows = model.group_rows()
    assert rows
    for idx in rows:  # each folded group's row says where it starts, as "1 ▸ loss" did (an open
        # one has its first step's number right under it: t72 #9, "1 ▾ y" over "1 x.grad")
        assert model.index(idx.row(), 0, idx.parent()).data() or panel.table.isExpanded(idx)


def test_the_start_row_of_the_blog_pass_stays_whole_to_the_end(qtbot, window):
    """A trial: after Ctrl+B on blog_L the Order list's "start" row was half
    under its header: the list, a few pixels short of its eight rows, was
    scrolled at the last steps, Qt lining the last row up with the bottom.
    (In the trial's window: a smaller one gives Chain Rule's page the room
    first, the list scrolling to its step.)"""
    from test_forward_mode_gui import hand_mode, open_example

    w = window
    w.resize(1600, 1000)
    open_example(w, "blog_L")
    hand_mode(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    t = w.backward.order_panel.table
    rows = t.model().rowCount()
    assert rows == 8
    for _ in range(rows):  # start, then each step to the end, as Step → shows them
        QApplication.processEvents()
        first, last = (t.visualRect(t.model().index(r, 1)) for r in (0, rows - 1))
        assert first.top() >= 0 and last.bottom() < t.viewport().height(), (first, last)
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert w.backward.animator.at_end
