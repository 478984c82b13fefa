"""The f(x) bar with a graph open (trial 47): a name the formula shares with
a node on the canvas is shown in the values table, with that node's value,
to keep or to replace by a new leaf; what the bar builds becomes the output,
so Backward (Ctrl+B) starts from it. Driven as a user: typing in the bar,
Enter, typing in the values table, Ctrl+B."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from window_helpers import answers, menu_action, tmp_settings, trigger, window  # noqa: F401

from core.graph.backward import backward
from gui.code.dialogs import LeafValuesDialog

FORMULA = "L = (a*b + c) * f"
NEURON_B = 6.881373587019543  # the lecture's neuron's bias


def open_neuron(w) -> None:
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()
    QApplication.processEvents()
    assert w.model.label("b") == "b" and w.model.value("b") == NEURON_B and w.model.output == "o"


def bar(w) -> QLineEdit:
    e = w.findChild(QLineEdit, "expression_bar")
    assert e is not None and e.isVisible()
    return e


def type_in_cell(qtbot, t, text: str | None) -> None:
    """Type ``text`` over the open cell (None: leave it as it is), then Enter."""
    eds = [e for e in t.findChildren(QLineEdit) if e.isVisible()]
    assert len(eds) == 1, "a cell's editor is open"
    if text is not None:
        eds[0].selectAll()
        qtbot.keyClicks(eds[0], text)
    qtbot.keyClick(eds[0], Qt.Key.Key_Return)
    QApplication.processEvents()


def formula_with_table(qtbot, w, formula: str, fill) -> dict:
    """Type ``formula`` in the bar and press Enter; ``fill(dialog)`` answers
    the values table as a user would. What the table showed, as it opened."""
    seen: dict = {}
    failed: list[bool] = []

    def go() -> None:
        dlg = QApplication.activeModalWidget()
        done = False
        try:
            assert isinstance(dlg, LeafValuesDialog), dlg
            t = dlg.table
            seen["names"] = [dlg.name(r) for r in range(t.rowCount())]
            seen["values"] = [t.item(r, 0).text() for r in range(t.rowCount())]
            seen["use"] = [dlg.uses_canvas(r) for r in range(t.rowCount())]
            seen["node"] = [t.item(r, 1).text() if t.columnCount() > 1 else "" for r in range(t.rowCount())]
            seen["intro"] = dlg.findChild(QLabel, "leaf_values_intro").text()
            fill(dlg)
            done = True
        finally:  # (the error goes to pytest-qt; the modal table is never left open: the test would hang)
            if not done:
                failed.append(True)
                if isinstance(dlg, LeafValuesDialog) and dlg.isVisible():
                    dlg.reject()

    QTimer.singleShot(50, go)
    e = bar(w)
    e.setFocus()
    qtbot.keyClicks(e, formula)
    qtbot.keyClick(e, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert not failed, "answering the values table failed"
    assert seen, "the values table did not open"
    # the window is active again once the table has closed (offscreen, a hand is needed)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=1000)
    return seen


def typing(qtbot, *cells):
    """A user's answers: F2 on the first cell, then each text (None: as it is) and Enter."""

    def fill(dlg) -> None:
        dlg.table.setFocus()
        qtbot.keyClick(dlg.table, Qt.Key.Key_F2)
        for text in cells:
            type_in_cell(qtbot, dlg.table, text)
        qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=1000)

    return fill


def new_ids(w, before) -> dict[str, str]:
    return {w.model.label(n): n for n in w.model.nodes() if n not in before}


def test_a_name_on_the_canvas_is_listed_with_its_value_and_a_typed_value_makes_a_new_leaf(qtbot, window):
    w = window
    open_neuron(w)
    before = set(w.model.nodes())
    b_wires = w.model.consumers("b")
    seen = formula_with_table(qtbot, w, FORMULA, typing(qtbot, "2", "-3", "10", "-2"))
    # b is in the table, in its place, as the neuron's b with its value, ticked
    assert seen["names"] == ["a", "b", "c", "f"]
    assert seen["values"][1] == "6.8814" and seen["use"] == [False, True, False, False]
    assert seen["node"][1] == "use b on the canvas" and seen["node"][0] == "new leaf"
    assert "b (6.8814) is on the canvas already" in seen["intro"]
    # typing −3 over it made a new b: the lecture's L = −8, the neuron left alone
    ids = new_ids(w, before)
    assert set(ids) >= {"a", "b", "c", "f", "L"}
    assert w.model.value(ids["b"]) == -3.0 and w.model.value(ids["L"]) == -8.0
    assert w.model.consumers("b") == b_wires and w.model.value("b") == NEURON_B
    assert "from the canvas" not in w.status_text()


