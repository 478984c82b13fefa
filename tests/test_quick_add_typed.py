"""Quick Add (Tab) as a user drives it: where the new card goes when the
mouse rests on a card, and what ``x1=2`` or a typo gives (trial 49, #3 and #11)."""

from __future__ import annotations

from canvas_helpers import make_canvas, vp
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from core.graph.model import GraphModel


def _tab_at(qtbot, view, scene_pt):
    """The mouse rests at ``scene_pt``; Tab on the canvas opens Quick Add there."""
    QTest.mouseMove(view.viewport(), vp(view, scene_pt))
    QApplication.processEvents()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qa = view._quick
    assert qa is not None and qa.isVisible()
    return qa


def _overlap(scene, a, b) -> bool:
    return scene.node_item(a).sceneBoundingRect().intersects(scene.node_item(b).sceneBoundingRect())


def test_tab_with_the_mouse_on_a_card_puts_the_new_card_beside_it(qtbot):
    m = GraphModel()
    m.add_node("leaf", "w", label="w", value=0.5, x=0, y=0)
    model, stack, scene, view = make_canvas(qtbot, m)
    qa = _tab_at(qtbot, view, QPointF(4, 3))  # on w's card
    qtbot.keyClicks(qa.edit, "2")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    (new,) = [n for n in model.nodes() if n != "w"]
    assert not _overlap(scene, "w", new), model.position(new)
    x, y = model.position(new)
    assert abs(x) + abs(y) < 300  # near where the mouse is, not far off
    assert view.viewport().rect().contains(vp(view, QPointF(x, y)))
    # an operation too, with the mouse on either card
    qa = _tab_at(qtbot, view, QPointF(x, y))
    qtbot.keyClicks(qa.edit, "tanh")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    (t,) = [n for n in model.nodes() if model.op(n) == "tanh"]
    assert not _overlap(scene, t, "w") and not _overlap(scene, t, new)


def test_tab_on_empty_canvas_still_adds_where_the_mouse_is(qtbot):
    m = GraphModel()
    m.add_node("leaf", "w", label="w", value=0.5, x=0, y=0)
    model, stack, scene, view = make_canvas(qtbot, m)
    qa = _tab_at(qtbot, view, QPointF(300, 200))
    qtbot.keyClicks(qa.edit, "tanh")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    (t,) = [n for n in model.nodes() if model.op(n) == "tanh"]
    x, y = model.position(t)
    assert abs(x - 300) <= 2 and abs(y - 200) <= 2


def test_quick_add_name_equals_number_adds_a_named_value(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    qa = _tab_at(qtbot, view, QPointF(0, 0))
    qtbot.keyClicks(qa.edit, "x1=2")
    assert qa.visible_ops() == ["leaf"] and not qa.hint.isVisible()
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    (nid,) = model.nodes()
    assert model.label(nid) == "x1" and model.node(nid)["value"] == 2.0
    assert not qa.isVisible() and stack.count() == 1
    # named already: no name box asking again; the next Tab works at once
    assert scene.interaction.inline_editor is None
    stack.undo()
    assert model.nodes() == []
    qa = _tab_at(qtbot, view, QPointF(0, 0))
    qtbot.keyClicks(qa.edit, " b = -1/2 ")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    (nid,) = model.nodes()
    assert model.label(nid) == "b" and model.node(nid)["value"] == -0.5


def test_quick_add_says_what_it_wants_when_nothing_matches(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    qa = _tab_at(qtbot, view, QPointF(0, 0))
    qtbot.keyClicks(qa.edit, "x1=abc")
    assert qa.hint.isVisible() and not qa.list.isVisible()
    assert "must be a number" in qa.hint.text() and "x1 = 2" in qa.hint.text()
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)  # nothing to add: the list stays, saying so
    assert qa.isVisible() and model.nodes() == []
    qa.edit.clear()
    qtbot.keyClicks(qa.edit, "x = 1e999")  # a number, too big for a float (trial 51: "must be a number")
    assert qa.hint.text() == "x = …: 1e999 is not a finite number (a float64 is at most about 1.8e308).", (
        qa.hint.text()
    )
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert model.nodes() == []
    qa.edit.clear()
    qtbot.keyClicks(qa.edit, "zzz")
    assert qa.hint.isVisible() and "zzz" in qa.hint.text() and "x1 = 2" in qa.hint.text()
    qa.grab()  # (painted whole)
    qtbot.keyClick(qa.edit, Qt.Key.Key_Backspace)
    qa.edit.clear()
    qtbot.keyClicks(qa.edit, "tan")
    assert qa.list.isVisible() and not qa.hint.isVisible() and qa.visible_ops() == ["tanh"]
    qtbot.keyClick(qa.edit, Qt.Key.Key_Escape)


def test_a_second_card_of_a_name_is_said(qtbot):
    """Verify 49: Quick Add's ``x1=5`` beside an x1 made a second x1 without a
    word, and a formula then read neither of them."""
    from PySide6.QtGui import QUndoStack

    from gui.canvas.scene import GraphScene
    from gui.canvas.view import GraphView
    from gui.editing import canvas_editing

    m = GraphModel()
    m.add_node("leaf", "leaf1", label="x1", value=2.0, x=0, y=0)
    scene = GraphScene(m)
    view = GraphView(scene)
    qtbot.addWidget(view)
    editing = canvas_editing.make_editable(scene, view, QUndoStack(), view)
    said: list[str] = []
    editing.editor.status_message.connect(said.append)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    qa = _tab_at(qtbot, view, QPointF(300, 200))
    qtbot.keyClicks(qa.edit, "x2=5")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert not any("cards are named" in s for s in said)  # a new name: nothing to say
    qa = _tab_at(qtbot, view, QPointF(300, 400))
    qtbot.keyClicks(qa.edit, "x1=5")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert said[-1].startswith("2 cards are named “x1” now")
    (x2,) = [n for n in m.nodes() if m.label(n) == "x2"]
    assert editing.editor.set_label(x2, "x1")  # a rename says so too
    assert said[-1].startswith("3 cards are named “x1” now")


def test_a_typo_of_an_operation_is_answered_with_it(qtbot):
    """Trial 54: "tahn" was answered with what the list takes, not with tanh;
    a close misspelling now offers the operation, Enter adds it."""
    model, stack, scene, view = make_canvas(qtbot)
    qa = _tab_at(qtbot, view, QPointF(0, 0))
    qtbot.keyClicks(qa.edit, "tahn")
    assert qa.hint.isVisible() and "did you mean Tanh?" in qa.hint.text(), qa.hint.text()
    assert qa.list.isVisible() and qa.visible_ops() == ["tanh"]
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert [model.op(n) for n in model.nodes()] == ["tanh"]
    qa = _tab_at(qtbot, view, QPointF(400, 0))
    qtbot.keyClicks(qa.edit, "sigmiod")
    assert qa.visible_ops() == ["sigmoid"]
    qa.edit.clear()
    qtbot.keyClicks(qa.edit, "zzz")  # (no operation near it: what the list takes, as before)
    assert not qa.list.isVisible() and "x1 = 2" in qa.hint.text()
    qtbot.keyClick(qa.edit, Qt.Key.Key_Escape)
