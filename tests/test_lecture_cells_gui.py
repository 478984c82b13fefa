"""The lecture's backprop-by-hand cells pasted into File › Import Code, the
Code panel and the f(x) bar, as a learner does (trial 58 #2: each line was
refused in turn and nothing added); and a line that is refused is marked in
the Import Code box as the Code panel marks it (the dialog only said it in
red below). (The reading itself: test_lecture_cells_skipped.py.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from snippets import (
    BLOG_SNIPPET,
    LECTURE_IMPORTS,
    LECTURE_MANUAL_GRADS,
    LECTURE_NEURON,
    LECTURE_NEURON_BY_HAND,
    LECTURE_NUDGE,
)
from test_code_panel_gui import ctrl_enter, editor, error, type_at_end
from test_import_code_nn import LEFT, open_import_dialog, type_code
from window_helpers import answers, menu_action, tmp_settings, type_formula, window  # noqa: F401

from core.files import fileio
from gui.code.code_editor import CodeEditor

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def import_cell(qtbot, w, code: str) -> None:
    """File › Import Code, ``code`` typed into the box, OK pressed: imported (the box closed)."""
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, code)
    qtbot.mouseClick(dlg.ok, LEFT)
    assert not dlg.isVisible(), dlg.error.text()


def test_the_manual_backprop_cell_imports_and_the_status_line_says_what_was_skipped(qtbot, window):
    w = window
    import_cell(qtbot, w, LECTURE_IMPORTS + BLOG_SNIPPET + LECTURE_MANUAL_GRADS)
    assert sorted(w.model.label(n) for n in w.model.nodes()) == sorted("abcdefL")
    said = w.status_text()
    assert said.endswith(
        "skipped: L.grad = 1.0 (+6 more) — Backward (Ctrl+B) works out every .grad; "
        "import math (+2 more) — not needed"
    ), said


def test_the_neuron_cell_with_o_backward_by_hand_imports_the_neuron(qtbot, window):
    w = window
    import_cell(qtbot, w, LECTURE_NEURON + LECTURE_NEURON_BY_HAND)
    assert len(w.model) == 17 and w.model.label(w.model.output) == "o"
    said = w.status_text()
    assert "o.grad = 1.0 (+10 more) — Backward (Ctrl+B) works out every .grad" in said, said
    assert "o._backward() (+5 more) — Backward (Ctrl+B, then →) runs each node's step in turn" in said


def test_the_nudge_cell_builds_its_graph_and_says_from_which_values(qtbot, window):
    w = window
    import_cell(qtbot, w, BLOG_SNIPPET + LECTURE_NUDGE)
    assert w.model.label(w.model.output) == "L′" and w.model.value(w.model.output) == -8.0
    assert "a.data += 0.01 * a.grad (+3 more) — the graph is built from the values before the nudge" in (
        w.status_text()
    )


def test_the_f_x_bar_skips_a_grad_line_too(qtbot, window):
    w = window
    type_formula(qtbot, w, "x = 2.0; y = x * 3; y.grad = 1.0; y._backward()", dialogs=False)
    assert sorted(w.model.label(n) for n in w.model.nodes()) == ["3", "x", "y"]
    assert "skipped: y.grad = 1.0 — Backward (Ctrl+B) works out every .grad" in w.status_text()


def test_the_code_panel_applies_code_with_a_grad_line_and_says_it_was_skipped(qtbot, window):
    w = window
    w.document.replace(fileio.load(EX / "blog_L.mgraph"), str(EX / "blog_L.mgraph"))
    menu_action(w.menus["view"], "toggle_dock_code").trigger()
    assert w.findChild(QDockWidget, "dock_code").isVisible()
    QApplication.processEvents()
    for line in ("L.grad = 1.0", "M = L.tanh()", "M._backward()"):
        qtbot.keyClick(editor(w), Qt.Key.Key_Return)
        type_at_end(qtbot, w, line)
    ctrl_enter(qtbot, w)
    assert error(w) == "" and w.model.op("M") == "tanh"
    said = w.status_text()
    assert said.startswith("Applied the code: "), said
    assert said.endswith(
        "skipped: L.grad = 1.0 — Backward (Ctrl+B) works out every .grad; "
        "M._backward() — Backward (Ctrl+B, then →) runs each node's step in turn"
    ), said
    assert editor(w).error_at is None


def test_a_refused_line_is_underlined_and_numbered_in_the_import_box(qtbot, window, tmp_path):
    """Trial 58 #2: the Code panel tints the line at fault and underlines the
    part; the Import Code box now does the same, with line numbers beside
    the code, and the marks go once the line is fixed."""
    w = window
    dlg = open_import_dialog(qtbot, w)
    assert isinstance(dlg.editor, CodeEditor)  # (its gutter numbers the lines the message names)
    type_code(qtbot, dlg, BLOG_SNIPPET + "a.data = 3.0\nM = L * 2\n")
    qtbot.mouseClick(dlg.ok, LEFT)
    assert dlg.isVisible() and len(w.model) == 0
    assert dlg.error.text().startswith("line 9, column 1: setting .data is not supported"), dlg.error.text()
    box = dlg.editor
    assert box.error_at == (9, 1)
    whole, under = box.extraSelections()
    assert whole.cursor.block().text() == "a.data = 3.0" and under.cursor.selectedText() == "a.data"
    assert box.textCursor().blockNumber() == 8  # the cursor is on the bad line
    dlg.grab().save(str(tmp_path / "import_marked.png"))
    # fixed (a = 3.0), the marks go once typing pauses, and Add adds it
    for _ in range(len("a.data")):
        qtbot.keyClick(box, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(box, "a")
    assert box.textCursor().block().text() == "a = 3.0"
    qtbot.waitUntil(lambda: not dlg.error.isVisible(), timeout=3000)
    assert box.extraSelections() == [] and box.error_at is None
    qtbot.mouseClick(dlg.ok, LEFT)
    assert not dlg.isVisible() and w.model.label(w.model.output) == "M"
