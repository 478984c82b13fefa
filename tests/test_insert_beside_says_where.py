"""Insert MLP beside a teacher's own graph (verify 50, N9): the view showed
only the MLP and the status line did not say where the graph had gone; a
new graph said "Inserted" as if beside one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox
from test_learning_gui import accept_dialog_soon
from window_helpers import answers, open_file_at, tmp_settings, trigger, window  # noqa: F401

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def said(w) -> str:
    label = w.status_line.hint_label
    return label.toolTip() or label.text()


def in_view(w, node: str) -> bool:
    v = w.view
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    return seen.contains(w.scene.node_item(node).sceneBoundingRect())


def insert_beside_the_blog(qtbot, w, dialog: str, action: str) -> str:
    """The blog's graph open in a 1600×1000 window, then ``action``'s template
    inserted (its dialog accepted as it is): what the status line says."""
    open_file_at(qtbot, w, EX / "blog_L.mgraph", (1600, 1000))
    accept_dialog_soon(qtbot, dialog)
    trigger(w, action)
    QApplication.processEvents()
    return said(w)


def test_insert_mlp_beside_a_graph_says_where_it_went_and_f_shows_both(qtbot, window):
    w = window
    text = insert_beside_the_blog(qtbot, w, "learn_mlp_dialog", "learn_insert_mlp")
    assert "Inserted MLP" in text and "right of your graph" in text and "loss is now the output" in text, text
    assert not in_view(w, "a")  # (360 nodes: the view shows the new part, the blog's graph left of it)
    assert "press F (Fit All) to see both" in text, text
    assert w.action_fit.shortcut().toString() == "F"  # (the key the status line names)
    trigger(w, "fit")
    QApplication.processEvents()
    assert in_view(w, "a") and in_view(w, "L")


def test_insert_neuron_beside_a_graph_in_view_needs_no_fit(qtbot, window):
    w = window
    text = insert_beside_the_blog(qtbot, w, "learn_neuron_dialog", "learn_insert_neuron")
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
