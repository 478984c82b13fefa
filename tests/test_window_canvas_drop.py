"""A file dropped on the canvas opens as one dropped on the window does (trial 74 #2: a real
X drag onto the canvas was refused, IgnoreAction, while the same drop on the Properties
panel opened it). The drag is delivered as Qt delivers a real one: enter, moves and the
drop, each sent to the canvas's viewport, the widget under the pointer."""

from __future__ import annotations

from canvas_helpers import click
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from test_window_files import open_blog_example
from window_helpers import Button, answers, tmp_settings, window  # noqa: F401

from core.files import fileio

NEURON = "resources/examples/neuron_tanh.mgraph"
COPY = Qt.DropAction.CopyAction
LEFT, NO_KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def urls(*paths) -> QMimeData:
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return md


def drag_over_canvas(window, md: QMimeData, drop: bool = True) -> tuple[bool, bool, bool]:
    """Drag ``md`` into the canvas, across it, and drop it there (or leave again):
    whether the enter, the last move and the drop were accepted."""
    vp = window.view.viewport()
    r = vp.rect()
    start, end = QPoint(r.left() + 5, r.center().y()), r.center()
    enter = QDragEnterEvent(start, COPY, md, LEFT, NO_KEYS)
    QApplication.sendEvent(vp, enter)
    moved = False
    for i in range(1, 5):
        p = start + (end - start) * (i / 4)
        move = QDragMoveEvent(p, COPY, md, LEFT, NO_KEYS)
        move.setAccepted(enter.isAccepted())  # (Qt starts a move as the enter left it)
        QApplication.sendEvent(vp, move)
        moved = move.isAccepted() and move.dropAction() != Qt.DropAction.IgnoreAction
    if not drop or not moved:  # a drop the widget refused is no drop: the drag ends
        QApplication.sendEvent(vp, QDragLeaveEvent())
        return enter.isAccepted(), moved, False
    ev = QDropEvent(QPointF(end), COPY, md, LEFT, NO_KEYS)
    QApplication.sendEvent(vp, ev)
    return enter.isAccepted(), moved, ev.isAccepted()


def saved_neuron(tmp_path, name="dropped.mgraph"):
    p = tmp_path / name
    fileio.save(fileio.load(NEURON), p)
    return p


def test_a_graph_file_dropped_on_the_canvas_opens(qtbot, window, answers, tmp_path):
    p = saved_neuron(tmp_path)
    assert drag_over_canvas(window, urls(p)) == (True, True, True)
    qtbot.waitUntil(lambda: window.path == str(p), timeout=2000)
    assert "dropped.mgraph" in window.windowTitle()
    assert set(window.model.nodes()) == set(fileio.load(NEURON).nodes())


def test_a_drop_on_the_canvas_asks_about_unsaved_changes_first(qtbot, window, answers, tmp_path):
    open_blog_example(window)
    window.view.centerOn(window.scene.node_item("f"))
    QApplication.processEvents()
    click(window.view, window.scene.node_item("f").sceneBoundingRect().center())
    window.view.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)  # an edit of the user's: f deleted
    assert window.isWindowModified() and "f" not in window.model
    p = saved_neuron(tmp_path)
    answers.save_changes = Button.Cancel
    assert drag_over_canvas(window, urls(p)) == (True, True, True)
    qtbot.waitUntil(lambda: answers.questions == 1, timeout=2000)
    assert window.path is None and "f" not in window.model  # kept, edit and all
    answers.save_changes = Button.Discard
    drag_over_canvas(window, urls(p))
    qtbot.waitUntil(lambda: window.path == str(p), timeout=2000)
    assert answers.questions == 2


def test_a_broken_file_dropped_on_the_canvas_says_why(qtbot, window, answers, tmp_path):
    p = tmp_path / "broken.mgraph"
    p.write_text('{"format": "micrograd-studio", "version": 1, "nodes": [')
    assert drag_over_canvas(window, urls(p)) == (True, True, True)
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=2000)
    assert answers.errors[0][0] == "Can't open “broken.mgraph”"


def test_a_file_the_app_does_not_open_is_refused_on_the_canvas(window, answers, tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("hello")
    assert drag_over_canvas(window, urls(p))[1:] == (False, False)
    assert window.path is None and not answers.errors


def test_an_operator_from_the_palette_still_drops_on_the_canvas(window, answers):
    from gui.canvas.scene import OP_MIME

    before = len(window.model)
    md = QMimeData()
    md.setData(OP_MIME, b"tanh")
    assert drag_over_canvas(window, md) == (True, True, True)
    assert len(window.model) == before + 1
