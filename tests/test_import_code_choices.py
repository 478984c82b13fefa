"""File › Import Code as a learner drives it (trial 43 #7, #8): the code may
open as a new graph, the status line says where it went and what was
skipped, and one-line code's groups are named by their statements. (#5, the
nn module: test_import_code_nn.py.)"""

from __future__ import annotations

from name_question import answer_names
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from snippets import LECTURE_NEURON, MICROGRAD_README
from test_import_code_nn import LEFT, open_import_dialog, type_code
from window_helpers import Button, action, answers, tmp_settings, type_formula, window  # noqa: F401

from core.graph.backward import backward
from gui.common import resources

README_ON_ONE_LINE = (
    "a = Value(-4.0); b = Value(2.0); c = a + b; d = a * b + b**3; c += c + 1; "
    "c += 1 + c + (-a); d += d * 2 + (b + a).relu(); d += 3 * d + (b - a).relu(); "
    "e = c - d; f = e**2; g = f / 2.0; g += 10.0 / f"
)


def untouched_example(w) -> None:
    """The window as `python main.py` opens it: the blog post's example, unchanged."""
    assert w.open_example(resources.DEFAULT_EXAMPLE)
    QApplication.processEvents()
    assert len(w.model) == 7 and not w.document.modified


# ------------------------------------------------------------------ #7
def test_code_opens_as_a_new_graph_over_the_untouched_start_up_example(qtbot, window):
    """Trial 43 #7: the README landed beside the start-up example, out of
    view, and took its output. Over an example as it was opened, the dialog
    offers a new graph, ready as the default; nothing is asked (nothing is
    lost) and the README is the whole graph."""
    w = window
    untouched_example(w)
    dlg = open_import_dialog(qtbot, w)
    new = dlg.findChild(QPushButton, "import_code_new")
    assert new.isVisible() and dlg.ok.isVisible()
    assert new.isDefault() and not dlg.ok.isDefault()
    note = dlg.findChild(QLabel, "import_code_where")
    assert note.isVisible() and "blog_L (example), has 7 nodes" in note.text()
    type_code(qtbot, dlg, MICROGRAD_README)
    qtbot.mouseClick(new, LEFT)
    assert not dlg.isVisible()
    assert len(w.model) == 33 and w.doc_name == "Untitled" and w.path is None
    assert w.document.modified  # the imported code is unsaved work: closing asks
    assert w.model.label(w.model.output) == "g′"
    assert w.status_text().startswith(
        "Opened “a = Value(-4.0); b = Value(2.0); c = a…” as a new graph: 33 nodes"
    )
    w.undo_stack.undo()  # one Undo: the new graph, empty
    assert len(w.model) == 0


def test_over_changed_work_the_default_is_add_and_a_new_graph_asks_to_save(qtbot, window, answers):
    """A graph the user changed: Add stays the default; "Open as New Graph"
    goes through File › New's "save your changes?" question, and Cancel
    there keeps both the graph and the dialog with its text."""
    w = window
    untouched_example(w)
    w.code_tools.bar.setFocus()
    qtbot.keyClicks(w.code_tools.bar, "h = L * 2")
    # the values table shows L as the node on the canvas: Enter keeps it
    QTimer.singleShot(50, lambda: qtbot.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_Return))
    qtbot.keyClick(w.code_tools.bar, Qt.Key.Key_Return)
    assert len(w.model) == 9 and w.document.modified  # (L is the L on the canvas)
    w.activateWindow()  # (offscreen, the window is not active again by itself once the table closed)
    qtbot.waitUntil(w.isActiveWindow, timeout=1000)
    dlg = open_import_dialog(qtbot, w)
    new = dlg.findChild(QPushButton, "import_code_new")
    assert new.isVisible() and dlg.ok.isDefault() and not new.isDefault()
    assert "unsaved changes" in dlg.findChild(QLabel, "import_code_where").text()
    type_code(qtbot, dlg, "y = tanh(x*w + b); x = 2.0; w = -1.0; b = 0.5\n")
    answers.save_changes = Button.Cancel
    qtbot.mouseClick(new, LEFT)
    assert answers.questions == 1
    assert dlg.isVisible() and len(w.model) == 9 and w.doc_name == "blog_L (example)"
    assert "the open graph was kept" in dlg.error.text()
    answers.save_changes = Button.Discard
    qtbot.mouseClick(new, LEFT)
    assert answers.questions == 2 and not dlg.isVisible()
    assert len(w.model) == 6 and w.doc_name == "Untitled"


