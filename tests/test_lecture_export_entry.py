"""File › Export › Export as Lecture MLP Code… as a user meets it (trial 49,
#7): greyed out, saying why, on a graph Insert MLP did not make; and where it
is reached anyway, a titled message in plain words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from window_helpers import Button, action, answers, window  # noqa: F401

from core.learn import templates
from gui.code import code_export

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def _open_export_menu(w):
    """File › Export opened, as a user opens it (what it shows is checked then)."""
    menu = w.menu("export")
    menu.popup(w.mapToGlobal(QPoint(40, 40)))
    QApplication.processEvents()
    return menu


def test_the_lecture_entry_is_greyed_out_saying_why_unless_insert_mlp_made_the_graph(qtbot, window, answers):
    w = window
    answers.save_changes = Button.Discard
    assert w.open_path(EX / "neuron_tanh.mgraph")
    QApplication.processEvents()
    menu = _open_export_menu(w)
    act = action(w, "export_lecture")
    assert act in menu.actions() and not act.isEnabled()
    assert menu.toolTipsVisible()
    assert "Insert MLP" in act.toolTip() and "no weights w1.1.1" in act.toolTip()
    assert act.statusTip() == act.toolTip() and "`" not in act.toolTip()
    assert action(w, "export_python").isEnabled()  # (the others write any graph)
    menu.close()
    # File › New, Learn › Insert MLP: now it is one
    action(w, "new").trigger()
    QApplication.processEvents()
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    menu = _open_export_menu(w)
    assert act.isEnabled() and "Insert MLP" in act.toolTip() and "not" not in act.toolTip()
    menu.close()
    # a weight renamed (no wire changed): the menu, opened again, greys it out
    (w111,) = [n for n in w.model.nodes() if w.model.label(n) == "w1.1.1"]
    w.model.set_label(w111, "weight")
    menu = _open_export_menu(w)
    assert not act.isEnabled() and "w1.1.1" in act.toolTip()
    menu.close()


def test_reached_before_it_was_checked_it_refuses_in_plain_words_under_a_title(
    qtbot, window, answers, monkeypatch
):
    # (a big graph: checked when the menu opens)
    monkeypatch.setattr(code_export, "LECTURE_EAGER", 0)
    w = window
    answers.save_changes = Button.Discard
    assert w.open_path(EX / "neuron_tanh.mgraph")
    QApplication.processEvents()
    act = action(w, "export_lecture")
    assert act.isEnabled()
    act.trigger()
    QApplication.processEvents()
    ((title, msg),) = answers.errors
    assert title == "Cannot Export as Lecture MLP Code"
    assert "Insert MLP" in msg and "no weights w1.1.1" in msg
    assert "`" not in msg and "main.py" not in msg and not msg.startswith("cannot")
