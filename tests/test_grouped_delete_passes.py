"""Deleting whole groups of an open grouped graph, and its undo, guarded by
what the canvas does per gesture rather than the clock (issue 14): the
frames are placed once for the gesture, however many groups there are (a
delete's values placed every frame again a loop turn after its own)."""

from __future__ import annotations

from fold_consistency import consistent
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_expanded, select_all_and_delete, tmp_settings, window  # noqa: F401

from core.graph.group_records import Group
from core.graph.model import GraphModel
from gui.canvas.folding.far_names import FarNames


def grouped_chain(groups: int) -> GraphModel:
    """A chain fed by one leaf, cut in ``groups`` groups of five nodes, each open."""
    nodes = [("x", {"op": "leaf", "value": 1.0})]
    edges = []
    prev = "x"
    for i in range(5 * groups):
        nid = f"n{i}"
        nodes.append((nid, {"op": "add"}))
        edges += [(prev, nid, 0), ("x", nid, 1)]
        prev = nid
    m = GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)
    m.groups.load(
        [Group(f"g{k}", f"part {k}", {f"n{i}" for i in range(5 * k, 5 * k + 5)}) for k in range(groups)]
    )
    return m


def placings_per_gesture(qtbot, w, tmp_path, groups: int, monkeypatch) -> list[tuple[int, int]]:
    """How often the frames are placed, and the groups' names laid out for
    them, by: a value edited (feeding every node), two groups in the middle
    deleted (the rest of the chain left without a value), the undo of that."""
    open_expanded(qtbot, w, grouped_chain(groups), tmp_path)
    sc, layer, view = w.scene, w.scene.folding, w.view
    plans: list[int] = []
    real = FarNames.replan
    monkeypatch.setattr(FarNames, "replan", lambda self: plans.append(1) or real(self))
    QApplication.processEvents()
    out = []

    def count(before: tuple[int, int]) -> tuple[int, int]:
        return layer.placings - before[0], len(plans) - before[1]

    before = layer.placings, len(plans)
    assert w.editor.set_value("x", "2")
    QApplication.processEvents()
    out.append(count(before))
    mid = groups // 2
    gone = sorted(w.model.groups.get(f"g{mid}").members | w.model.groups.get(f"g{mid + 1}").members)
    sc.select_ids(gone)
    view.setFocus()
    QApplication.processEvents()  # (as between a user's key presses)
    assert len(sc.selected_ids()) == 10, (len(sc.selected_ids()), w.status_text())
    before = layer.placings, len(plans)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    out.append(count(before))
    assert f"g{mid}" not in w.model.groups and w.model.value(f"n{5 * groups - 1}") is None
    assert consistent(sc) == []
    before = layer.placings, len(plans)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    out.append(count(before))
    assert len(w.model.groups) == groups and w.model.value(f"n{5 * groups - 1}") is not None
    assert consistent(sc) == []
    return out


def test_an_edit_a_delete_and_its_undo_place_the_frames_once_however_many_groups(
    qtbot, window, tmp_path, monkeypatch
):
    got = placings_per_gesture(qtbot, window, tmp_path, 24, monkeypatch)
    # a value edited: no frame shows a value (was 1: every frame placed again);
    # the groups' change places them (was 2: and again for the values it changed);
    # the undo too, the copies' reach measured with them (was 2: again a loop turn later)
    assert got == [(0, 0), (1, 1), (1, 1)]
    # each frame where its cards and their copies are, as measured anew from nothing
    sc, layer = window.scene, window.scene.folding
    frames = {gid: f.sceneBoundingRect() for gid, f in layer._frames.items()}
    assert len(frames) == 24 and all(not r.isNull() for r in frames.values())
    sc.linked.copy_reach.forget()
    layer._dirty = None
    layer._place()
    assert {gid: f.sceneBoundingRect() for gid, f in layer._frames.items()} == frames
    assert layer._lead and any(v is not None for v in layer._lead.values())  # (the copies reach out)