def test_adding_beside_says_so_and_names_the_output_now(qtbot, window):
    """Trial 43 #7: "the output moved silently from L to g′"; after Add to
    Graph beside nodes the status line says how many were there and which
    node is the output now (the view shows what was added)."""
    w = window
    untouched_example(w)
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, MICROGRAD_README)
    answer_names(w, "rename")  # (its a, b, … f: the example's names, asked about: trial 58 #5)
    qtbot.mouseClick(dlg.ok, LEFT)
    assert not dlg.isVisible() and len(w.model) == 7 + 33
    said = w.status_text()
    assert "Added 33 nodes and 45 wires from “a = Value(-4.0)" in said, said
    assert "beside the 7 already there; the output is now g′" in said, said
    w.activateWindow()  # (active again once the question closed: offscreen, a hand is needed)
    qtbot.waitUntil(w.isActiveWindow, timeout=1000)
    dlg = open_import_dialog(qtbot, w)
    assert dlg.ok.isDefault()  # changed now: Add is the default
    type_code(qtbot, dlg, "z = tanh(q) * 2; q = 0.5\n")
    qtbot.mouseClick(dlg.ok, LEFT)
    assert "beside the 40 already there; the output stays g′" in w.status_text(), w.status_text()


def test_into_an_empty_window_there_is_nothing_to_choose(qtbot, window):
    w = window
    dlg = open_import_dialog(qtbot, w)
    assert not dlg.findChild(QPushButton, "import_code_new").isVisible()
    assert not dlg.findChild(QLabel, "import_code_where").isVisible() and dlg.ok.isDefault()


# ------------------------------------------------------------------ #8
def test_the_status_line_names_what_was_skipped_and_how_to_run_backward(qtbot, window):
    """Trial 43 #8: `g.backward()` and three prints were dropped without a
    word; the status line names them, and Ctrl+B does run Backward."""
    w = window
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, MICROGRAD_README + "assert abs(g.data - 24.7041) < 1e-4\n")
    qtbot.mouseClick(dlg.ok, LEFT)
    assert not dlg.isVisible()
    said = w.status_text()
    assert said.endswith("skipped: print ×3; assert; g.backward() — press Ctrl+B to run Backward"), said
    assert "Ctrl+B" in [s.toString() for s in action(w, "backward").shortcuts()]
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.document.backward_pass is not None, timeout=3000)
    grads = backward(w.model).grads
    a = next(n for n in w.model.nodes() if w.model.label(n) == "a")
    assert round(grads[a], 4) == 138.8338
    # nothing skipped: nothing said
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, "y = 2 * x; x = 3.0\n")
    qtbot.mouseClick(dlg.ok, LEFT)
    assert "skipped" not in w.status_text()


def test_groups_of_one_line_code_are_named_by_their_statements(qtbot, window):
    """Trial 43 #8: with semicolons every group was "… (line 1)", told apart
    by primes only; each is named by its own statement now, while the
    README written one statement a line keeps "d′ (line 9)"."""
    w = window
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, README_ON_ONE_LINE)
    qtbot.mouseClick(dlg.ok, LEFT)
    assert not dlg.isVisible()
    assert [g.label for g in w.model.groups] == [
        "d = a * b + b**3",
        "c += 1 + c + (-a)",
        "d += d * 2 + (b + a).relu()",
        "d += 3 * d + (b - a).relu()",
    ]
    frame = w.scene.folding.frame(w.model.groups.ids()[2])
    assert frame is not None
    w.undo_stack.undo()
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, MICROGRAD_README)
    qtbot.mouseClick(dlg.ok, LEFT)
    assert [g.label for g in w.model.groups] == ["d (line 6)", "c″ (line 8)", "d′ (line 9)", "d″ (line 10)"]


def test_a_long_statement_among_others_on_its_line_is_named_by_its_place():
    """Where a statement's text is too long for a group's name, it is named
    by what it assigns and which statement it is."""
    from core.code.codeadd import import_code

    long = "y = (a*b + a) * (b + 1) - a * (a + b + 1) / (b*b + 2)"
    model, _ = import_code(f"a = Value(2.0); b = Value(3.0); {long}; z = a*b*a*b")
    assert [g.label for g in model.groups] == ["y (statement 3)", "z = a*b*a*b"]


