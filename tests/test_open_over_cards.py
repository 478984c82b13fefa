"""Opening one folded group whose open frame would lie over another folded
card (a new user's trial: the MLP's layer 3 [4] opened mid-pass reached
past the folded loss card it feeds, its ypred[4] wire running backwards
across the frame): room is made, the card moves clear, right of the frame."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_mlp_file, show_mlp, tmp_settings, window  # noqa: F401


def test_a_folded_card_under_an_opened_frame_moves_clear(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    folding = w.scene.folding
    gid = next(c.gid for c in folding.cards() if c.label == "layer 3 [4]")
    loss = next(c for c in folding.cards() if c.label == "loss")
    w.grouping.toggle(gid)
    QApplication.processEvents()
    folding.settle()
    frame = folding.frame(gid).outline()
    for c in folding.cards():
        assert not frame.intersects(c.sceneBoundingRect()), c.label
    assert loss.sceneBoundingRect().left() > frame.right()  # what it feeds stays right of it
    w.undo_stack.undo()
    QApplication.processEvents()


def test_undoing_an_opening_brings_back_the_view_it_was_opened_from(qtbot, window, tmp_path):
    """A new user's trial: double-click a folded layer (the view follows it),
    Ctrl+Z: the graph folded again, the view stayed scrolled, the inputs off
    its left edge. Undo puts back the view the group was opened from."""
    from PySide6.QtCore import Qt

    w = window
    open_mlp_file(qtbot, w, tmp_path)
    v = w.view

    def shown():
        return v.mapToScene(v.viewport().rect()).boundingRect()

    card = next(c for c in w.scene.folding.cards() if c.label == "layer 2 [2]")
    was, zoom = shown(), v.transform().m11()
    at = v.mapFromScene(card.sceneBoundingRect().center())
    qtbot.mouseDClick(v.viewport(), Qt.MouseButton.LeftButton, pos=at)  # opens it in place
    QApplication.processEvents()
    assert not w.model.groups.get(card.gid).collapsed
    assert shown() != was  # the opened layer brought into view
    w.undo_stack.undo()
    QApplication.processEvents()
    now = shown()
    assert abs(v.transform().m11() - zoom) < 1e-9
    assert abs(now.center().x() - was.center().x()) < 2 and abs(now.center().y() - was.center().y()) < 2


def test_undoing_finds_opening_of_nested_folds_brings_back_the_view(qtbot, window):
    """The review: Find's Alt+Enter on a match folded in a neuron folded in a
    layer opens both (two groups, one gesture); its undo kept the view on
    the match."""
    from PySide6.QtCore import Qt
    from test_fold_leftovers import find_match

    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    gs = w.model.groups
    layer = next(g.id for g in gs if g.label == "layer 1 [1]")
    neuron = gs.children(layer)[0]
    gs.set_collapsed(neuron, True)
    QApplication.processEvents()
    w.undo_stack.clear()
    v = w.view
    v.set_zoom(0.9)
    QApplication.processEvents()

    def shown():
        return v.mapToScene(v.viewport().rect()).boundingRect()

    bar = find_match(qtbot, w, sorted(gs.nodes_in(neuron))[0])
    QApplication.processEvents()
    was, zoom = shown(), v.transform().m11()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)  # opens both
    QApplication.processEvents()
    assert not gs.get(layer).collapsed and not gs.get(neuron).collapsed
    w.undo_stack.undo()
    QApplication.processEvents()
    now = shown()
    assert gs.get(layer).collapsed
    assert abs(v.transform().m11() - zoom) < 1e-9
    assert abs(now.center().x() - was.center().x()) < 2 and abs(now.center().y() - was.center().y()) < 2


def test_ungrouping_a_folded_layer_makes_room_as_opening_it_does(qtbot, window, tmp_path):
    """A new user's trial: Ungroup on the folded "layer 1 [1]" put its four
    neuron frames over layer 1 [2], layer 2's cards and the weights. What it
    held comes out as Expand would show it (room made), in one undo entry."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    m, folding = w.model, w.scene.folding
    card = next(c for c in folding.cards() if c.label == "layer 1 [1]")
    was = {n: m.position(n) for n in m.nodes()}
    groups = {g.id: g.collapsed for g in m.groups}
    card.setSelected(True)
    entries = w.undo_stack.count()
    w.grouping.action_ungroup.trigger()
    QApplication.processEvents()
    folding.settle()
    assert card.gid not in m.groups and w.undo_stack.count() == entries + 1
    assert "Ungrouped “layer 1 [1]”" in w.status_text()  # (the "Grouped …" line of before replaced)
    frames = [folding.frame(g.id) for g in m.groups if g.parent is None and not g.collapsed]
    frames = [f.outline() for f in frames if f is not None and f.isVisible()]
    assert len(frames) == 4  # its four neurons, open where it was
    for f in frames:
        for c in folding.cards():
            assert not f.intersects(c.sceneBoundingRect()), c.label
    w.undo_stack.undo()
    QApplication.processEvents()
    assert {g.id: g.collapsed for g in m.groups} == groups
    assert {n: m.position(n) for n in m.nodes()} == was


def test_opening_a_group_places_the_cards_no_more_than_its_changes_need(qtbot, window, tmp_path, monkeypatch):
    """Opening a group places the cards when it opens and once its
    neighbours moved to make room (the frame brought into view asks where
    they are); the turn queued for the same moves placed all the cards a
    third time, nothing having changed since (~15 ms at 50,000 nodes)."""
    from scene_checks import count_calls

    w = window
    open_mlp_file(qtbot, w, tmp_path)
    folding = w.scene.folding
    gid = next(c.gid for c in folding.cards() if c.label == "layer 2 [2]")
    placed = count_calls(monkeypatch, folding, "_place")
    w.grouping.toggle(gid)
    for _ in range(3):
        QApplication.processEvents()
    assert not w.model.groups.get(gid).collapsed
    assert len(placed) == 2, placed


def test_a_new_group_given_an_ungrouped_ones_id_gives_back_no_room_of_its(qtbot, window):
    """The review: Ungroup of a folded card made room (as opening does) and
    the room stayed remembered under its id; the next Ctrl+G got that id
    again, and folding the new group moved b back onto x1w1's card."""
    from pathlib import Path

    w = window
    assert w.open_path(Path(__file__).resolve().parents[1] / "resources" / "examples" / "neuron_tanh.mgraph")
    m = w.model
    w.scene.select_ids(["x1", "x2", "w1", "w2", "x1w1", "x2w2"])
    gid = w.grouping.group_selection(label="inputs")
    w.grouping.collapse()
    x, y = m.position("x1w1")
    w.editor.move_nodes({"b": (m.position("b"), (x + 10, y + 10))})  # where the weights open
    w.scene.clearSelection()
    w.scene.folding.card(gid).setSelected(True)
    w.grouping.ungroup()
    QApplication.processEvents()
    moved = m.position("b")
    assert moved != (x + 10, y + 10)  # room was made for what the card held
    w.scene.select_ids(["n", "o"])
    assert w.grouping.group_selection(label="tail") == gid  # the free id again
    w.grouping.collapse()
    QApplication.processEvents()
    assert m.position("b") == moved