def test_deleting_every_grouped_node_reads_no_selected_id_while_the_groups_change(
    qtbot, window, tmp_path, monkeypatch
):
    from gui.canvas.selection import SelectionCache

    open_expanded(qtbot, window, grouped_chain(12), tmp_path)
    m, view = window.model, window.view
    read_mid_delete: list[int] = []
    real = SelectionCache.cards
    monkeypatch.setattr(
        SelectionCache, "cards", lambda self: read_mid_delete.append(bool(m.removing)) or real(self)
    )

    def selected() -> None:
        assert window.grouping.action_group.isEnabled() and window.grouping.action_collapse_all.isEnabled()
        read_mid_delete.clear()

    select_all_and_delete(qtbot, window, between=selected)
    assert len(m) == 0 and len(m.groups) == 0
    # the groups' actions followed the groups gone, the selection's ids not read for it
    # (was: the 61 selected cards' ids made a set while they were being deleted)
    assert True not in read_mid_delete
    grouping = window.grouping
    assert not grouping.action_group.isEnabled() and not grouping.action_collapse_all.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert len(m.groups) == 12 and window.grouping.action_collapse_all.isEnabled()
    assert consistent(window.scene) == []


def test_deleting_every_grouped_node_far_out_and_undoing_it_asks_no_card_or_wire_for_its_box(
    qtbot, window, tmp_path, monkeypatch
):
    """Every group goes with its nodes (told first): each card and wire
    comes out of its box to the top level in C loops, none asked where it
    goes (was: a call per card and per wire, twice: 100,000s at 50,000 nodes);
    the undo puts them back in C loops too, filed as a rebuild would."""
    from test_delete_grouped_costs import as_rebuilt, overview_tables

    from gui.canvas.cards.node_item import NodeItem
    from gui.canvas.folding import box_homes
    from gui.canvas.folding.fold_queries import FoldQueries

    open_expanded(qtbot, window, grouped_chain(12), tmp_path)
    sc, view = window.scene, window.view
    view.set_zoom(0.05)  # far out: the overview draws the graph
    QApplication.processEvents()
    view.viewport().repaint()
    asked: list[object] = []
    for name in ("node_box", "wire_box"):
        real = getattr(FoldQueries, name)
        monkeypatch.setattr(FoldQueries, name, lambda self, k, real=real: asked.append(k) or real(self, k))
    real_adopt = box_homes.adopt  # (the boxes of the groups gone come out one by one: one a group)
    monkeypatch.setattr(
        box_homes,
        "adopt",
        lambda it, box: isinstance(it, NodeItem) and asked.append(it) or real_adopt(it, box),
    )
    select_all_and_delete(qtbot, window)
    assert len(window.model) == 0 and len(window.model.groups) == 0
    assert asked == []
    assert all(it.parentItem() is None for it in sc.parking.cards())  # (parked at the top level)
    assert consistent(sc) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    view.viewport().repaint()
    assert len(window.model.groups) == 12 and consistent(sc) == []
    assert asked == []  # (into their boxes again in C loops too: was a call each, thrice)
    boxes = sc.folding._homes.boxes
    assert all(sc.node_item(n).parentItem() is boxes[g] for n, g in window.model.groups.membership().items())
    got = overview_tables(sc._layer)
    assert got[1] and got == as_rebuilt(sc._layer)


