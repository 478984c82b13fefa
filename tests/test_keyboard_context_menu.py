"""The canvas's context menu from the keyboard (trial 72 #5): Shift+F10 did
nothing with a card selected, and the Menu key opened the canvas's background
menu at the canvas's top-left corner. Now both open the selected card's menu
(the one a right-click on it opens) at the card, brought into view if need be;
with nothing selected, the canvas's menu at the mouse over the canvas, else
at the middle of the view."""

from __future__ import annotations

from canvas_helpers import make_canvas
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication

from core.files import fileio

SHIFT = Qt.KeyboardModifier.ShiftModifier
MENU_KEY = (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier)
SHIFT_F10 = (Qt.Key.Key_F10, SHIFT)


def _blog(qtbot):
    return make_canvas(qtbot, fileio.load("resources/examples/blog_L.mgraph"), size=(700, 500))


def _press_for_menu(qtbot, view, key) -> dict | None:
    """Press ``key`` on the canvas; the menu that opened (its name, entries and
    top-left on the screen), closed again."""
    seen: list[dict] = []

    def read_and_close():
        w = QApplication.activePopupWidget()
        if w is not None:
            names = {a.objectName() for a in w.actions()}
            seen.append({"name": w.objectName(), "actions": names, "at": w.pos()})
            w.close()

    timer = QTimer(interval=100)  # (asked again till a menu is seen: the menu's loop holds the key press)
    timer.timeout.connect(read_and_close)
    timer.start()
    qtbot.keyClick(view, *key)
    qtbot.wait(300)  # (no menu: the timer still runs, and finds none)
    timer.stop()
    return seen[0] if seen else None


def _screen_rect(view, it) -> QRect:
    r = view.mapFromScene(it.sceneBoundingRect()).boundingRect()
    return QRect(view.viewport().mapToGlobal(r.topLeft()), r.size())


def _away_from_canvas(view) -> None:
    vp = view.viewport()
    QCursor.setPos(vp.mapToGlobal(QPoint(vp.width() + 400, vp.height() + 400)))


def test_shift_f10_and_the_menu_key_open_the_selected_cards_menu_at_the_card(qtbot):
    model, stack, scene, view = _blog(qtbot)
    _away_from_canvas(view)
    view.setFocus()
    scene.select_ids(["e"])
    card = _screen_rect(view, scene.node_item("e"))
    for key in (SHIFT_F10, MENU_KEY):
        menu = _press_for_menu(qtbot, view, key)
        assert menu is not None, f"{key}: no menu"
        assert menu["name"] == "canvas_context_menu"
        assert {"ctx_rename", "ctx_output", "ctx_delete"} <= menu["actions"], menu  # the card's, not "Add…"
        assert "ctx_paste" not in menu["actions"]
        assert card.contains(menu["at"]), (key, menu["at"], card)  # at the card, not the corner
        assert scene.selected_ids() == ["e"] and stack.count() == 0


def test_a_selected_card_out_of_view_is_brought_into_view_for_its_menu(qtbot):
    model, stack, scene, view = _blog(qtbot)
    _away_from_canvas(view)
    view.setFocus()
    scene.select_ids(["a"])
    view.centerOn(5000, 5000)  # scrolled far from the graph
    menu = _press_for_menu(qtbot, view, MENU_KEY)
    assert menu is not None and "ctx_edit_value" in menu["actions"]  # a's, a leaf's
    card = _screen_rect(view, scene.node_item("a"))
    middle_of_a = view.mapFromScene(scene.node_item("a").sceneBoundingRect().center())
    assert view.viewport().rect().contains(middle_of_a)  # brought into view
    assert card.contains(menu["at"]), (menu["at"], card)


def test_with_nothing_selected_the_canvas_menu_opens_at_the_middle_or_the_mouse(qtbot):
    model, stack, scene, view = _blog(qtbot)
    view.setFocus()
    scene.clearSelection()
    vp = view.viewport()
    _away_from_canvas(view)
    menu = _press_for_menu(qtbot, view, SHIFT_F10)
    assert menu is not None and "ctx_paste" in menu["actions"], menu  # Add, Paste, Select All, Auto Layout
    middle = vp.mapToGlobal(vp.rect().center())
    assert (menu["at"] - middle).manhattanLength() <= 2, (menu["at"], middle)
    # the mouse over empty canvas: the menu there
    spot = QPoint(40, vp.height() - 40)
    assert scene.node_at(view.mapToScene(spot)) is None
    QCursor.setPos(vp.mapToGlobal(spot))
    menu = _press_for_menu(qtbot, view, MENU_KEY)
    assert menu is not None and "ctx_paste" in menu["actions"]
    assert (menu["at"] - vp.mapToGlobal(spot)).manhattanLength() <= 2, (menu["at"], vp.mapToGlobal(spot))
    assert scene.selected_ids() == [] and stack.count() == 0


def test_keys_typed_into_a_card_are_not_taken_for_the_menu(qtbot):
    """While a card's value is typed (Enter on it), Shift+F10 is the box's, not the canvas's."""
    model, stack, scene, view = _blog(qtbot)
    _away_from_canvas(view)
    view.setFocus()
    scene.select_ids(["a"])
    qtbot.keyClick(view, Qt.Key.Key_Return)  # edit a's value
    assert scene.is_typing()
    menu = _press_for_menu(qtbot, view, SHIFT_F10)
    assert menu is None or menu["name"] != "canvas_context_menu"


def test_a_selected_wire_gets_its_own_menu_at_its_middle(qtbot):
    model, stack, scene, view = _blog(qtbot)
    _away_from_canvas(view)
    view.setFocus()
    wire = scene.edge_item("f", "L", 1)
    scene.select_wire(wire)
    menu = _press_for_menu(qtbot, view, SHIFT_F10)
    assert menu is not None and "ctx_delete_wire" in menu["actions"], menu
    middle = view.viewport().mapToGlobal(view.mapFromScene(wire.path().pointAtPercent(0.5)))
    assert (menu["at"] - middle).manhattanLength() <= 2, (menu["at"], middle)
    assert stack.count() == 0
