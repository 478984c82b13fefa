"""Trial 65 #3 and #4, at 1366×768 as the trial.

#3: with the Hessian panel open, a graph built with the mouse (Values and a
Multiply dragged from the Palette, their ports wired) left the table grey,
"Out of date … Press Compute again", still of the first Value dropped:
the automatic output (no output set: the graph's one end) moved as the
wires went in, which the panel took for an output the user changed. The
table now goes with the automatic output (out of date only while the graph
has two ends); an output the user set and then changed still leaves it out
of date (README).

#4: Forward vs Reverse kept the previous graph's column heading
("forward: ∂o/∂leaf") after File › New and a formula whose output is L."""

from __future__ import annotations

from canvas_helpers import drag, in_port, out_port
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_tutorial_gui import drop, type_into_editor
from window_helpers import (  # noqa: F401
    Button,
    answers,
    menu_action,
    open_file_at,
    tmp_settings,
    trigger,
    type_formula,
    window,
)

from core.graph.hessian import hessian
from gui.common import resources

LAPTOP = (1366, 768)


def _new(qtbot, w) -> None:
    qtbot.keyClick(w.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # File › New
    QApplication.processEvents()


def _wire(w, src: str, dst: str, port: int) -> None:
    drag(w.view, out_port(w.scene, src), in_port(w.scene, dst, port))
    QApplication.processEvents()


def _leaf(qtbot, w, entry: str, x: float, y: float) -> str:
    nid = drop(w, "leaf", x, y)
    type_into_editor(qtbot, w, entry)  # (a new Value asks for its name and value)
    return nid


def _settled(qtbot, w) -> None:
    """The edits' quarter of a second over (the table follows once they settle)."""
    settle = w.backward.forward._settle
    qtbot.waitUntil(lambda: not settle.isActive(), timeout=3000)
    QApplication.processEvents()


def test_a_graph_wired_by_hand_gets_its_own_table(qtbot, window, answers):
    w = window
    answers.save_changes = Button.Discard
    open_file_at(qtbot, w, resources.EXAMPLES / "blog_L.mgraph", LAPTOP)
    trigger(w, "hessian")
    panel = w.backward.forward.hessian_panel
    _new(qtbot, w)
    x = _leaf(qtbot, w, "x = 0.5", -200.0, -60.0)
    _settled(qtbot, w)
    assert panel.result is not None and panel.result.root == x  # one leaf: its table by itself
    y = _leaf(qtbot, w, "y = -1.5", -200.0, 60.0)
    mul = drop(w, "mul", 0.0, 0.0)
    _settled(qtbot, w)
    assert panel.summary.text().startswith("Out of date")  # (three ends: Backward would ask which)
    _wire(w, x, mul, 0)
    _wire(w, y, mul, 1)
    assert w.model.output is None and w.model.sinks() == [mul]  # the automatic output: the Multiply
    _settled(qtbot, w)
    r = panel.result
    assert r is not None and r.root == mul and r.leaves == [x, y]
    assert panel.table.isEnabled() and "Computed again after each edit." in panel.summary.text()
    assert panel.table.horizontalHeaderItem(0).text() == f"∂{w.model.label(mul)}/∂leaf"
    assert r.hessian == [[0.0, 1.0], [1.0, 0.0]]  # ∂²(xy)/∂x∂y = 1
    # and on: an Exp of x times y, added to it (x*y + exp(x)*y), every wire by hand
    ex = drop(w, "exp", 0.0, -160.0)
    _wire(w, x, ex, 0)
    m2 = drop(w, "mul", 200.0, -120.0)
    _wire(w, ex, m2, 0)
    _wire(w, y, m2, 1)
    add = drop(w, "add", 400.0, 0.0)
    _wire(w, mul, add, 0)
    _wire(w, m2, add, 1)
    _settled(qtbot, w)
    r = panel.result
    assert r is not None and r.root == add and panel.table.isEnabled()
    assert r.hessian == hessian(w.model, add, [x, y]).hessian


def test_an_output_the_user_changed_still_leaves_the_table_out_of_date(qtbot, window, answers):
    """The README's rule kept: the table of the output set (the blog's L) turns grey once the user
    makes another node the output (Ctrl+Shift+O)."""
    w = window
    open_file_at(qtbot, w, resources.EXAMPLES / "blog_L.mgraph", LAPTOP)
    trigger(w, "hessian")
    panel = w.backward.forward.hessian_panel
    assert panel.result is not None and panel.result.root == "L"
    w.scene.select_ids(["d"])
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(
        w.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert w.model.output == "d"
    _settled(qtbot, w)
    assert panel.result is None and panel.summary.text().startswith("Out of date")
    assert not panel.table.isEnabled()


def test_forward_vs_reverse_names_the_output_of_the_graph_on_screen(qtbot, window, answers):
    w = window
    answers.save_changes = Button.Discard
    open_file_at(qtbot, w, resources.EXAMPLES / "blog_L.mgraph", LAPTOP)
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()  # File › Examples › the neuron
    QApplication.processEvents()
    trigger(w, "compare_modes")
    table = w.backward.forward.panel.table

    def heading() -> str:
        return table.horizontalHeaderItem(1).text()

    assert heading() == "forward: ∂o/∂leaf"
    _new(qtbot, w)
    assert table.rowCount() == 0 and "∂o/" not in heading()
    type_formula(qtbot, w, "L = a*b + c", None)
    assert w.model.label(w.model.output) == "L"
    assert table.rowCount() == 0 and heading() == "forward: ∂L/∂leaf"  # the output on screen
    qtbot.mouseClick(w.backward.forward.panel.button, Qt.MouseButton.LeftButton)  # Compare
    assert table.rowCount() == 3 and heading() == "forward: ∂L/∂leaf"
