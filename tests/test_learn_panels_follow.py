"""The Learn panels follow the graph shown (trial 67 #4–#6): a finished pass
stays through a gradient check, and no panel keeps the last graph's result
once another graph is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_learning_gui import wrong_b_gradient
from window_helpers import action, answers, run_to_end, tmp_settings, trigger, window  # noqa: F401

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def open_blog(w):
    assert w.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()


def card_grads(w) -> dict:
    return {n: w.scene.node_item(n).grad for n in w.model.nodes()}


def test_gradient_check_keeps_a_finished_pass_on_the_cards(qtbot, window):
    """Ctrl+B, End, then Learn › Gradient Check…: the cards keep their gradients, the same
    numbers as the table's Analytic column, and Back/Home still step the pass."""
    w = window
    open_blog(w)
    run_to_end(qtbot, w)
    shown = card_grads(w)
    assert shown["a"] == 6.0 and shown["b"] == -4.0
    trigger(w, "learn_gradcheck")
    assert card_grads(w) == shown
    assert w.backward.animator.active and w.backward.animator.at_end
    assert action(w, "step_back").isEnabled() and action(w, "restart").isEnabled()
    table = w.learning.gradcheck.table
    analytic = {
        table.item(r, 0).text(): float(table.item(r, 1).text().replace("−", "-"))
        for r in range(table.rowCount())
    }
    assert analytic == {n: shown[n] for n in analytic}
    assert "All 4 gradients agree" in w.learning.gradcheck.summary.text()


def test_gradient_check_that_marks_a_wrong_gradient_says_the_pass_ended(qtbot, window, monkeypatch):
    w = window
    open_blog(w)
    run_to_end(qtbot, w)
    wrong_b_gradient(monkeypatch)
    trigger(w, "learn_gradcheck")
    b = w.scene.node_item("b")
    assert b.highlight == "current" and "numeric" in b.note
    assert not w.backward.animator.active
    assert w.status_text().startswith("Gradient Check ended the backward pass on screen, to mark")


def test_what_if_and_quiz_say_that_they_end_the_pass_on_screen(qtbot, window):
    w = window
    open_blog(w)
    run_to_end(qtbot, w)
    trigger(w, "learn_whatif_assign")
    assert not w.backward.animator.active and w.scene.node_item("a").grad == 6.0
    assert w.status_text().startswith("What If… ended the backward pass on screen")
    run_to_end(qtbot, w)
    trigger(w, "learn_quiz")
    assert w.learning.quiz.active and not w.backward.animator.active
    assert w.status_text().startswith("Quiz Mode ended the backward pass on screen")


DABE = "a = Value(2.0, label='a')\nb = Value(-3.0, label='b')\nd = a*b\ne = a+b\nf = d*e\n"


