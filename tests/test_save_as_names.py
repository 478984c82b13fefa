"""Save As names a graph file (trial 74 #7: report.txt and pic.png were written as graph JSON
under those names, without a word, while headless -o refuses them). Driven through the real
Save As dialog, the name typed and Enter pressed, and the real question clicked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QPushButton
from test_window_files import open_blog_example
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.cli.outputs import graph_name
from core.files import fileio, kinds
from gui.window.file_questions import FileQuestions
from gui.window.main_window import MainWindow

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def real_dialogs(monkeypatch):
    monkeypatch.setattr(MainWindow, "_ask_save_path", FileQuestions._ask_save_path)
    monkeypatch.setattr(MainWindow, "_ask_graph_name", FileQuestions._ask_graph_name)


def save_as_typing(qtbot, w, names: list[str], clicks: list[str]) -> list[str]:
    """Ctrl+Shift+S; each time the Save As dialog shows, the next of ``names`` put in its
    name field and Enter pressed; each time the name question shows, the next of ``clicks`` (its button's
    key) clicked. The question's texts."""
    seen: list[str] = []
    names, clicks = list(names), list(clicks)
    done = False

    def look() -> None:
        if done:  # (Save As is over: nothing more to answer)
            return
        top = QApplication.activeModalWidget()
        if isinstance(top, QFileDialog) and names:
            (edit,) = [e for e in top.findChildren(QLineEdit) if e.objectName() == "fileNameEdit"]
            edit.setText(names.pop(0))  # (typed at once: no completer's list to take the Enter)
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        elif isinstance(top, QMessageBox) and top.objectName() == "graph_name_box" and clicks:
            seen.append(f"{top.text()}\n{top.informativeText()}")
            top.findChild(QPushButton, f"graph_name_box_{clicks.pop(0)}").click()
        if names or clicks:
            QTimer.singleShot(20, look)

    w.activateWindow()  # (offscreen, a closed dialog stays the active window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    QTimer.singleShot(20, look)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_S, SHIFT_CTRL)
    QApplication.processEvents()
    done = True
    assert not names and not clicks, (names, clicks)
    return seen


def test_another_kinds_name_is_asked_about_and_nothing_is_written(qtbot, window, real_dialogs, tmp_path):
    open_blog_example(window)
    seen = save_as_typing(qtbot, window, [str(tmp_path / "report.txt")], ["cancel"])
    assert "“report.txt” is not a graph file's name." in seen[0]
    assert list(tmp_path.iterdir()) == [tmp_path / "config"]  # nothing written
    assert window.path is None and "Not saved" in window.status_text()


def test_saved_under_the_graph_name_offered(qtbot, window, real_dialogs, tmp_path):
    open_blog_example(window)
    save_as_typing(qtbot, window, [str(tmp_path / "pic.png")], ["rename"])
    assert not (tmp_path / "pic.png").exists()
    assert window.path == str(tmp_path / "pic.mgraph")
    assert set(fileio.load(tmp_path / "pic.mgraph").nodes()) == set(window.model.nodes())


def test_another_name_chosen_instead(qtbot, window, real_dialogs, tmp_path):
    (tmp_path / "notes.mgraph").write_text("mine, not a graph")
    open_blog_example(window)
    names = [str(tmp_path / "notes.txt"), str(tmp_path / "lesson.mgraph")]
    seen = save_as_typing(qtbot, window, names, ["again"])
    assert "“notes.mgraph” is there already: saving as it replaces it." in seen[0]
    assert (tmp_path / "notes.mgraph").read_text() == "mine, not a graph"
    assert window.path == str(tmp_path / "lesson.mgraph") and not (tmp_path / "notes.txt").exists()


def test_a_name_without_an_extension_gets_mgraph_without_a_question(qtbot, window, real_dialogs, tmp_path):
    open_blog_example(window)
    save_as_typing(qtbot, window, [str(tmp_path / "lesson 3")], [])
    assert window.path == str(tmp_path / "lesson 3.mgraph")


def test_the_app_and_headless_o_agree_on_a_graph_files_name():
    for name in ("a.mgraph", "A.MGRAPH", "b.json", "report.txt", "pic.png", "noext", "x.", "v1.2"):
        assert kinds.is_graph_name(name) == (graph_name(name) is None)
    assert kinds.as_graph_name("report.txt") == "report.mgraph" and kinds.as_graph_name("x.") == "x.mgraph"
    assert graph_name("pic.png") == "'pic.png': a graph file's name ends in .mgraph (e.g. pic.mgraph)"
