"""Groups through Python code in the window (trial 44 #4): File › Export ›
Python of the MLP, then File › Import Code of that file, gives the MLP's
groups back, its layers folded into cards laid out apart; a group comment
that names no group is said on the status line."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from test_code_groups import group_tree
from test_import_code_nn import LEFT, open_import_dialog, type_code
from window_helpers import answers, menu_action, open_mlp_file, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from gui.code.codetools import CodeTools


@pytest.fixture
def export_to(monkeypatch):
    chosen: dict = {}
    monkeypatch.setattr(CodeTools, "ask_export_path", lambda self, kind, suggested, filt: chosen["path"])
    return chosen


def test_the_exported_mlp_imports_with_its_groups_folded_and_apart(qtbot, window, export_to, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    original = fileio.load(tmp_path / "mlp.mgraph")
    export_to["path"] = str(tmp_path / "mlp_export.py")
    menu_action(w.menus["export"], "export_python").trigger()
    script = tmp_path / "mlp_export.py"
    assert script.exists() and "Exported" in w.status_text()
    dlg = open_import_dialog(qtbot, w)
    w.code_tools.ask_code_path = lambda: str(script)  # the file dialog's answer
    qtbot.mouseClick(dlg.findChild(QPushButton, "import_code_open"), LEFT)
    new = dlg.findChild(QPushButton, "import_code_new")
    assert new.isVisible()
    qtbot.mouseClick(new, LEFT)
    QApplication.processEvents()
    assert not dlg.isVisible() and len(w.model) == 360
    assert "as a new graph: 360 nodes and 566 wires" in w.status_text(), w.status_text()
    assert len(w.model.groups) == 52 and group_tree(w.model) == group_tree(original)
    cards = [w.scene.folding.card(g.id) for g in w.model.groups if w.model.groups.shown_as_card(g.id)]
    assert len(cards) == 16 and all(c is not None and c.isVisible() for c in cards)
    boxes = [c.sceneBoundingRect() for c in cards if c is not None]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.intersects(b)]
    trigger(w, "undo")  # one Undo takes it all
    assert len(w.model) == 0 and len(w.model.groups) == 0


def test_a_group_comment_naming_no_group_is_said_on_the_status_line(qtbot, window):
    w = window
    dlg = open_import_dialog(qtbot, w)
    type_code(qtbot, dlg, "# --- part\na = Value(2.0)\nb = a * a\n# --- part /  / x\nc = b + a\n")
    qtbot.mouseClick(dlg.ok, LEFT)
    assert not dlg.isVisible() and len(w.model) == 3
    said = w.status_text()
    assert said.endswith(
        "skipped: the group comment on line 4 (a name is missing between two “ / ”; read as a plain comment)"
    ), said
    assert [g.label for g in w.model.groups] == ["part"]