def test_the_cards_a_delete_takes_out_of_their_groups_are_neither_filed_nor_drawn_again_before_they_go(
    qtbot, window, tmp_path, monkeypatch
):
    """The nodes of a delete leave their groups first (told as it is made):
    their cards come out of the boxes (which may go), but are not filed in the
    overview's new bucket, nor their wires drawn where they run, a moment
    before they go (five groups of the 50,000-node benchmark: 500 cards and
    their wires, ~25 ms); the picture after, and after the undo, is as a
    rebuild makes it."""
    from test_delete_grouped_costs import as_rebuilt, overview_tables

    open_expanded(qtbot, window, grouped_chain(12), tmp_path)
    sc, view, m = window.scene, window.view, window.model
    view.set_zoom(0.05)  # far out: the overview draws the graph
    QApplication.processEvents()
    view.viewport().repaint()
    gone = sorted(m.groups.get("g5").members | m.groups.get("g6").members | {"n37"})  # (and one of g7)
    filed: list[str] = []
    rerouted: list[tuple] = []
    real_changed, real_reroute = type(sc).overview_changed, type(sc).reroute
    monkeypatch.setattr(
        type(sc),
        "overview_changed",
        lambda self, it=None: filed.append(getattr(it, "node_id", it)) or real_changed(self, it),
    )
    monkeypatch.setattr(
        type(sc), "reroute", lambda self, keys: rerouted.extend(keys) or real_reroute(self, keys)
    )
    homes = sc.folding._homes
    quiet = homes.went_quietly
    sc.select_ids(gone)
    view.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    view.viewport().repaint()
    assert "g5" not in m.groups and "g6" not in m.groups and "n37" not in m
    assert not set(filed) & set(gone)  # (was: each card filed in the top level's bucket)
    assert not [k for k in rerouted if k[0] in gone or k[1] in gone]  # (was: their 21 wires drawn again)
    assert homes.went_quietly - quiet == len(gone)  # each out of its box once, quietly
    assert consistent(sc) == []
    got = overview_tables(sc._layer)
    assert got[1] and got == as_rebuilt(sc._layer)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    view.viewport().repaint()
    assert len(m.groups) == 12 and all(n in m for n in gone) and consistent(sc) == []
    boxes = sc.folding._homes.boxes
    assert all(sc.node_item(n).parentItem() is boxes[g] for n, g in m.groups.membership().items())
    got = overview_tables(sc._layer)
    assert got[1] and got == as_rebuilt(sc._layer)


def test_wires_an_undo_puts_back_far_out_in_a_grouped_graph_get_no_item_until_seen(
    qtbot, window, tmp_path, monkeypatch
):
    """Far out in a big graph, the wires the undo of a grouped delete puts
    back are filed by where they run, indexed in their groups and drawn by the
    overview in their boxes, without an item each (as in a graph without
    groups; the undo of five of 500 groups made 1,100 far out); zoomed in,
    those seen get their items, each in its group's box. With a group folded
    they are made as ever (one may end at the folded card's port)."""
    from test_delete_grouped_costs import as_rebuilt, overview_tables

    from gui.canvas import scene_build

    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # (the chain is big here)
    open_expanded(qtbot, window, grouped_chain(14), tmp_path)
    sc, view, m = window.scene, window.view, window.model
    view.set_zoom(0.05)  # far out: the overview draws the graph
    QApplication.processEvents()
    view.viewport().repaint()
    gone = sorted(n for g in ("g3", "g4", "g5", "g6", "g7", "g8", "g9") for n in m.groups.get(g).members)
    back = [k for k in m.edges() if k[0] in gone or k[1] in gone]
    sc.select_ids(gone)
    view.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    view.viewport().repaint()
    made = len(sc.wires.made_map())
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    view.viewport().repaint()
    assert len(m.groups) == 14 and all(k in m.edges() for k in back)
    assert len(sc.wires.made_map()) == made and not any(sc.wires.made(k) for k in back)  # (was: 71 made)
    assert all(k in sc.wires for k in back)  # (each filed, to be made when seen)
    assert consistent(sc) == []  # (indexed in their groups; their lines in their boxes)
    assert overview_tables(sc._layer) == as_rebuilt(sc._layer)
    # x is in no group and feeds all 70: its wires back are indexed though no node is regrouped
    sc.select_ids(["x"])
    QApplication.processEvents()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert "x" not in m
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "x" in m
    assert len(sc.wires.made_map()) == made and consistent(sc) == []  # (before a paint would index them)
    QApplication.processEvents()
    view.viewport().repaint()
    assert overview_tables(sc._layer) == as_rebuilt(sc._layer)
    view.set_zoom(1.0)
    view.centerOn(sc.node_item("n27").pos())
    QApplication.processEvents()
    view.viewport().repaint()
    seen = [k for k in back if sc.wires.made(k) is not None]
    assert seen and consistent(sc) == []  # (each made into its group's box)
    view.set_zoom(0.05)
    QApplication.processEvents()
    m.groups.set_collapsed("g2", True)  # a group folded: the next undo's wires made as ever
    QApplication.processEvents()
    sc.select_ids(gone)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    view.viewport().repaint()
    assert len(m.groups) == 14 and consistent(sc) == []
    assert overview_tables(sc._layer) == as_rebuilt(sc._layer)
