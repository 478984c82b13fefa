"""Two of issue 10's leftovers, found by a review of the merged app: Find
opening a match folded inside two groups makes room as opening one card
does (one undo step); deleting a group's last node removes the group in the
same undo step (no empty group left in the model and the file)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_folding_scale import chain_of_blocks, check_every_wire, load_grouped, opened_clear
from test_navigation_gui import open_find, type_text
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.learn import templates


def find_match(qtbot, w, node: str):
    """Find (Ctrl+F) ``node``, Enter until it is the current match: the bar."""
    bar = open_find(qtbot, w)
    type_text(qtbot, w, node)
    find = w.navigation.find
    for _ in range(len(find.matches)):
        if find.matches[find.current] == node:
            break
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    return bar


def test_find_opens_a_match_folded_in_two_groups_making_room_in_one_undo_step(qtbot, window):
    w = window
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    m, gs = w.model, w.model.groups
    layer = next(g.id for g in gs if g.label == "layer 1 [1]")
    neuron = gs.children(layer)[0]
    gs.set_collapsed(neuron, True)  # folded inside the folded layer
    QApplication.processEvents()
    w.undo_stack.clear()
    before = {n: m.position(n) for n in m.nodes()}
    node = sorted(gs.nodes_in(neuron))[0]
    bar = find_match(qtbot, w, node)
    find = w.navigation.find
    assert find.matches[find.current] == node
    qtbot.mouseClick(bar.open_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert not gs.get(layer).collapsed and not gs.get(neuron).collapsed
    assert w.undo_stack.count() == 1
    # the opened layer lands on nothing: what was in its way made room
    inside = opened_clear(w, layer, before)
    moved = [n for n in m.nodes() if m.position(n) != before[n]]
    assert moved and not inside & set(moved)
    w.undo_stack.undo()  # one step: both folded, everything back
    QApplication.processEvents()
    assert gs.get(layer).collapsed and gs.get(neuron).collapsed
    assert {n: m.position(n) for n in m.nodes()} == before
    check_every_wire(w)


def test_deleting_a_groups_last_nodes_removes_it_in_the_same_undo_step(qtbot, window, tmp_path):
    w = window
    w.tmp_path = tmp_path
    load_grouped(w, chain_of_blocks(4, 3), 4, 3, nested=True)  # pair0 = {g0, g1}, pair2 = {g2, g3}
    m, gs, sc, ed = w.model, w.model.groups, w.scene, w.editor
    w.grouping.set_collapsed(["g1"], True)
    w.undo_stack.clear()
    before = {g.id: (g.label, set(g.members), g.parent, g.collapsed) for g in gs}
    # one of g2's nodes: the group stays
    sc.select_ids(["b2n0"])
    ed.delete_selection()
    assert "g2" in gs
    w.undo_stack.undo()
    # every node of g0 and of the folded g1: both go, and pair0 with them
    sc.select_ids(sorted(gs.nodes_in("g0")))
    sc.folding.card("g1").setSelected(True)  # the folded card stands for its nodes
    ed.delete_selection()
    QApplication.processEvents()
    assert set(gs.ids()) == {"g2", "g3", "pair2"}
    assert sc.folding.card("g1") is None and sc.folding.frame("pair0") is None
    path = tmp_path / "after.mgraph"
    fileio.save(m, str(path))
    saved = json.loads(path.read_text())
    assert sorted(g["id"] for g in saved["graph"]["groups"]) == ["g2", "g3", "pair2"]
    assert w.undo_stack.count() == 1
    w.undo_stack.undo()  # one step puts the nodes and their groups back
    QApplication.processEvents()
    assert {g.id: (g.label, set(g.members), g.parent, g.collapsed) for g in gs} == before
    assert sc.folding.card("g1") is not None and sc.folding.frame("pair0") is not None
    check_every_wire(w)
    w.undo_stack.redo()
    assert set(gs.ids()) == {"g2", "g3", "pair2"}
