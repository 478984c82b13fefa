"""Every way of opening groups makes room as a double-click does (trial 59
#2, #3): Expand All after one layer was opened in place drew the layer's
frame over the next one's, a wire looping inside; Find's Alt+Enter into a
layer folded in a folded group left the group's other card over the opened
layer. Each is one undo entry, undone and redone to the same places."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_animation_gui import hand_mode
from test_navigation_gui import open_find, type_text
from window_helpers import answers, click_item, open_mlp_file, tmp_settings, window  # noqa: F401

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def places(w) -> dict:
    return {n: w.model.position(n) for n in w.model.nodes()}


def clashes(w) -> list[tuple[str, str]]:
    """Open frames of sibling groups that overlap, and folded cards lying
    over an open frame they are not in: what a user reads as drawn on top."""
    folding, gs = w.scene.folding, w.model.groups
    folding.settle()
    frames = {}
    for g in gs:
        f = folding.frame(g.id) if not g.collapsed else None
        if f is not None and f.isVisible():
            frames[g.id] = f.outline()
    out = []
    for a, ra in frames.items():
        for b, rb in frames.items():
            if a < b and gs.get(a).parent == gs.get(b).parent and ra.intersects(rb):
                out.append((gs.get(a).label, gs.get(b).label))
    for c in folding.cards():
        if not c.isVisible():
            continue
        around = set(gs.ancestors(c.gid))
        for g, r in frames.items():
            if g not in around and r.intersects(c.sceneBoundingRect()):
                out.append((c.label, gs.get(g).label))
    return out


def card(w, label: str):
    return next(c for c in w.scene.folding.cards() if c.label == label)


def expand_all(qtbot, w) -> None:
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, CTRL | SHIFT)
    QApplication.processEvents()


def undo_redo_exact(w, before: dict, after: dict) -> None:
    w.action_undo.trigger()
    QApplication.processEvents()
    assert places(w) == before
    w.action_redo.trigger()
    QApplication.processEvents()
    assert places(w) == after


def test_expand_all_after_a_layer_opened_in_place_is_expand_all_from_all_folded(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    start = places(w)
    expand_all(qtbot, w)  # from all folded: the clean picture
    fresh = places(w)
    assert clashes(w) == []
    w.action_undo.trigger()
    QApplication.processEvents()
    click_item(qtbot, w, card(w, "layer 2 [4]"), double=True)  # opened in place, making room
    gs = w.model.groups
    assert not gs.get(next(g.id for g in gs if g.label == "layer 2 [4]")).collapsed
    assert clashes(w) == []
    opened, entries = places(w), w.undo_stack.index()
    expand_all(qtbot, w)
    assert not any(g.collapsed for g in gs)
    assert w.undo_stack.index() == w.undo_stack.count() == entries + 1
    assert clashes(w) == []  # (layer 2 [4]'s frame lay over layer 2 [3]'s)
    assert places(w) == fresh  # the same picture either way
    undo_redo_exact(w, opened, fresh)
    w.action_undo.trigger()  # undone, and Expand All again: the same again
    QApplication.processEvents()
    expand_all(qtbot, w)
    assert places(w) == fresh
    # folded again, everything goes back to where the file had it (both rooms given back)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketLeft, CTRL | SHIFT)  # Collapse All
    QApplication.processEvents()
    assert all(g.collapsed for g in gs if g.parent is None)
    assert places(w) == start
    undo_redo_exact(w, fresh, start)


def test_expand_all_after_a_layer_opened_mid_pass_draws_no_frame_on_another(qtbot, window, tmp_path):
    """The trial's second way: Ctrl+B, → three times, Ctrl+] opens the
    step's folded layer mid-pass, End, Ctrl+Shift+]."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    hand_mode(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    gid = w.backward.current_folded_card()
    assert gid is not None
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, CTRL)
    QApplication.processEvents()
    assert not w.model.groups.get(gid).collapsed
    assert clashes(w) == []
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    opened = places(w)
    expand_all(qtbot, w)
    assert not any(g.collapsed for g in w.model.groups)
    assert clashes(w) == []
    undo_redo_exact(w, opened, places(w))


def nested_mlp(qtbot, w, tmp_path) -> str:
    """The trial's setup: the MLP file, its folded cards "layer 1 [1]" and
    "layer 2 [1]" grouped (Ctrl+G) as "data point 1 hidden", folded by its
    tab: the new group's id."""
    open_mlp_file(qtbot, w, tmp_path)
    w.scene.clearSelection()
    for label in ("layer 1 [1]", "layer 2 [1]"):
        card(w, label).setSelected(True)
    gid = w.grouping.group_selection(label="data point 1 hidden")
    assert gid is not None
    QApplication.processEvents()
    w.scene.folding.settle()
    w.grouping.toggle(gid)  # (its ▾ tab)
    QApplication.processEvents()
    assert w.model.groups.get(gid).collapsed
    return gid


def test_finds_open_into_a_nested_group_makes_room_as_double_clicks_do(qtbot, window, tmp_path):
    w = window
    gid = nested_mlp(qtbot, w, tmp_path)
    gs = w.model.groups
    layer2 = next(g.id for g in gs if g.label == "layer 2 [1]")
    folded = places(w)
    # by hand: the group's card double-clicked, then the layer's card in it clicked and Ctrl+]
    click_item(qtbot, w, w.scene.folding.card(gid), double=True)
    click_item(qtbot, w, card(w, "layer 2 [1]"))
    assert w.scene.folding.selected_groups() == [layer2]
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, CTRL)
    QApplication.processEvents()
    assert not gs.get(gid).collapsed and not gs.get(layer2).collapsed
    assert clashes(w) == []
    by_hand = places(w)
    for _ in range(2):
        w.action_undo.trigger()
    QApplication.processEvents()
    assert places(w) == folded and gs.get(gid).collapsed
    # by Find: Ctrl+F, h1.2, Enter to "2 of 20", Alt+Enter
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "h1.2")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    find = w.navigation.find
    assert (find.current + 1, len(find.matches)) == (2, 20)
    assert w.model.label(find.matches[find.current]) == "w2.2.2·h1.2[1]"
    entries = w.undo_stack.index()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    QApplication.processEvents()
    assert not gs.get(gid).collapsed and not gs.get(layer2).collapsed
    assert w.undo_stack.index() == w.undo_stack.count() == entries + 1  # one undo step
    assert clashes(w) == []  # ("layer 1 [1]" lay over "neuron 2.1 [1]")
    assert places(w) == by_hand  # room made exactly as the double-clicks make it
    undo_redo_exact(w, folded, by_hand)
    assert not gs.get(gid).collapsed and not gs.get(layer2).collapsed
