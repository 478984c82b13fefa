"""File › Export › Export Every Step as PNG… asks for its file in a dialog
titled for it (trial 68 #9: it read "Export as PNG", as Export as PNG's)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from window_helpers import answers, menu_action, tmp_settings, window  # noqa: F401

from gui.window.file_questions import FileQuestions
from gui.window.main_window import MainWindow


def _title_of_the_file_dialog(qtbot, w, entry: str) -> str:
    seen: list[str] = []

    def answer() -> None:
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, QFileDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dlg.windowTitle())
        qtbot.keyClick(dlg, Qt.Key.Key_Escape)  # cancelled: nothing written

    QTimer.singleShot(50, answer)
    menu_action(w.menus["file"], entry).trigger()
    QApplication.processEvents()
    assert seen, "no file dialog"
    return seen[0]


def test_export_every_step_has_a_dialog_title_of_its_own(qtbot, window, monkeypatch):
    # the real question (the test fixture answers it without a dialog)
    monkeypatch.setattr(MainWindow, "_ask_export_path", FileQuestions._ask_export_path)
    w = window
    menu_action(w.menus["file"], "example_blog_L").trigger()
    QApplication.processEvents()
    assert _title_of_the_file_dialog(qtbot, w, "export_steps") == "Export Every Step as PNG"
    assert _title_of_the_file_dialog(qtbot, w, "export_png") == "Export as PNG"
    assert _title_of_the_file_dialog(qtbot, w, "export_svg") == "Export as SVG"