def import_as_new_graph(qtbot, w, code: str) -> None:
    """File › Import Code…, the code pasted, Open as New Graph pressed."""
    trigger(w, "import_code")
    dlg = w.code_tools.dialog
    qtbot.waitUntil(dlg.isVisible)
    dlg.editor.setPlainText(code)
    qtbot.mouseClick(dlg.new_graph, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert not dlg.isVisible()


def rows(table) -> dict:
    return {table.item(r, 0).text(): table.item(r, 3).text() for r in range(table.rowCount())}


def test_what_if_on_another_graph_says_so_and_replays_there_with_a_button(qtbot, window):
    """b = a + a, Learn › What If… › "=": then another graph opened (Import Code… › Open as New
    Graph): the panel says how to replay the mistake there, and its button does."""
    w = window
    w.open_example(EX / "accumulate_a_plus_a.mgraph")
    trigger(w, "learn_whatif_assign")
    p = w.learning.whatif
    assert rows(p.table)["a"] == "≠ wrong"
    assert not p.again_button.isVisible()  # (the rows are the graph's: nothing to run again)
    import_as_new_graph(qtbot, w, DABE)
    assert {w.model.label(n) for n in w.model.nodes()} >= {"a", "b", "d", "e", "f"}
    assert p.table.rowCount() == 0
    assert "Another graph is open" in p.summary.text() and "Replay on This Graph" in p.summary.text()
    assert p.title.text() == "What if… " + w.learning.action_whatif["assign"].text()
    assert p.again_button.isVisible() and p.again_button.text() == "Replay on This Graph"
    assert p.demo_button.isEnabled()  # (the example it opens is not the graph open now)
    qtbot.mouseClick(p.again_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    got = rows(p.table)
    assert got["a"] == got["b"] == "≠ wrong"  # both used twice: both wrong with the bug
    assert "backward from f" in p.summary.text()
    assert not p.again_button.isVisible()


def test_what_if_out_of_date_after_an_edit_replays_with_its_button(qtbot, window):
    w = window
    w.open_example(EX / "accumulate_a_plus_a.mgraph")
    trigger(w, "learn_whatif_assign")
    p = w.learning.whatif
    a = next(n for n in w.model.nodes() if w.model.label(n) == "a")
    w.editor.set_value(a, "5")
    assert p.summary.text().startswith("Out of date") and "Replay on This Graph" in p.summary.text()
    assert p.again_button.isVisible()
    qtbot.mouseClick(p.again_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert p.table.isEnabled() and not p.summary.text().startswith("Out of date")
    assert not p.again_button.isVisible()


def test_after_file_new_no_learn_panel_shows_the_old_graphs_result(qtbot, window, answers):
    """Nudge, Train, Gradient Check, What If…, Hessian and Forward vs Reverse each showed a
    result of the graph open; File › New: none keeps it (trial 67 #6: Nudge still read
    "y: 17 → 19.02 …" on the empty graph), each says what it does instead."""
    from PySide6.QtWidgets import QMessageBox

    from gui.backward.comparison_panel import ComparisonPanel

    w = window
    open_blog(w)
    lr, fm = w.learning, w.backward.forward
    trigger(w, "learn_nudge_up")
    assert lr.nudge.result.text().startswith("L: −8 → ")
    trigger(w, "learn_train")
    lr.train.steps.setValue(3)
    qtbot.mouseClick(lr.train.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not lr.train.running, timeout=10000)
    assert "3 steps: L went from" in lr.train.status.text()
    trigger(w, "learn_gradcheck")
    trigger(w, "learn_whatif_assign")
    trigger(w, "hessian")
    trigger(w, "compare_modes")
    assert lr.gradcheck.table.rowCount() and lr.whatif.table.rowCount()
    assert not fm.hessian_panel.empty() and fm.panel.table.rowCount()

    answers.save_changes = QMessageBox.StandardButton.Discard
    trigger(w, "new")
    assert len(w.model) == 0
    nudge = lr.nudge.result.text()  # what it does, not the old graph's L: −8 → …
    assert "→" not in nudge and nudge.startswith("Nudge moves every parameter"), nudge
    assert lr.train.status.text().startswith("Gradient descent on the output") and not lr.train.plot.values
    assert lr.gradcheck.summary.text().startswith("Compares each leaf's gradient")
    assert lr.gradcheck.table.rowCount() == 0
    assert lr.whatif.table.rowCount() == 0 and "Another graph is open" in lr.whatif.summary.text()
    assert fm.hessian_panel.empty()
    assert fm.panel.table.rowCount() == 0 and fm.panel.summary.text() == ComparisonPanel.HINT
    assert not lr.quiz.active


def test_the_nudge_result_is_marked_out_of_date_by_an_undo(qtbot, window):
    w = window
    open_blog(w)
    trigger(w, "learn_nudge_up")
    said = w.learning.nudge.result.text()
    assert said.startswith("L: −8 → ")
    w.undo_stack.undo()  # L is −8 again: the panel's "→" is of the graph before
    text = w.learning.nudge.result.text()
    assert text.startswith("Out of date") and "Nudge again" in text and said in text
    trigger(w, "learn_nudge_up")  # its own edit: current
    assert w.learning.nudge.result.text().startswith("L: −8 → ")
