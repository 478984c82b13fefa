"""Bugs found where the merged folding rework meets the group edits (review
of the five-branch merge): each drives the window as a user does and checks
every wire is drawn where it goes and nothing folded away shows."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_folding_scale import chain_of_blocks, check_every_wire, grouped, load_grouped  # noqa: F401
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def pick_card(w, gid: str) -> None:
    """Click a folded group's card (select it alone)."""
    w.scene.clearSelection()
    w.scene.folding.card(gid).setSelected(True)
    settle()


def test_ungrouping_a_folded_group_draws_its_wires_to_the_cards_again(grouped):
    w = grouped
    load_grouped(w, chain_of_blocks(3, 4), 3, 4, nested=False)
    w.grouping.set_collapsed(["g1"], True)
    settle()
    pick_card(w, "g1")
    trigger(w, "ungroup")  # Ctrl+Shift+G on the folded card
    settle()
    assert "g1" not in w.model.groups
    check_every_wire(w)  # was: the wires in and out still ended where the card had been
    trigger(w, "undo")
    settle()
    check_every_wire(w)


def test_undoing_ungroup_of_a_folded_outer_group_folds_its_inner_groups_away_again(grouped):
    w = grouped
    load_grouped(w, chain_of_blocks(4, 4), 4, 4, nested=True)
    w.grouping.set_collapsed(["pair0"], True)
    settle()
    pick_card(w, "pair0")
    trigger(w, "ungroup")
    settle()
    check_every_wire(w)  # was: the inner groups' wires kept the curves of before
    trigger(w, "undo")
    settle()
    assert w.model.groups.get("pair0").collapsed
    # was: block 0 and 1's cards shown on the canvas with pair 0 folded
    assert not any(w.scene.node_item(n).isVisible() for n in w.model.groups.nodes_in("pair0"))
    check_every_wire(w)
    trigger(w, "redo")
    settle()
    check_every_wire(w)


def test_deleting_a_folded_card_leaves_no_empty_card_behind(grouped):
    w = grouped
    load_grouped(w, chain_of_blocks(3, 4), 3, 4, nested=True)
    w.grouping.set_collapsed(["g1"], True)
    settle()
    pick_card(w, "g1")
    trigger(w, "delete")
    settle()
    assert not any(n in w.model for n in ("x1", "b1n0", "b1n1", "b1n2"))
    # was: a card named "block 1" stayed, standing for no node (Cut, Copy
    # and Duplicate greyed out when it was selected)
    assert [c.gid for c in w.scene.folding.cards() if c.isVisible()] == []
    check_every_wire(w)
    trigger(w, "undo")
    settle()
    assert w.scene.folding.card("g1").isVisible()
    check_every_wire(w)


def test_grouping_some_nodes_of_a_group_saves_a_file_that_opens_again(grouped, tmp_path, answers):
    w = grouped
    load_grouped(w, chain_of_blocks(3, 5), 3, 5, nested=False)
    w.scene.select_ids(["b0n1", "b0n2"])  # part of block 0: a group inside it
    w.grouping.group_selection(label="inner")
    gs = w.model.groups
    inner = gs.group_of("b0n1")
    assert gs.get(inner).parent == "g0"
    assert "b0n1" not in gs.get("g0").members  # was: listed directly in both groups
    w.scene.select_ids(["b0n1"])
    w.editor.delete_selection()
    answers.save_path = str(tmp_path / "nested.mgraph")
    trigger(w, "save_as")
    w.undo_stack.setClean()
    # was: "group 'g0': member 'b0n1' is not a node of the graph"
    assert w.open_path(tmp_path / "nested.mgraph"), answers.errors
    assert answers.errors == []
    gs = w.model.groups
    assert sorted(gs.nodes_in("g0")) == ["b0n0", "b0n2", "b0n3", "x0"]
    check_every_wire(w)


def test_auto_layout_with_a_folded_group_whose_value_comes_back_into_it(grouped, tmp_path):
    """x → a → (outside) b → c, with x, a and c in one folded group: the graph
    with the group contracted to its card has a loop (card → b → card)."""
    from core.files import fileio
    from core.graph.model import GraphModel

    m = GraphModel()
    x = m.add_node("leaf", "x", value=0.5, x=0.0, y=0.0)
    a = m.add_node("tanh", "a", x=200.0, y=0.0)
    b = m.add_node("neg", "b", x=400.0, y=200.0)
    c = m.add_node("add", "c", x=600.0, y=0.0)
    m.connect(x, a, 0)
    m.connect(a, b, 0)
    m.connect(b, c, 0)
    m.connect(a, c, 1)
    m.groups.add([x, a, c], "loop", gid="g", collapsed=True)
    fileio.save(m, str(tmp_path / "loop.mgraph"))
    w = grouped
    assert w.open_path(tmp_path / "loop.mgraph")
    settle()
    trigger(w, "layout")  # Ctrl+L; was: ValueError "the graph has a cycle" (a traceback)
    settle()
    card = w.scene.folding.card("g").sceneBoundingRect()
    assert not card.intersects(w.scene.node_item("b").sceneBoundingRect())
    check_every_wire(w)
    trigger(w, "undo")
    settle()
    assert w.model.position("b") == (400.0, 200.0)
