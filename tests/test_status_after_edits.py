"""Trial 54 #4: edits that said nothing in the status line say what they
did: a wire's end dragged off onto empty canvas, Undo and Redo (what was
undone or redone), and a delete during a Backward pass keeps its own
"Deleted … · Ctrl+Z brings it back", the pass's clearing added to it."""

from __future__ import annotations

from canvas_helpers import click, drag, in_port
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_backward_chooser_default import lecture_graph
from window_helpers import answers, step_by_hand, tmp_settings, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier


def _key(qtbot, w, key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    w.view.setFocus()
    QApplication.processEvents()  # as between a user's click and key press
    qtbot.keyClick(w.view, key, mods)
    QApplication.processEvents()


def _click_card(w, node: str) -> None:
    w.view.centerOn(w.scene.node_item(node))
    QApplication.processEvents()
    click(w.view, w.scene.node_item(node).sceneBoundingRect().center())
    assert w.scene.selected_ids() == [node]


def test_a_wire_end_dragged_off_to_empty_canvas_says_it_disconnected(qtbot, window):
    w = window
    w.set_document(lecture_graph(), None, "lecture")
    port = in_port(w.scene, "L", 0)
    w.view.centerOn(port)
    QApplication.processEvents()
    drag(w.view, port, port + QPointF(-60, 160))  # onto empty canvas below
    assert w.model.inputs("L") == [None, "f"]
    assert w.status_text() == "Disconnected d from L.in₁ · Ctrl+Z brings it back"


def test_undo_and_redo_say_what_they_did(qtbot, window):
    w = window
    w.set_document(lecture_graph(), None, "lecture")
    _click_card(w, "a")
    _key(qtbot, w, Qt.Key.Key_Delete)
    assert "a" not in w.model
    done = w.undo_stack.text(0)
    _key(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert "a" in w.model and w.status_text() == f"Undid: {done}"
    _key(qtbot, w, Qt.Key.Key_Y, CTRL)
    assert "a" not in w.model and w.status_text() == f"Redid: {done}"


def test_a_delete_during_a_pass_says_what_went_and_that_the_gradients_were_cleared(qtbot, window):
    w = window
    w.set_document(lecture_graph(), None, "lecture")
    step_by_hand(w)
    _key(qtbot, w, Qt.Key.Key_B, CTRL)
    for _ in range(3):
        _key(qtbot, w, Qt.Key.Key_Right)
    assert w.backward.animator.active
    _click_card(w, "e")
    _key(qtbot, w, Qt.Key.Key_Delete)
    assert "e" not in w.model and not w.backward.animator.active
    assert w.status_text() == (
        "Deleted e · Ctrl+Z brings it back · gradients cleared: run Backward (Ctrl+B) again"
    )


def test_the_counts_read_in_thousands_as_the_dialogs_do(qtbot, window):
    """Verify 54: the dialog said "10,720 nodes", the status bar "10720 nodes"."""
    from PySide6.QtWidgets import QApplication

    from core.learn import templates

    w = window
    w.learning.insert(templates.mlp(3, [12, 12, 1]))
    QApplication.processEvents()
    m = w.model
    assert len(m) > 1000
    assert w.status_line.count_label.text() == f"{len(m):,} nodes · {m.edge_count():,} wires"
    assert "," in w.status_line.count_label.text()
