"""A group's own actions where a user looks for them (the trial's defect A):
a right-click on a folded card or an open group's name tab offers the
group's actions, not the empty canvas's; the Graph menu's group actions are
enabled only when they apply to the selection."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from window_helpers import action, answers, show_mlp, tmp_settings, window  # noqa: F401


def right_click(qtbot, w, scene_pos: QPointF, choose: str | None = None) -> list[str]:
    """Right-click the canvas at ``scene_pos``: the names of the popup's
    entries (those of its submenus after a "/"), then ``choose`` one by name
    (or close it) as a user would."""
    seen: list[str] = []

    def names(menu: QMenu, prefix: str = "") -> list[str]:
        out = []
        for a in menu.actions():
            if a.menu() is not None:
                out += names(a.menu(), prefix + a.menu().objectName() + "/")
            elif a.objectName():
                out.append(prefix + a.objectName())
        return out

    def act():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(names(menu))
        chosen = [a for a in menu.actions() if a.objectName() == choose]
        if chosen:
            menu.setActiveAction(chosen[0])
            qtbot.keyClick(menu, Qt.Key.Key_Return)
        else:
            menu.close()

    QTimer.singleShot(150, act)
    vp = w.view.viewport()
    p = w.view.mapFromScene(scene_pos)
    ev = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, p, vp.mapToGlobal(p))
    QApplication.sendEvent(vp, ev)
    QApplication.processEvents()
    return seen


def folded_mlp(qtbot, w):
    show_mlp(qtbot, w)
    QApplication.processEvents()
    m = w.model
    gid = next(c.gid for c in w.scene.folding.cards() if m.groups.get(c.gid).label == "layer 1 [1]")
    return m, gid


def test_right_click_on_a_folded_card_offers_the_groups_actions(qtbot, window):
    w = window
    m, gid = folded_mlp(qtbot, w)
    card = w.scene.folding.card(gid)
    at = card.sceneBoundingRect().center()
    seen = right_click(qtbot, w, at)
    assert "ctx_group_expand" in seen and "ctx_group_rename" in seen and "ctx_group_ungroup" in seen
    assert "ctx_layout" not in seen and "ctx_paste" not in seen  # not the empty canvas's menu
    assert card.isSelected()  # what was right-clicked is what the actions act on
    right_click(qtbot, w, at, "ctx_group_expand")
    assert not m.groups.get(gid).collapsed


def test_right_click_on_an_open_groups_name_tab_offers_collapse_and_select(qtbot, window):
    w = window
    m, gid = folded_mlp(qtbot, w)
    right_click(qtbot, w, w.scene.folding.card(gid).sceneBoundingRect().center(), "ctx_group_expand")
    frame = w.scene.folding.frame(gid)
    tab = frame.mapToScene(frame.title_rect().center())
    w.scene.clearSelection()
    seen = right_click(qtbot, w, tab)
    assert "ctx_group_collapse" in seen and "ctx_group_select" in seen and "ctx_add" not in seen
    assert set(w.scene.selected_ids()) == m.groups.nodes_in(gid)
    right_click(qtbot, w, tab, "ctx_group_collapse")
    assert m.groups.get(gid).collapsed


def test_a_card_in_a_group_offers_its_groups_actions_in_a_submenu(qtbot, window):
    w = window
    m, gid = folded_mlp(qtbot, w)
    right_click(qtbot, w, w.scene.folding.card(gid).sceneBoundingRect().center(), "ctx_group_expand")
    node = next(iter(m.groups.nodes_in(gid)))
    seen = right_click(qtbot, w, w.scene.node_item(node).sceneBoundingRect().center())
    assert "ctx_rename" in seen and "ctx_group/ctx_group_collapse" in seen


def graph_menu_enabled(w) -> dict[str, bool]:
    """Which Graph › group entries a user finds enabled on opening the menu."""
    QApplication.processEvents()
    names = ["group", "ungroup", "collapse_group", "expand_group", "rename_group"]
    names += ["expand_all_groups", "collapse_all_groups"]
    return {n: action(w, n).isEnabled() for n in names}


def test_the_graph_menus_group_actions_are_enabled_only_where_they_apply(qtbot, window):
    w = window
    m, gid = folded_mlp(qtbot, w)
    w.scene.clearSelection()
    on = graph_menu_enabled(w)
    assert not on["group"] and not on["ungroup"] and not on["rename_group"]  # nothing selected
    assert not on["expand_group"] and not on["collapse_group"]
    assert on["expand_all_groups"]  # the MLP opens folded
    card = w.scene.folding.card(gid)
    qtbot.mouseClick(
        w.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=w.view.mapFromScene(card.sceneBoundingRect().center()),
    )
    on = graph_menu_enabled(w)
    assert on["expand_group"] and on["rename_group"] and on["ungroup"]
    assert not on["collapse_group"]  # it is folded already
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)  # Expand Group
    assert not m.groups.get(gid).collapsed
    on = graph_menu_enabled(w)  # the open group's nodes are selected
    assert on["collapse_group"] and not on["expand_group"] and on["collapse_all_groups"]
    leaf = next(n for n in m.nodes() if m.groups.group_of(n) is None)
    w.scene.select_ids([leaf])
    on = graph_menu_enabled(w)  # a node in no group
    assert on["group"] and not on["ungroup"] and not on["collapse_group"] and not on["expand_group"]


def test_a_wire_dragged_over_a_folded_card_says_why_before_it_is_dropped(qtbot, window):
    """The trial's 31_wire_to_folded_drag: over the folded card the status
    bar said "drop the wire on an input port"; the reason came only on release."""
    w = window
    m, gid = folded_mlp(qtbot, w)
    card = w.scene.folding.card(gid)
    src = next(n for n in m.nodes() if m.op(n) == "leaf" and m.groups.group_of(n) is None)
    it = w.scene.node_item(src)
    vp = w.view.viewport()
    start = w.view.mapFromScene(it.output_pos())
    for end_at in (card.rect().center(), card.rect().topLeft() + QPointF(4, card.rect().height() / 2)):
        end = w.view.mapFromScene(card.mapToScene(end_at))  # its middle, then by its input side
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
        for i in range(1, 9):
            qtbot.mouseMove(vp, start + (end - start) * i / 8)
        QApplication.processEvents()
        assert "“layer 1 [1]” is folded: open it first" in w.status_text()  # still dragging
        assert "drop the wire on" not in w.status_text()
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
        QApplication.processEvents()
        w.status_line.say("")


def test_properties_shows_a_selected_folded_group_and_renames_it_in_one_undo_step(qtbot, window):
    """The trial's Properties said "28 nodes selected" for a folded card:
    it shows the group, its name editable as Rename does."""
    w = window
    m, gid = folded_mlp(qtbot, w)
    card = w.scene.folding.card(gid)
    vp = w.view.viewport()
    qtbot.mouseClick(
        vp, Qt.MouseButton.LeftButton, pos=w.view.mapFromScene(card.sceneBoundingRect().center())
    )
    qtbot.wait(10)
    page = w.properties.group_page
    assert page.isVisible() and "layer 1 [1]" in page.title.text()
    assert page.name_edit.text() == "layer 1 [1]" and "nodes" in page.holds.text()
    assert "folded" in page.state.text()
    entries = w.undo_stack.count()
    page.name_edit.setFocus()
    qtbot.keyClick(page.name_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.name_edit, "first neuron")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    qtbot.wait(10)
    assert m.groups.get(gid).label == "first neuron" and w.undo_stack.count() == entries + 1
    assert "first neuron" in page.title.text()
    w.undo_stack.undo()
    qtbot.wait(10)
    assert m.groups.get(gid).label == "layer 1 [1]" and page.name_edit.text() == "layer 1 [1]"


def test_properties_shows_an_open_group_whose_name_tab_was_clicked(qtbot, window):
    w = window
    m, gid = folded_mlp(qtbot, w)
    right_click(qtbot, w, w.scene.folding.card(gid).sceneBoundingRect().center(), "ctx_group_expand")
    w.scene.clearSelection()
    frame = w.scene.folding.frame(gid)
    tab = w.view.mapFromScene(frame.mapToScene(frame.title_rect().center()))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=tab)
    qtbot.wait(10)
    page = w.properties.group_page
    assert set(w.scene.selected_ids()) == m.groups.nodes_in(gid)
    assert page.isVisible() and page.name_edit.text() == "layer 1 [1]" and "open" in page.state.text()
    w.scene.select_all()
    qtbot.wait(10)
    assert not page.isVisible()  # every node: no one group
