"""The window asks "save changes?" exactly when closing or replacing the graph
would lose something the user made (trial 55 #7: Expand All then Collapse All
asked; a gradient graph was replaced by Open without a question)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_export_finished import key as keys
from window_helpers import (  # noqa: F401
    Button,
    action,
    answers,
    click_item,
    open_file_at,
    open_mlp_file,
    tmp_settings,
    window,
)

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_expand_all_then_collapse_all_leaves_nothing_to_save(qtbot, window, answers, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    saved = {n: w.model.position(n) for n in w.model.nodes()}
    keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL_SHIFT)  # Expand All: the graph differs from its file
    assert w.is_modified() and w.isWindowModified()
    assert any(w.model.position(n) != xy for n, xy in saved.items())  # (room made: cards moved)
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL_SHIFT)  # Collapse All: as saved again
    assert not w.is_modified() and not w.isWindowModified()
    assert w.undo_stack.canUndo()  # folding stays undoable
    assert w.open_path(EX / "blog_L.mgraph")  # no question (the answers fixture fails on one)
    assert answers.questions == 0


def test_a_group_opened_and_folded_back_by_hand_leaves_nothing_to_save(qtbot, window, answers, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    gid = next(g.id for g in w.model.groups if g.collapsed and g.parent is None)
    click_item(qtbot, w, w.scene.folding.card(gid), double=True)  # opened in place
    assert not w.model.groups.get(gid).collapsed and w.is_modified()
    keys(qtbot, w, Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.ControlModifier)  # Ctrl+[ folds it back
    assert w.model.groups.get(gid).collapsed
    assert not w.is_modified()
    w.undo_stack.undo()  # open again: differs from the file again
    assert w.is_modified() and w.isWindowModified()
    w.undo_stack.undo()  # back at the file's state by the history itself
    assert not w.is_modified()


def test_folds_that_do_not_put_everything_back_still_ask(qtbot, window, answers, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL_SHIFT)
    w.editor.set_value(next(n for n in w.model.nodes() if w.model.op(n) == "leaf"), "0.5")
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL_SHIFT)  # folded as saved, but a value changed
    assert w.is_modified()
    answers.save_changes = Button.Discard
    assert w.open_path(EX / "blog_L.mgraph")
    assert answers.questions == 1


def test_a_save_past_the_folds_undone_to_the_same_graph_is_not_a_change(qtbot, window, answers, tmp_path):
    """Saved after Expand All and Collapse All, the history's clean point lies
    past the two folds: undoing both leaves the graph as saved."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    keys(qtbot, w, Qt.Key.Key_BracketRight, CTRL_SHIFT)
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL_SHIFT)
    assert w.save()
    w.undo_stack.undo()
    assert w.is_modified()  # every group open: not the saved graph
    w.undo_stack.undo()
    assert not w.is_modified()


def test_a_gradient_graph_replaced_by_open_asks_first(qtbot, window, answers):
    """It is in no file and no menu gives it back (its graph may be gone too)."""
    w = window
    open_file_at(qtbot, w, EX / "blog_L.mgraph")
    assert not w.is_modified()
    action(w, "gradient_graph").trigger()  # the example as it was: nothing of it to save
    QApplication.processEvents()
    assert answers.questions == 0 and w.model.label(w.model.output) == "a.grad"
    assert w.is_modified() and w.isWindowModified()
    answers.save_changes = Button.Cancel
    assert not w.open_path(EX / "neuron_tanh.mgraph")  # asked: Cancel keeps it
    assert answers.questions == 1 and w.model.label(w.model.output) == "a.grad"
    answers.save_changes = Button.Discard
    assert w.open_path(EX / "neuron_tanh.mgraph")
    assert answers.questions == 2


def test_an_example_opened_over_an_example_asks_nothing(qtbot, window, answers):
    """A shipped example is had again from its menu: replacing it unchanged loses nothing."""
    w = window
    open_file_at(qtbot, w, EX / "blog_L.mgraph")
    assert w.open_path(EX / "neuron_tanh.mgraph")
    assert answers.questions == 0 and not w.is_modified()


def test_a_pictures_graph_opened_unchanged_asks_nothing(qtbot, window, answers, tmp_path):
    """Trial 55 #7: "Save the changes to 'lesson-03 (from picture)'" with no
    edit made. The picture gives the graph back; an edit made to it asks."""
    w = window
    open_file_at(qtbot, w, EX / "blog_L.mgraph")
    answers.export_path = str(tmp_path / "lesson.png")
    action(w, "export_png").trigger()
    QApplication.processEvents()
    assert answers.errors == [] and Path(answers.export_path).exists()
    assert w.open_path(answers.export_path)
    assert w.doc_name == "lesson (from picture)" and not w.is_modified()
    assert w.open_path(EX / "neuron_tanh.mgraph")
    assert answers.questions == 0
    assert w.open_path(answers.export_path)
    w.editor.set_value("a", "3")
    answers.save_changes = Button.Discard
    assert w.open_path(EX / "neuron_tanh.mgraph")
    assert answers.questions == 1
