"""After an edit in Properties (a new user's trial): a value typed, Enter,
then F5 and → — the field kept the keys, so → moved its cursor and Backward
stayed at its start; a rename left the status bar naming the old label."""

from __future__ import annotations

from animation_helpers import EXAMPLES
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401


def type_in_field(qtbot, w, op: str, field_of, text: str) -> str:
    """Open the blog's graph, select its first node of ``op`` and type
    ``text`` into its Properties field (``field_of(properties)``), as a user
    does; the node's id."""
    w.open_path(str(EXAMPLES / "blog_L.mgraph"))
    QApplication.processEvents()
    w.status_line.end_message()  # ("Opened ..." said for a while, as after a first click)
    node = next(n for n in w.model.nodes() if w.model.op(n) == op)
    w.scene.select_ids([node])
    QApplication.processEvents()
    field = field_of(w.properties)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    return node


def test_after_typing_a_value_backward_and_the_step_keys_work_from_the_keyboard(qtbot, window):
    w = window
    leaf = type_in_field(qtbot, w, "leaf", lambda p: p.value_edit, "3")
    field = w.properties.value_edit
    qtbot.keyClick(field, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert w.model.value(leaf) == 3.0
    assert QApplication.focusWidget() is field  # (where the keys are now, as for a user)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F5)
    QApplication.processEvents()
    start = w.backward.animator.pos
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Period):
        qtbot.keyClick(QApplication.focusWidget(), key)
        QApplication.processEvents()
    assert w.backward.animator.pos == start + 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert w.backward.animator.pos == start + 1


def test_renaming_a_selected_node_in_properties_renames_it_in_the_status_bar(qtbot, window):
    """The trial: after renaming mul2 to L the status bar still said "mul2 selected"."""
    w = window
    node = type_in_field(qtbot, w, "mul", lambda p: p.label_edit, "product")
    assert f"{w.model.label(node)} selected" in w.status_text()  # (not renamed yet)
    qtbot.keyClick(w.properties.label_edit, Qt.Key.Key_Return)
    assert w.model.label(node) == "product"
    qtbot.waitUntil(lambda: "product selected" in w.status_text())


def test_f5_with_a_value_typed_but_not_entered_runs_backward_on_it(qtbot, window):
    """A review: the pass started, then the field lost the keys and committed
    its value, an edit that ended the pass just started."""
    w = window
    leaf = type_in_field(qtbot, w, "leaf", lambda p: p.value_edit, "3")
    qtbot.keyClick(w.properties.value_edit, Qt.Key.Key_F5)
    QApplication.processEvents()
    assert w.model.value(leaf) == 3.0
    a = w.backward.animator
    assert a.replay is not None
    start = a.pos
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert a.pos == start + 1