def test_the_values_asked_on_the_way_to_a_new_graph_say_so(qtbot, window):
    """The values table's button said "Add to graph" on the way to a new
    graph (helper's note): it says what pressing it does."""
    from PySide6.QtCore import QTimer

    from gui.code.dialogs import LeafValuesDialog

    w = window
    untouched_example(w)
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, "q = x * y")  # (x and y without a value: asked for)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, LeafValuesDialog), box
        buttons = box.findChildren(QPushButton)
        seen.append(next(b.text() for b in buttons if "Graph" in b.text()))
        box.accept()

    QTimer.singleShot(50, answer)
    qtbot.mouseClick(dlg.findChild(QPushButton, "import_code_new"), LEFT)
    assert seen == ["Open as New Graph"] and len(w.model) == 3


# ------------------------------------------------------------------ trial 48 #2
def test_the_lecture_cell_s_draw_dot_line_is_skipped_with_a_note(qtbot, window, tmp_path):
    """Trial 48 #2: File › Import Code… › Open File… on the lecture's neuron
    cell said "Not added: line 22, column 1: draw_dot() is not needed here"
    and added nothing. Its draw_dot(o) is skipped as its o.backward() is,
    and the status line says so; the graph is the lecture's."""
    w = window
    untouched_example(w)
    code = tmp_path / "lecture_full.py"
    code.write_text(LECTURE_NEURON)
    w.code_tools.ask_code_path = lambda: str(code)  # the file dialog's answer
    dlg = open_import_dialog(qtbot, w)
    qtbot.mouseClick(dlg.findChild(QPushButton, "import_code_open"), LEFT)
    qtbot.waitUntil(lambda: dlg.editor.toPlainText() == LECTURE_NEURON, timeout=2000)
    qtbot.mouseClick(dlg.findChild(QPushButton, "import_code_new"), LEFT)
    assert not dlg.isVisible(), dlg.findChild(QLabel, "import_code_error").text()
    assert len(w.model) == 17 and w.model.label(w.model.output) == "o"
    said = w.status_text()
    assert said.endswith(
        "skipped: o.backward() — press Ctrl+B to run Backward; draw_dot(o) — the canvas draws the graph"
    ), said
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.document.backward_pass is not None, timeout=3000)
    grads = {w.model.label(n): g for n, g in backward(w.model).grads.items()}
    assert round(grads["x1"], 4) == -1.5 and round(grads["w1"], 4) == 1.0


def test_a_draw_dot_typed_in_the_bar_is_skipped_with_a_note(qtbot, window):
    """The f(x) bar reads the same code: `y = x * 3; draw_dot(y)` adds y."""
    w = window
    w.view.setFocus()
    type_formula(qtbot, w, "x = 2.0; y = x * 3; draw_dot(y)", dialogs=False)
    assert sorted(w.model.label(n) for n in w.model.nodes()) == ["3", "x", "y"]
    assert w.status_text().endswith("skipped: draw_dot(y) — the canvas draws the graph"), w.status_text()


def test_a_new_graphs_save_question_names_the_code_that_opens(qtbot, window, monkeypatch):
    """Trial 67 #9: over unsaved work, "Open as New Graph" asked "A new empty graph takes the
    place of “Untitled”…" though the user's code was about to open; it says what opens in
    place of what, as Insert MLP's question does."""
    from window_helpers import discard_soon, save_questions

    asked = save_questions(monkeypatch)  # the real box
    w = window
    w.code_tools.bar.setFocus()
    qtbot.keyClicks(w.code_tools.bar, "x = 3; y = x*x")
    qtbot.keyClick(w.code_tools.bar, Qt.Key.Key_Return)
    assert w.document.modified and w.doc_name == "Untitled"
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, "a = Value(2.0)\nb = Value(-3.0)\nd = a*b; e = a+b; f = d*e\n")
    discard_soon(asked)
    qtbot.mouseClick(dlg.findChild(QPushButton, "import_code_new"), LEFT)
    assert asked == [
        "“a = Value(2.0); b = Value(-3.0); d = a*…” opens in this window in place of “Untitled”. "
        "Save the changes to “Untitled” first?"
    ]
    assert not dlg.isVisible() and len(w.model) == 5
    assert w.status_text().startswith("Opened “a = Value(2.0); b = Value(-3.0); d = a*…” as a new graph")
