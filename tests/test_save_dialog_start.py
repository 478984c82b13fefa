"""Trial 54 #5: Save on a new graph starts in the user's Documents (not
the folder the program was started from: run from a clone, the source
tree), or in the last folder used, or the file's own; the dialog's list
is Qt's own dialog made big enough to read (its columns read "PN...ge",
"11....KiB": seen on a real screen, not offscreen, where they fit)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QTreeView
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.common import settings
from gui.window.file_questions import FileQuestions
from gui.window.main_window import MainWindow


def _save_dialog_seen(qtbot, w, docs: Path) -> dict:
    """Ctrl+S on the canvas; what the dialog shows, read as a user reads it; Escape."""
    seen: dict = {}

    def look() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, QFileDialog), dlg
        try:
            read(dlg)
        finally:
            qtbot.keyClick(dlg, Qt.Key.Key_Escape)

    def read(dlg: QFileDialog) -> None:
        seen["folder"] = dlg.directory().absolutePath()
        seen["name"] = dlg.selectedFiles()[0] if dlg.selectedFiles() else ""
        (tree,) = [t for t in dlg.findChildren(QTreeView) if t.isVisible()]
        if seen["folder"] == str(docs):  # (its two graphs listed)
            qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) == 2, timeout=3000)
        seen["listed"] = [tree.model().index(r, 0, tree.rootIndex()).data() for r in range(2)]

    w.activateWindow()  # (offscreen, a closed dialog stays the active window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    QTimer.singleShot(0, look)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    return seen


def _documents(monkeypatch, tmp_path) -> Path:
    """A home with a Documents folder of two files; the program started
    from the source tree, as in the trial; Save's real dialog."""
    home = tmp_path / "home"
    docs = home / "Documents"
    docs.mkdir(parents=True)
    for name in ("earlier work.mgraph", "neuron.mgraph"):
        (docs / name).write_text("{}")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(Path(__file__).parent.parent)  # started from the source tree, as in the trial
    monkeypatch.setattr(MainWindow, "_ask_save_path", FileQuestions._ask_save_path)  # the real dialog
    return docs


def test_save_of_a_new_graph_starts_in_documents(qtbot, window, monkeypatch, tmp_path):
    docs = _documents(monkeypatch, tmp_path)
    seen = _save_dialog_seen(qtbot, window, docs)
    assert Path(seen["folder"]) == docs, seen
    assert Path(seen["name"]).parent == docs and Path(seen["name"]).suffix == ".mgraph", seen
    assert sorted(seen["listed"]) == ["earlier work.mgraph", "neuron.mgraph"]


def test_save_starts_in_the_last_folder_used_else_the_files_own(qtbot, window, monkeypatch, tmp_path):
    docs = _documents(monkeypatch, tmp_path)
    elsewhere = tmp_path / "course"
    elsewhere.mkdir()
    settings.set_last_folder(elsewhere / "x.mgraph")
    assert Path(_save_dialog_seen(qtbot, window, docs)["folder"]) == elsewhere
    settings.set_last_folder(tmp_path / "gone" / "x.mgraph")  # (a folder since removed: Documents)
    assert Path(_save_dialog_seen(qtbot, window, docs)["folder"]) == docs


def _open_dialog_folder(qtbot, ask) -> Path:
    """Where the dialog ``ask()`` opens starts; Escape."""
    seen: dict = {}

    def look() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, QFileDialog), dlg
        seen["folder"] = dlg.directory().absolutePath()
        qtbot.keyClick(dlg, Qt.Key.Key_Escape)

    QTimer.singleShot(0, look)
    assert ask() == ""
    return Path(seen["folder"])


def test_import_codes_and_data_sets_file_dialogs_start_by_the_graph_not_the_working_folder(
    qtbot, window, monkeypatch, tmp_path
):
    """Verify 55: Import Code › Open File… started in the folder the program ran from."""
    docs = _documents(monkeypatch, tmp_path)
    w = window
    assert _open_dialog_folder(qtbot, w.code_tools.ask_code_path) == docs  # a new graph: Documents
    course = tmp_path / "course"
    course.mkdir()
    graph = course / "lesson.mgraph"
    from core.files import fileio
    from core.graph.model import GraphModel

    fileio.save(GraphModel(), graph)
    assert w.open_path(str(graph))
    assert _open_dialog_folder(qtbot, w.code_tools.ask_code_path) == course  # beside the open graph
    assert _open_dialog_folder(qtbot, w.training.import_data_path) == course
