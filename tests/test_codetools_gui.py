"""The expression bar, Import Code… and the code exports, driven as a user does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from name_question import answer_names
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QToolBar
from snippets import BLOG_SNIPPET, MICROGRAD_README
from window_helpers import Button, action, answers, menu_action, tmp_settings, trigger, type_formula, window  # noqa: F401

from core.code.codeadd import import_code
from core.graph.backward import backward
from gui.code.codetools import CodeTools
from gui.code.dialogs import LeafValuesDialog

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "resources" / "examples"


def bar(w) -> QLineEdit:
    e = w.findChild(QLineEdit, "expression_bar")
    assert e is not None and e.isVisible()
    return e


def answer_values_soon(values: dict | None, seen: list | None = None):
    """Fill the leaf-values table when it opens (or cancel it with None)."""

    def go():
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, LeafValuesDialog), dlg
        t = dlg.table
        names = [dlg.name(r) for r in range(t.rowCount())]
        if seen is not None:
            seen.extend(names)
        if values is None:
            dlg.reject()
            return
        for r, name in enumerate(names):
            t.item(r, 0).setText(str(values[name]))
        dlg.accept()

    QTimer.singleShot(50, go)


def labels(w, ids) -> dict[str, str]:
    return {w.model.label(n): n for n in ids}


def test_bar_menus_and_names(window):
    w = window
    assert w.findChild(QToolBar, "toolbar_expression").isVisible()
    assert bar(w).placeholderText()
    menu_action(w.menus["file"], "import_code")
    for kind in ("python", "torch", "dot"):
        menu_action(w.menus["export"], f"export_{kind}")
    assert isinstance(w.code_tools, CodeTools)
    trigger(w, "expression_bar")
    assert bar(w).hasFocus()


def test_type_formula_enter_adds_nodes_and_wires_and_undo_removes_them(qtbot, window):
    w = window
    assert w.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()
    before = set(w.model.nodes())
    n_undo = w.undo_stack.count()
    seen: list[str] = []
    # (the blog's graph has a b already, which the bar would wire in: the bias gets its own name)
    answer_values_soon({"x1": 2.0, "w1": -3.0, "x2": 0.0, "w2": 1.0, "bias": 6.8813735870195432}, seen)
    type_formula(qtbot, w, "o = tanh(x1*w1 + x2*w2 + bias)", dialogs=False)
    assert seen == ["x1", "w1", "x2", "w2", "bias"]
    new = [n for n in w.model.nodes() if n not in before]
    assert len(new) == 10
    assert w.undo_stack.count() == n_undo + 1
    # the canvas mirrors them: an item per node, a wire per edge
    for n in new:
        assert w.scene.node_item(n) is not None
    new_edges = [(s, t, p) for s, t, p in w.model.edges() if t in new]
    assert len(new_edges) == 9
    for s, t, p in new_edges:
        assert w.scene.edge_item(s, t, p) is not None
    ids = labels(w, new)
    assert w.model.value(ids["o"]) == pytest.approx(0.7071067811865476)
    assert bar(w).text() == ""  # done: the bar is ready for the next formula
    assert w.model.output == ids["o"]  # what the bar built is the output (as Insert Neuron's), L was
    # placed to the right of what was there
    assert min(w.model.position(n)[0] for n in new) > max(w.model.position(n)[0] for n in before)
    # one Undo takes all of it away; Redo brings the same nodes back
    trigger(w, "undo")
    assert set(w.model.nodes()) == before and w.model.output == "L"
    assert all(w.scene.node_item(n) is None for n in new)
    trigger(w, "redo")
    assert set(w.model.nodes()) == before | set(new) and w.model.output == ids["o"]
    assert all(w.scene.node_item(n) is not None for n in new)


def test_values_given_in_the_text_need_no_table_and_backward_works(qtbot, window):
    w = window
    type_formula(qtbot, w, "L = (a*b + c) * f; a = 2.0; b = -3.0; c = 10.0; f = -2.0", dialogs=False)
    assert len(w.model) == 7 and len(w.model.edges()) == 6
    assert "“L = (a*b + c) * f; a = 2.0" in w.status_text()  # echoed as typed, spaces and all
    assert QApplication.activeModalWidget() is None
    ids = labels(w, w.model.nodes())
    assert w.model.output == ids["L"]  # the canvas was empty: the new root is the output
    g = backward(w.model).grads
    assert (g[ids["a"]], g[ids["b"]], g[ids["c"]], g[ids["f"]]) == (6.0, -4.0, -2.0, 4.0)
    trigger(w, "undo")
    assert len(w.model) == 0 and w.model.output is None


def test_a_plus_a_shows_the_double_wire(qtbot, window):
    w = window
    type_formula(qtbot, w, "b = a + a; a = 3.0", dialogs=False)
    ids = labels(w, w.model.nodes())
    a, b = ids["a"], ids["b"]
    assert w.scene.edge_item(a, b, 0) is not None and w.scene.edge_item(a, b, 1) is not None
    assert w.scene.edge_item(a, b, 0) is not w.scene.edge_item(a, b, 1)


def test_refused_text_is_kept_with_a_message_and_adds_nothing(qtbot, window):
    w = window
    assert w.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()
    before, n_undo = sorted(w.model.nodes()), w.undo_stack.count()
    for text, where in [
        ("y = foo(x) + 1", "line 1, column 5"),
        ("import micrograd.nn", "line 1, column 1"),  # (other imports are skipped: trial 58 #2)
        ("y = (a +", "line 1, column 5"),
        ("__import__('os')", "line 1, column 1"),
    ]:
        type_formula(qtbot, w, text, dialogs=False)
        assert bar(w).text() == text
        err = w.findChild(type(w.code_tools.error_label), "expression_error").text()
        assert err.startswith(where), err
        assert where in w.status_text()
        assert sorted(w.model.nodes()) == before and w.undo_stack.count() == n_undo
    qtbot.keyClicks(bar(w), " ")  # editing clears the message
    assert w.code_tools.error_label.text() == ""


def test_up_and_down_recall_earlier_formulas(qtbot, window):
    w = window
    type_formula(qtbot, w, "y = 2 * x; x = 1.0", dialogs=False)
    type_formula(qtbot, w, "z = exp(q); q = 0.0", dialogs=False)
    e = bar(w)
    qtbot.keyClicks(e, "w = ")
    qtbot.keyClick(e, Qt.Key.Key_Up)
    assert e.text() == "z = exp(q); q = 0.0"
    qtbot.keyClick(e, Qt.Key.Key_Up)
    qtbot.keyClick(e, Qt.Key.Key_Up)
    assert e.text() == "y = 2 * x; x = 1.0"
    qtbot.keyClick(e, Qt.Key.Key_Down)
    qtbot.keyClick(e, Qt.Key.Key_Down)
    assert e.text() == "w = "  # back to what was being typed


def test_cancelling_the_values_table_adds_nothing(qtbot, window):
    w = window
    answer_values_soon(None)
    type_formula(qtbot, w, "y = x * 2", dialogs=False)
    assert len(w.model) == 0 and w.undo_stack.count() == 0
    assert bar(w).text() == "y = x * 2"


def visible_scene_rect(w):
    return w.view.mapToScene(w.view.viewport().rect()).boundingRect()


def test_after_enter_the_canvas_has_the_keys_only_the_result_is_selected_and_all_is_in_view(qtbot, window):
    w = window
    assert w.open_path(EX / "neuron_exp.mgraph")
    QApplication.processEvents()
    w.view.set_zoom(1.0)
    w.view.centerOn(0, 0)  # looking at the far left of the document
    before = set(w.model.nodes())
    type_formula(
        qtbot, w, "o2 = tanh(p1*q1 + p2*q2 + b2); p1 = 1; q1 = 2; p2 = 3; q2 = 4; b2 = 0.5", dialogs=False
    )
    new = [n for n in w.model.nodes() if n not in before]
    assert len(new) == 10
    # the next keys go to the canvas (the animation's P, arrows, End), not the bar
    assert w.view.hasFocus() and not bar(w).hasFocus()
    # only the result is selected, so it does not compete with highlights
    assert w.scene.selected_ids() == [labels(w, new)["o2"]]
    # every new node is on screen
    seen = visible_scene_rect(w)
    for n in new:
        assert seen.contains(w.scene.node_item(n).sceneBoundingRect()), n


def test_a_big_paste_zooms_out_so_every_new_node_is_on_screen(qtbot, window):
    w = window
    assert w.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()
    w.view.set_zoom(1.5)
    w.view.centerOn(0, 0)
    before = set(w.model.nodes())
    terms = " + ".join(f"w{i}*x{i}" for i in range(12))
    type_formula(
        qtbot, w, f"s = {terms}; " + "; ".join(f"w{i} = 1.0; x{i} = 2.0" for i in range(12)), dialogs=False
    )
    new = [n for n in w.model.nodes() if n not in before]
    assert w.view.zoom < 1.5
    seen = visible_scene_rect(w)
    for n in new:
        assert seen.contains(w.scene.node_item(n).sceneBoundingRect()), n


def test_values_table_defaults_to_one_and_has_no_empty_row(qtbot):
    dlg = LeafValuesDialog(["a", "b", "c", "f"])
    qtbot.addWidget(dlg)
    dlg.show()
    assert "1" in dlg.findChild(QLabel, "leaf_values_intro").text()
    t = dlg.table
    assert [t.item(r, 0).text() for r in range(4)] == ["1.0"] * 4
    # the table is exactly as tall as its rows: no blank strip that reads as a 5th row
    rows = sum(t.rowHeight(r) for r in range(4))
    inner = t.viewport().height()
    assert abs(inner - rows) <= 2, (inner, rows)
    t.item(2, 0).setText("")  # an emptied cell means 1.0 as well
    t.item(3, 0).setText("-2")
    dlg.accept()
    assert dlg.values() == [1.0, 1.0, 1.0, -2.0]


def test_formula_without_values_gets_nonzero_gradients(qtbot, window):
    w = window

    def keep_defaults():
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, LeafValuesDialog), dlg
        dlg.accept()

    QTimer.singleShot(50, keep_defaults)
    type_formula(qtbot, w, "L = (a*b + c) * f", dialogs=False)
    ids = labels(w, w.model.nodes())
    g = backward(w.model).grads
    # all ones: dL/da = b*f = 1, dL/dc = f = 1, dL/df = a*b + c = 2
    assert (g[ids["a"]], g[ids["b"]], g[ids["c"]], g[ids["f"]]) == (1.0, 1.0, 1.0, 2.0)


def test_values_table_refuses_a_bad_number():
    dlg = LeafValuesDialog(["a", "b"])
    dlg.table.item(0, 0).setText("2.5")
    dlg.table.item(1, 0).setText("abc")
    dlg.accept()
    assert dlg.result() != dlg.DialogCode.Accepted and "b: 'abc'" in dlg.error.text()
    dlg.table.item(1, 0).setText("−1")  # the typographic minus the app shows
    dlg.accept()
    assert dlg.result() == dlg.DialogCode.Accepted and dlg.values() == [2.5, -1.0]


def test_import_code_reads_the_text_again_once_typing_pauses(qtbot, window):
    """Trial 47: a syntax error fixed in the box stayed on screen (greyed,
    "checked again when you import it") until Add was pressed."""
    from gui.code.dialogs import RECHECK_MS, STALE

    w = window
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.editor.setFocus()
    dlg.editor.setPlainText("a = Value(2.0)\nb = a *\nc = (b\n")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert dlg.error.isVisible() and dlg.error.text().startswith("line 2")
    qtbot.keyClicks(dlg.editor, "3")  # "b = a *3" (the cursor went to the fault)
    assert dlg.error.text().endswith(STALE)  # at once: about the text as it was
    qtbot.wait(RECHECK_MS // 3)
    assert dlg.error.text().startswith("line 2")  # (still typing, maybe)
    # once typing pauses: what is wrong now, in red (line 3), not line 2 any more
    qtbot.waitUntil(lambda: dlg.error.text().startswith("line 3"), timeout=3 * RECHECK_MS)
    assert "b91c1c" in dlg.error.styleSheet() and not dlg.error.text().endswith(STALE)
    assert dlg.editor.textCursor().blockNumber() == 1  # the cursor left where the user types
    qtbot.keyClick(dlg.editor, Qt.Key.Key_Down)
    qtbot.keyClick(dlg.editor, Qt.Key.Key_End)
    qtbot.keyClicks(dlg.editor, ")")  # "c = (b)": nothing wrong any more
    assert dlg.editor.toPlainText() == "a = Value(2.0)\nb = a *3\nc = (b)\n"
    qtbot.waitUntil(lambda: not dlg.error.isVisible(), timeout=3 * RECHECK_MS)
    assert len(w.model) == 0  # read, not added
    # a message reading the text cannot settle (about the graph, or a question answered) stays
    kept = "Not opened as a new graph: the open graph was kept (save it, or press “Add to Graph”)"
    dlg.show_error(kept)
    qtbot.keyClick(dlg.editor, Qt.Key.Key_End)
    qtbot.keyClick(dlg.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(dlg.editor, "d = c")  # (a line that reads well)
    qtbot.wait(2 * RECHECK_MS)
    assert dlg.error.isVisible() and dlg.error.text().startswith(kept)


def test_import_code_dialog_blog_snippet(qtbot, window):
    w = window
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.editor.setFocus()
    dlg.editor.setPlainText("a = 1.0\nfor i in range(3):\n    a = a * 2\n")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and len(w.model) == 0
    assert dlg.error.text().startswith("line 2, column 1:")
    assert dlg.editor.textCursor().blockNumber() == 1  # the cursor went to the line
    # a trial: the message stayed as it was, red, while the text it was about was edited
    from gui.code.dialogs import STALE

    qtbot.keyClicks(dlg.editor, "#")
    assert dlg.error.isVisible() and dlg.error.text().startswith("line 2, column 1:")
    assert dlg.error.text().endswith(STALE) and "b91c1c" not in dlg.error.styleSheet()
    qtbot.keyClicks(dlg.editor, "#")
    assert dlg.error.text().count(STALE) == 1
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)  # checked again: still a loop, red again
    assert not dlg.error.text().endswith(STALE) and "b91c1c" in dlg.error.styleSheet()
    dlg.editor.setPlainText(BLOG_SNIPPET)
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert len(w.model) == 7 and w.undo_stack.count() == 1
    ids = labels(w, w.model.nodes())
    g = backward(w.model).grads
    assert (g[ids["a"]], g[ids["b"]], g[ids["c"]], g[ids["f"]]) == (6.0, -4.0, -2.0, 4.0)


def test_import_code_dialog_insert_example_and_empty_text(qtbot, window):
    w = window
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    assert "Value(" not in dlg.editor.placeholderText()  # a hint, not code that looks typed
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)  # nothing typed
    assert dlg.isVisible() and len(w.model) == 0
    assert "empty" in dlg.error.text() and "Insert Example" in dlg.error.text()
    qtbot.mouseClick(dlg.example_button, Qt.MouseButton.LeftButton)
    assert "Value(2.0, label='a')" in dlg.editor.toPlainText() and not dlg.error.isVisible()
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and len(w.model) == 7
    ids = labels(w, w.model.nodes())
    assert w.model.value(ids["L"]) == -8.0


def test_add_follows_the_open_document(qtbot, window, answers):
    w = window
    type_formula(qtbot, w, "y = 2 * x; x = 1.0", dialogs=False)
    answers.save_changes = Button.Discard
    assert w.open_path(EX / "neuron_tanh.mgraph")
    QApplication.processEvents()
    n = len(w.model)
    type_formula(qtbot, w, "z = exp(q); q = 0.0", dialogs=False)
    assert len(w.model) == n + 2 and w.undo_stack.count() == 1


# ------------------------------------------------------------------ export
@pytest.fixture
def export_to(monkeypatch, tmp_path):
    chosen = {}

    def ask(self, kind, suggested, filt):
        chosen["suggested"] = suggested
        return chosen.get("path", "")

    monkeypatch.setattr(CodeTools, "ask_export_path", ask)
    errors = []
    monkeypatch.setattr(CodeTools, "show_error", lambda self, title, msg: errors.append((title, msg)))
    chosen["errors"] = errors
    return chosen


def test_export_python_from_the_menu_runs_and_reads_back(qtbot, window, export_to, tmp_path):
    w = window
    assert w.open_path(EX / "neuron_exp.mgraph")
    QApplication.processEvents()
    export_to["path"] = str(tmp_path / "neuron")  # no suffix typed: .py is added
    act = menu_action(w.menus["export"], "export_python")
    act.trigger()
    out = tmp_path / "neuron.py"
    assert out.exists() and "Exported" in w.status_text()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, str(out)], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert done.returncode == 0, done.stderr
    back, _ = import_code(out.read_text())
    assert len(back) == len(w.model)


def test_export_dot_and_torch_from_the_menu(window, export_to, tmp_path):
    w = window
    assert w.open_path(EX / "accumulate_a_plus_a.mgraph")
    QApplication.processEvents()
    export_to["path"] = str(tmp_path / "g.dot")
    trigger(w, "export_dot")
    assert (tmp_path / "g.dot").read_text().count('"n:a" -> "op:b";') == 2
    export_to["path"] = str(tmp_path / "g_torch.py")
    trigger(w, "export_torch")
    assert "retain_grad()" in (tmp_path / "g_torch.py").read_text()
    export_to["path"] = ""  # cancelled: nothing written, no error
    trigger(w, "export_python")
    assert export_to["errors"] == []


def test_export_of_an_incomplete_graph_says_why(qtbot, window, export_to, tmp_path):
    w = window
    w.add_node("mul")
    QApplication.processEvents()
    export_to["path"] = str(tmp_path / "x.py")
    trigger(w, "export_python")
    assert not (tmp_path / "x.py").exists()
    ((title, msg),) = export_to["errors"]
    (mul,) = w.model.nodes()
    assert title == "Cannot Export as Python Script"
    assert msg == f"{mul} (Multiply) has an empty input in₁ ({mul} = in₁ × in₂). Wire a node into it."


def test_export_with_several_end_nodes_starts_where_backward_would(qtbot, window, export_to, tmp_path):
    w = window
    type_formula(qtbot, w, "y = a * b; z = a + b; a = 2.0; b = 5.0", dialogs=False)
    w.editor.set_output(None)
    ids = labels(w, w.model.nodes())
    w.scene.select_ids([ids["z"]])  # Backward would start from the selected end node
    export_to["path"] = str(tmp_path / "z.py")
    trigger(w, "export_python")
    text = (tmp_path / "z.py").read_text()
    assert "z.backward()" in text and "assert abs(a.grad - (1.0))" in text


def test_export_actions_follow_the_document(qtbot, window, answers):
    w = window
    kinds = ("python", "torch", "dot")
    assert not any(action(w, f"export_{k}").isEnabled() for k in kinds)  # an empty graph
    assert w.open_path(EX / "blog_L.mgraph")
    assert all(action(w, f"export_{k}").isEnabled() for k in kinds)
    answers.save_changes = Button.Discard
    trigger(w, "new")
    assert not any(action(w, f"export_{k}").isEnabled() for k in kinds)
    type_formula(qtbot, w, "y = exp(x); x = 1.0", dialogs=False)
    assert all(action(w, f"export_{k}").isEnabled() for k in kinds)
    trigger(w, "undo")
    assert not any(action(w, f"export_{k}").isEnabled() for k in kinds)


def test_names_on_the_canvas_are_the_nodes_the_bar_means(qtbot, window):
    """Issue 11, bug 6: with a = 2 on the canvas, `g = a * 2` made a new leaf
    a = 1 (after asking for its value); it means the a that is there. The
    values table shows it as that node (trial 47: it was not shown at all),
    and Enter keeps it."""
    from test_window_files import open_blog_example

    w = window
    open_blog_example(w)
    before = set(w.model.nodes())

    def keep() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, LeafValuesDialog), dlg
        asked.append([(dlg.name(r), dlg.table.item(r, 0).text(), dlg.uses_canvas(r)) for r in range(1)])
        qtbot.keyClick(dlg.table, Qt.Key.Key_Return)  # not editing: the dialog's button

    asked: list = []
    QTimer.singleShot(50, keep)
    type_formula(qtbot, w, "g = a * 2", dialogs=False)
    assert asked == [[("a", "2.0000", True)]]  # the canvas's a, with its value
    new = set(w.model.nodes()) - before
    ids = labels(w, new)
    assert set(ids) == {"g", "2"}  # the product and its constant, no second a
    assert w.model.inputs(ids["g"])[0] == "a" and w.model.value(ids["g"]) == 4.0
    w.editor.set_value("a", "3")
    assert w.model.value(ids["g"]) == 6.0  # wired to the canvas's a
    trigger(w, "undo")  # the value edit
    trigger(w, "undo")  # the formula: its nodes go, a stays with its other wires
    assert set(w.model.nodes()) == before and w.model.consumers("a") == [("e", 0)]

    seen: list[str] = []
    answer_values_soon({"zz": 1.0, "a": "2.0000"}, seen)
    type_formula(qtbot, w, "h = zz * a", dialogs=False)  # a name not on the canvas is asked for
    assert seen == ["zz", "a"] and w.model.inputs(labels(w, set(w.model.nodes()) - before)["h"])[1] == "a"


STATEMENT = """a = Value(2.0, label='a')
b = Value(-3.0, label='b')
d = a * b
d += d * 2 + (b + a).relu()
"""


def test_imported_code_groups_what_one_long_statement_builds(qtbot, window):
    """Issue 10: File › Import Code groups the nodes one statement builds
    (three operations or more) under the name it assigns; a formula typed in
    the bar is not grouped. One undo step takes nodes and group back."""
    w = window
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.editor.setPlainText(STATEMENT)
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    (g,) = list(w.model.groups)
    assert g.label == "d′ (line 4)"
    made = {w.model.label(n) for n in g.members}
    assert {"d * 2", "b + a", "d′"} <= made and "a" not in made and "d" not in made
    assert w.scene.folding.frame(g.id) is not None
    w.undo_stack.undo()
    assert len(w.model) == 0 and len(w.model.groups) == 0
    answer_values_soon({"a": 2.0, "b": 3.0})
    type_formula(qtbot, w, "y = (a * b + a) * (b + 1) - a", dialogs=False)  # long, but typed: no group
    assert len(w.model) > 3 and len(w.model.groups) == 0


def test_what_was_added_is_named_by_its_code_not_its_comment_or_import(qtbot, window, tmp_path):
    """A trial: File › Import Code… on code that begins as the lecture's
    (an import, a comment) said "Added 17 nodes and 17 wires from “from
    micrograd.engine import Value # in…”", and Edit › Undo read the same;
    the dialog's own example gave "“# Formulas or micrograd-style Pytho…”"."""
    w = window
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    qtbot.mouseClick(dlg.example_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and len(w.model) == 7
    assert "from “a = Value(2.0, label='a'); b = Value(-3…”" in w.status_text(), w.status_text()
    assert w.undo_stack.undoText().startswith("Add a = Value(2.0, label='a');"), w.undo_stack.undoText()
    code = tmp_path / "neuron.py"
    code.write_text(
        "from micrograd.engine import Value\n\n# inputs x1,x2\nx1 = Value(2.0, label='x1')\n"
        "x2 = Value(0.0, label='x2')\n'''a docstring'''\nn = x1*x2; n.label = 'n'\no = n.tanh()\n"
        "o.backward()\nprint(x1.grad)\n"
    )
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    w.code_tools.ask_code_path = lambda: str(code)  # the file dialog's answer
    qtbot.mouseClick(dlg.findChild(QPushButton, "import_code_open"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and len(w.model) == 7 + 4
    # named by its file (a trial read “w1_1_1 = Value(0.2355…” for mlp.py), in the Edit menu too
    assert "from “neuron.py”" in w.status_text(), w.status_text()
    assert w.undo_stack.undoText() == "Add neuron.py"
    # the file's text edited in the box is code of the user's: named by its statements
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    qtbot.mouseClick(dlg.findChild(QPushButton, "import_code_open"), Qt.MouseButton.LeftButton)
    dlg.editor.appendPlainText("y = x1 * 3")
    answer_names(w, "rename")  # (x1, x2, n and o are on the canvas already: trial 58 #5)
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert "neuron.py" not in w.status_text() and "from “x1 = Value" in w.status_text(), w.status_text()


def test_open_file_in_the_import_dialog_has_a_key(qtbot, window, tmp_path):
    """A trial: Alt+O in File › Import Code… typed an "o" into the text;
    Insert Example had its Alt+E, Open File… none."""
    w = window
    code = tmp_path / "f.py"
    code.write_text("L = (a*b + c) * f\n")
    w.code_tools.ask_code_path = lambda: str(code)  # the file dialog's answer
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.editor.setFocus()
    qtbot.keyClick(dlg.editor, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dlg.editor.toPlainText() != "", timeout=2000)  # (clicked a moment later)
    assert dlg.editor.toPlainText() == "L = (a*b + c) * f\n"


def test_an_imported_function_of_an_expression_reads_as_one_on_its_card(qtbot, window):
    """A trial: ``(x*y).tanh()`` came in as "tanh tanh1" (a made-up id, its
    text too long for a label); it reads "tanh(x*y)", as ``tanh(x*y)`` does."""
    w = window
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.editor.setPlainText(
        "x = Value(2.0)\ny = Value(-1.5)\nz = x**3 * y + (x*y).tanh() + exp(x*y)\nz.backward()\n"
    )
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    made = {w.model.op(n): n for n in w.model.nodes()}
    assert w.model.label(made["tanh"]) == "tanh(x*y)" and w.model.label(made["exp"]) == "exp(x*y)"

    def shown(op: str, zoom: float) -> str:
        return " ".join(
            t.text for t in w.scene.node_item(made[op]).texts_at(zoom) if t.kind in ("symbol", "label")
        )

    # a whole card: the pill names the function, the argument beside it (not "tanh tan…*y)")
    assert shown("tanh", 1.0) == "tanh (x*y)" and shown("exp", 1.0) == "eˣ exp(x*y)"
    assert shown("tanh", 0.7) == "tanh(x*y)"  # compact: the label alone
    assert w.model.node(made["tanh"]).get("expr") == "(x*y).tanh()"  # the source text, as before


def test_the_end_of_the_readme_example_s_pass_shows_the_gradients_it_prints(qtbot, window):
    """A trial: micrograd's README example imported, End showed the constant
    "(2)" of ``g = f / 2.0`` (the last step), a and b off screen. Its root and
    leaves do not fit at a readable zoom; its parameters, a and b, do: End shows
    them, with the gradients the README prints."""
    w = window
    w.resize(1600, 1000)
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.editor.setPlainText(MICROGRAD_README)
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    action(w, "backward").trigger()
    action(w, "skip_end").trigger()
    QApplication.processEvents()
    assert w.backward.animator.at_end
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    by_label = {w.model.label(n): n for n in w.model.nodes()}
    for name, grad in (("a", "138.8338"), ("b", "645.5773")):
        card = w.scene.node_item(by_label[name])
        assert seen.contains(card.sceneBoundingRect()), name
        assert f"{card.grad:.4f}" == grad


def test_values_are_typed_with_tab_or_enter_and_the_last_enter_adds_them(qtbot):
    """A trial typed 2, Tab, -3, Tab, 10, Tab, -2 and Enter: the Enter only
    took the last cell, and a second Enter was needed to add the graph.
    Enter in a cell moves to the next (as a spreadsheet's); on the last, it adds."""
    dlg = LeafValuesDialog(["a", "b", "c", "f"])
    qtbot.addWidget(dlg)
    dlg.show()
    t = dlg.table
    t.setFocus()
    qtbot.keyClick(t, Qt.Key.Key_F2)  # (typing a digit starts editing too; F2 as the first key)

    def typed(text: str, key: Qt.Key) -> None:
        eds = [e for e in t.findChildren(QLineEdit) if e.isVisible()]
        assert len(eds) == 1  # a cell's editor is open
        ed = eds[0]
        ed.selectAll()
        qtbot.keyClicks(ed, text)
        qtbot.keyClick(ed, key)
        QApplication.processEvents()  # (a user types slower than the event loop turns)

    typed("2", Qt.Key.Key_Tab)
    typed("-3", Qt.Key.Key_Return)  # Enter moves on as Tab does
    typed("10", Qt.Key.Key_Tab)
    typed("-2", Qt.Key.Key_Return)  # the last: one Enter adds them
    qtbot.waitUntil(lambda: dlg.result() == dlg.DialogCode.Accepted, timeout=1000)
    assert dlg.values() == [2.0, -3.0, 10.0, -2.0] and not dlg.isVisible()


def test_a_dropped_code_file_is_named_by_its_file(qtbot, window, tmp_path):
    w = window
    code = tmp_path / "lesson.py"
    code.write_text("a = Value(2.0, label='a')\nL = a * 3\n")  # (every value given: no table asked)
    assert w.open_dropped(str(code))  # as a .py dropped on the window
    assert "“lesson.py”" in w.status_text(), w.status_text()
