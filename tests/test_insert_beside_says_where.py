"""Insert MLP beside a teacher's own graph (verify 50, N9): the view showed
only the MLP and the status line did not say where the graph had gone; a
new graph said "Inserted" as if beside one."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox
from test_learning_gui import accept_dialog_soon
from window_helpers import answers, open_file_at, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def said(w) -> str:
    label = w.status_line.hint_label
    return label.toolTip() or label.text()


def in_view(w, node: str) -> bool:
    v = w.view
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    return seen.contains(w.scene.node_item(node).sceneBoundingRect())


def insert_beside_the_blog(qtbot, w, dialog: str, action: str, folder: Path) -> str:
    """The blog's graph, saved as the teacher's own file, open in a 1600×1000 window, then
    ``action``'s template inserted (its dialog accepted as it is): what the status line says."""
    own = folder / "my_graph.mgraph"
    shutil.copy(EX / "blog_L.mgraph", own)
    open_file_at(qtbot, w, own, (1600, 1000))
    accept_dialog_soon(qtbot, dialog)
    trigger(w, action)
    QApplication.processEvents()
    return said(w)


def test_insert_mlp_beside_a_graph_says_where_it_went_and_f_shows_both(qtbot, window, tmp_path):
    w = window
    text = insert_beside_the_blog(qtbot, w, "learn_mlp_dialog", "learn_insert_mlp", tmp_path)
    assert "Inserted MLP" in text and "right of your graph" in text and "loss is now the output" in text, text
    assert not in_view(w, "a")  # (360 nodes: the view shows the new part, the blog's graph left of it)
    assert "press F (Fit All) to see both" in text, text
    assert w.action_fit.shortcut().toString() == "F"  # (the key the status line names)
    trigger(w, "fit")
    QApplication.processEvents()
    assert in_view(w, "a") and in_view(w, "L")


def test_insert_neuron_beside_a_graph_in_view_needs_no_fit(qtbot, window, tmp_path):
    w = window
    text = insert_beside_the_blog(qtbot, w, "learn_neuron_dialog", "learn_insert_neuron", tmp_path)
    assert "right of your graph" in text and in_view(w, "a")
    assert "press F" not in text, text


def test_a_template_in_a_new_graph_says_it_opened_there(qtbot, window, answers):
    w = window
    assert w.open_path(EX / "blog_L.mgraph")
    w.document.mark_modified()
    answers.save_changes = QMessageBox.StandardButton.Discard

    def tick(dlg):
        dlg.findChild(QCheckBox, "learn_mlp_new_graph").setChecked(True)

    accept_dialog_soon(qtbot, "learn_mlp_dialog", tick)
    trigger(w, "learn_insert_mlp")
    text = said(w)
    assert text.startswith("Opened MLP") and "in a new graph" in text and "loss is the output" in text, text
    assert "right of" not in text


def test_on_the_start_up_example_the_template_opens_in_a_new_graph_by_default(qtbot, window):
    """Trial 58 #12: on the unchanged start-up example Insert MLP went beside L (its box unticked),
    where Import Code opens a new graph: nothing is lost replacing the example the app opened."""
    w = window
    open_file_at(qtbot, w, EX / "blog_L.mgraph", (1600, 1000))
    w.document.at_start = True  # (as gui/app.py opens it at launch)
    ticked = []

    def look(dlg):
        ticked.append(dlg.findChild(QCheckBox, "learn_mlp_new_graph").isChecked())

    accept_dialog_soon(qtbot, "learn_mlp_dialog", look)
    trigger(w, "learn_insert_mlp")
    assert ticked == [True]
    assert said(w).startswith("Opened MLP") and "a" not in w.model and len(w.model) == 360


def test_a_graph_typed_in_the_bar_unsaved_is_the_users_the_template_goes_beside(qtbot, window):
    """A graph the user typed (no file yet, nothing else done) is theirs: not replaced by default."""
    w = window
    w.resize(1600, 1000)
    w.show()
    w.open_model(fileio.load(EX / "blog_L.mgraph"), "typed")  # (as Import Code's "Open as New Graph")
    ticked = []

    def look(dlg):
        ticked.append(dlg.findChild(QCheckBox, "learn_neuron_new_graph").isChecked())

    accept_dialog_soon(qtbot, "learn_neuron_dialog", look)
    trigger(w, "learn_insert_neuron")
    assert ticked == [False] and "a" in w.model and "right of your graph" in said(w), said(w)
