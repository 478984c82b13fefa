"""t70 #10: Import Code refused ``Valeu(…)``; once mended, “Open as New
Graph” asked to save the open graph first, while the status line still said
"Not added: … 'Valeu'" of the text before. Driven as a user: Ctrl+Shift+I,
typing, the dialog's buttons, the save question answered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_import_code_nn import LEFT, open_import_dialog, type_code
from window_helpers import answers, tmp_settings, type_formula, window  # noqa: F401

from gui.window.main_window import MainWindow


def test_a_mended_slip_is_not_said_over_the_save_question(qtbot, window, monkeypatch):
    w = window
    type_formula(qtbot, w, "q = 2*3", dialogs=False)  # unsaved work: Open as New Graph asks first
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, "a = Valeu(2.0, label='a')")
    qtbot.mouseClick(dlg.new_graph, LEFT)
    assert w.status_text().startswith("Not added:") and "Valeu" in w.status_text()
    said: list[str] = []

    def ask(self) -> QMessageBox.StandardButton:  # what the status line says while it asks
        said.append(w.status_text())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(MainWindow, "_ask_save_changes", ask)
    type_code(qtbot, dlg, "a = Value(2.0, label='a')")
    qtbot.mouseClick(dlg.new_graph, LEFT)
    assert said and "Not added" not in said[0] and "Valeu" not in said[0], said
    assert dlg.isVisible()  # (cancelled: the code stays to open later)
    qtbot.keyClick(dlg.editor, Qt.Key.Key_Escape)
