"""Select All takes the folded groups' cards too (a helper trying trial 53's
10,720-node MLP: Ctrl+A, Delete removed the 12 loose nodes and left every
folded group); Delete then takes every node, Undo puts them back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_saved, tmp_settings, window  # noqa: F401

from core.cli.templates import build


def test_ctrl_a_selects_the_folded_cards_and_delete_takes_every_node(qtbot, window, tmp_path):
    w = window
    open_saved(qtbot, w, build("mlp"), tmp_path / "mlp.mgraph")
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=1000)
    sc = w.scene
    folded = sc.folding.cards()
    assert len(folded) == 16 and len(w.model) == 360
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert all(c.isSelected() for c in folded)
    assert len(sc.selected_ids()) == 360
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert len(w.model) == 0 and len(w.model.groups) == 0
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert len(w.model) == 360 and len(w.model.groups) == len(build("mlp").groups)
