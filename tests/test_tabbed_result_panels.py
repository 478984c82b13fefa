"""Trial 65 #1: at 1366×768, with Forward vs Reverse and the Hessian sharing
the row under the canvas as tabs, the panel in front was short of the
height of its row of tabs (Qt sizes the place, tabs included): after
File › New the Hessian's intro was cut to a line, and the 3-leaf table of
``L = a*b + c`` hid row c behind a scroll bar, the canvas above half empty.
Driven as the trial did: the menus, Ctrl+N, the f(x) bar, the tabs clicked."""

from __future__ import annotations

from canvas_helpers import drag, in_port, out_port
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar
from test_presentation_mode import settle
from test_result_panels_whole import _graph_whole, _table_whole, _words
from test_tutorial_gui import drop, type_into_editor
from window_helpers import Button, answers, open_file_at, tmp_settings, trigger, type_formula, window  # noqa: F401

from gui.common import resources

LAPTOP = (1366, 768)


def _settled(qtbot, ms: int = 0) -> None:
    if ms:
        qtbot.wait(ms)
    for _ in range(4):  # (the panel grows for its words and rows once laid out)
        settle()


def _click_tab(qtbot, w, title: str) -> None:
    """Click the tab called ``title`` under the canvas, as a user does."""
    for bar in w.findChildren(QTabBar):
        for i in range(bar.count()):
            if bar.isVisible() and bar.tabText(i) == title:
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
                _settled(qtbot)
                return
    raise LookupError(title)


def _whole(panel) -> None:
    assert _words(panel).verticalScrollBar().maximum() == 0, panel.objectName()
    _table_whole(panel.table)


def _both_open(qtbot, w, answers) -> None:
    """The trial's setup: Compare Forward and Reverse, then Show Hessian (tabs now)."""
    answers.save_changes = Button.Discard
    open_file_at(qtbot, w, resources.EXAMPLES / "blog_L.mgraph", LAPTOP)
    settle()
    trigger(w, "compare_modes")
    _settled(qtbot)
    trigger(w, "hessian")
    _settled(qtbot)
    fwd = w.backward.forward
    assert fwd.hessian_dock in w.tabifiedDockWidgets(fwd.dock)


def test_a_new_formula_shows_every_row_of_the_hessian_in_its_tab(qtbot, window, answers):
    w = window
    _both_open(qtbot, w, answers)
    fwd = w.backward.forward
    hess, panel = fwd.hessian_dock, fwd.hessian_panel
    _whole(panel)  # the blog's 4 leaves
    qtbot.keyClick(w.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File › New
    _settled(qtbot, 100)
    assert panel.empty() and _words(panel).verticalScrollBar().maximum() == 0  # its intro whole
    type_formula(qtbot, w, "L = a*b + c", None)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=3000)  # (by itself: 3 leaves)
    _settled(qtbot, 50)
    assert [w.model.label(n) for n in panel.result.leaves] == ["a", "b", "c"]
    assert not hess.visibleRegion().isEmpty()
    _whole(panel)  # rows a, b and c, no scroll bar
    _graph_whole(w)
    # the other tab, its Compare pressed: its 3 rows and its summary whole too
    _click_tab(qtbot, w, "Forward vs Reverse")
    qtbot.mouseClick(fwd.panel.button, Qt.MouseButton.LeftButton)
    _settled(qtbot, 50)
    assert fwd.panel.table.rowCount() == 3
    _whole(fwd.panel)
    _click_tab(qtbot, w, "Hessian")
    _whole(panel)
    _graph_whole(w)


def test_the_tab_brought_to_the_front_grows_for_rows_it_gained_behind_the_other(qtbot, window, answers):
    """The Hessian follows an edit behind the Forward vs Reverse tab (a fifth leaf wired in with
    the mouse); clicked to the front, it shows its five rows, not the four the row was sized for."""
    w = window
    _both_open(qtbot, w, answers)
    fwd = w.backward.forward
    panel = fwd.hessian_panel
    _click_tab(qtbot, w, "Forward vs Reverse")
    _whole(fwd.panel)
    assert fwd.hessian_dock.visibleRegion().isEmpty()
    # f*g in place of f: a Value and a Multiply from the palette, wired with the mouse
    g = drop(w, "leaf", 300.0, 150.0)
    type_into_editor(qtbot, w, "gain = 3")  # (a new Value asks for its name and value)
    mul = drop(w, "mul", 520.0, 150.0)
    for src, dst, port in (("f", mul, 0), (g, mul, 1), (mul, "L", 1)):
        drag(w.view, out_port(w.scene, src), in_port(w.scene, dst, port))
        settle()
    assert w.model.inputs("L") == ["d", mul] and w.model.output == "L"
    qtbot.waitUntil(lambda: panel.result is not None and len(panel.result.leaves) == 5, timeout=3000)
    _click_tab(qtbot, w, "Hessian")
    _settled(qtbot, 50)
    assert [w.model.label(n) for n in panel.result.leaves] == ["a", "b", "c", "f", "gain"]
    w.grab().save("/tmp/fix65a/t2.png")
    _whole(panel)
    _graph_whole(w)