def test_a_name_on_the_canvas_kept_as_it_is_wires_that_node_and_says_so(qtbot, window):
    w = window
    open_neuron(w)
    before = set(w.model.nodes())
    formula_with_table(qtbot, w, FORMULA, typing(qtbot, "2", None, "10", "-2"))  # Enter over b's row
    ids = new_ids(w, before)
    assert "b" not in ids  # no second b: the neuron's is used
    ab = next(n for n in ids.values() if w.model.op(n) == "mul" and "b" in w.model.inputs(n))
    assert w.model.inputs(ab) == [ids["a"], "b"]
    assert w.model.value(ids["L"]) == pytest.approx((2 * NEURON_B + 10) * -2)
    said = w.status_text()
    assert "using b from the canvas" in said and "L is now the output" in said, said


def test_unticking_a_name_on_the_canvas_makes_a_new_leaf_of_its_value(qtbot, window):
    """The Node cell says what will happen: "use b on the canvas" while
    ticked, "new leaf b" unticked (a trial: it still read "use b on the
    canvas" once unticked, or typed over)."""
    w = window
    open_neuron(w)
    before = set(w.model.nodes())

    def fill(dlg) -> None:
        t = dlg.table
        t.setFocus()
        t.setCurrentCell(1, 1)  # b's "use b on the canvas"
        qtbot.keyClick(t, Qt.Key.Key_Space)
        assert not dlg.uses_canvas(1) and t.item(1, 0).text() == "6.8814"
        assert t.item(1, 1).text() == "new leaf b"
        qtbot.keyClick(t, Qt.Key.Key_Space)  # ticked again, then typed over: unticked
        assert dlg.uses_canvas(1) and t.item(1, 1).text() == "use b on the canvas"
        t.setCurrentCell(1, 0)
        qtbot.keyClick(t, Qt.Key.Key_F2)
        type_in_cell(qtbot, t, "5")
        assert not dlg.uses_canvas(1) and t.item(1, 1).text() == "new leaf b"
        t.setCurrentCell(1, 1)
        qtbot.keyClick(t, Qt.Key.Key_Space)  # ticked: the canvas's value is back
        assert dlg.uses_canvas(1) and t.item(1, 0).text() == "6.8814"
        assert t.item(1, 1).text() == "use b on the canvas"
        qtbot.keyClick(t, Qt.Key.Key_Space)  # and unticked for good
        assert t.item(1, 1).text() == "new leaf b"
        add = next(b for b in dlg.findChildren(QPushButton) if b.text() == "Add to Graph")
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)

    formula_with_table(qtbot, w, FORMULA, fill)
    ids = new_ids(w, before)
    assert w.model.value(ids["b"]) == NEURON_B  # all its digits, not the 4 shown
    assert w.model.consumers("b") != [] and all(t in before for t, _ in w.model.consumers("b"))


def test_backward_after_the_bar_starts_from_what_it_built(qtbot, window):
    """Trial 47: mid-pass on the neuron, a formula typed in the bar, then
    Ctrl+B: the pass started at the neuron's o and L's graph was dimmed."""
    w = window
    open_neuron(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert w.backward.replay.root == "o"
    before = set(w.model.nodes())
    n_undo = w.undo_stack.count()
    formula_with_table(qtbot, w, FORMULA, typing(qtbot, "2", "-3", "10", "-2"))
    ids = new_ids(w, before)
    assert w.model.output == ids["L"]
    assert w.undo_stack.count() == n_undo + 1  # the nodes and the output: one entry
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert w.backward.replay.root == ids["L"]
    g = backward(w.model).grads
    assert [g[ids[k]] for k in "abcf"] == [6.0, -4.0, -2.0, 4.0]  # the lecture's
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert all(w.scene.node_item(n).highlight != "dim" for n in ids.values())
    # one Undo: the formula's nodes go and the neuron's o is the output again
    trigger(w, "undo")
    assert set(w.model.nodes()) == before and w.model.output == "o"
    # a number typed alone adds a leaf: the output stays
    e = bar(w)
    e.setFocus()
    qtbot.keyClicks(e, "w9 = 0.5")
    qtbot.keyClick(e, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert "w9" in w.model and w.model.output == "o"


def test_a_name_alone_that_is_on_the_canvas_adds_nothing_and_says_so(qtbot, window):
    """A monkey test: "b" typed in the bar with b on the canvas, the table
    kept as it is (Enter), raised "min() arg is an empty sequence"."""
    w = window
    open_neuron(w)
    before, n_undo = sorted(w.model.nodes()), w.undo_stack.count()

    def keep(dlg) -> None:
        qtbot.keyClick(dlg.table, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=1000)

    seen = formula_with_table(qtbot, w, "b", keep)
    assert seen["use"] == [True]
    assert sorted(w.model.nodes()) == before and w.undo_stack.count() == n_undo
    assert w.status_text() == "Nothing to add: b is on the canvas already"
    assert w.scene.selected_ids() == ["b"]
