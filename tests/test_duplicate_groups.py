"""Duplicate, Copy and Paste of groups, and the room Ctrl+G leaves for linked
copies, driven as a user (trial 49, items 4 and 5): a logistic regression
with two data points sharing ``w`` and ``b``, p_i = sigmoid(w*x_i + b),
L = (p1 - y1)**2 + (p2 - y2)**2, each data point a group."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_groups_gui import click_scene, type_name_soon
from window_helpers import answers, run_to_end, show_mlp, tmp_settings, trigger, window  # noqa: F401

from core.explain.format import fmt_card
from gui.canvas.linked.copy_item import room_rect
from gui.canvas.painting import CARD_RECT

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NODES = {  # id: (op, value or exponent)
    "w": ("leaf", 0.5),
    "b": ("leaf", -1.0),
    "x1": ("leaf", 2.0),
    "y1": ("leaf", 1.0),
    "x2": ("leaf", -2.0),
    "y2": ("leaf", 0.0),
    **{f"m{i}": ("mul", None) for i in (1, 2)},
    **{f"a{i}": ("add", None) for i in (1, 2)},
    **{f"p{i}": ("sigmoid", None) for i in (1, 2)},
    **{f"s{i}": ("sub", None) for i in (1, 2)},
    **{f"q{i}": ("pow", 2.0) for i in (1, 2)},
    "L": ("add", None),
}
WIRES = [
    *[
        (s, t, p)
        for i in "12"
        for s, t, p in [("w", f"m{i}", 0), (f"x{i}", f"m{i}", 1), (f"m{i}", f"a{i}", 0)]
    ],
    *[
        (s, t, p)
        for i in "12"
        for s, t, p in [("b", f"a{i}", 1), (f"a{i}", f"p{i}", 0), (f"p{i}", f"s{i}", 0)]
    ],
    *[
        (s, t, p)
        for i in "12"
        for s, t, p in [(f"y{i}", f"s{i}", 1), (f"s{i}", f"q{i}", 0), (f"q{i}", "L", int(i) - 1)]
    ],
]
SAMPLE = {i: [f"{k}{i}" for k in "xympsqa"] for i in (1, 2)}
#: As the trial saved it: laid out after grouping.
GROUPED = {
    **{"w": (0, -55), "b": (0, 55), "L": (1908, 0)},
    **{"x1": (254, -113.5), "m1": (594, -113.5), "a1": (934, -113.5), "p1": (1174, -196)},
    **{"y1": (1174, -86), "s1": (1414, -141), "q1": (1654, -141)},
    **{"x2": (254, 192.5), "m2": (594, 192.5), "a2": (934, 192.5), "p2": (1174, 110)},
    **{"y2": (1174, 220), "s2": (1414, 165), "q2": (1654, 165)},
}
#: As Auto Layout placed it before any group.
LAID_OUT = {
    **{"w": (0, -110), "x1": (0, 0), "x2": (0, 110), "m1": (240, -110), "m2": (240, 0), "b": (240, 110)},
    **{"a1": (480, -55), "a2": (480, 55), "y1": (720, -165), "y2": (720, -55), "p1": (720, 55)},
    **{"p2": (720, 165), "s1": (960, -55), "s2": (960, 55), "q1": (1200, -55), "q2": (1200, 55)},
    "L": (1440, 0),
}


def open_logreg(w, tmp_path, pos: dict, grouped: bool, extra: dict | None = None) -> None:
    """The logreg graph, each node at ``pos``; ``extra``: more values (id -> where), wired to nothing."""
    nodes = [
        {"id": n, "op": "leaf", "label": n, "value": 1.0, "x": float(x), "y": float(y)}
        for n, (x, y) in (extra or {}).items()
    ]
    for n, (op, v) in NODES.items():
        nd = {"id": n, "op": op, "label": n, "x": float(pos[n][0]), "y": float(pos[n][1])}
        if v is not None:
            nd["exponent" if op == "pow" else "value"] = v
        nodes.append(nd)
    groups = [
        {"id": f"group{i}", "label": f"sample {i}", "members": SAMPLE[i], "parent": None, "collapsed": False}
        for i in (1, 2)
    ]
    graph = {"format": "micrograd-studio", "version": 1, "output": "L", "groups": groups if grouped else []}
    edges = [{"source": s, "target": t, "port": p, "key": 0} for s, t, p in WIRES]
    data = {"directed": True, "multigraph": True, "graph": graph, "nodes": nodes, "edges": edges}
    path = tmp_path / "logreg.mgraph"
    path.write_text(json.dumps(data))
    w.resize(1600, 1000)  # the trial's screen
    QApplication.processEvents()
    assert w.open_path(path)
    QApplication.processEvents()
    w.view.setFocus()


def click_tab(qtbot, w, gid: str) -> None:
    """Click the name tab of ``gid``'s frame (it selects the group)."""
    frame = w.scene.folding.frame(gid)
    w.view.ensureVisible(frame)
    QApplication.processEvents()
    tab = frame.title_rect()
    click_scene(qtbot, w, frame.mapToScene(tab.center() + QPointF(tab.width() / 4, 0)))


def keys(qtbot, w, key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    """Press ``key`` on the canvas, the window active again (as after a dialog closed)."""
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    w.view.setFocus()
    qtbot.keyClick(w.view, key, mods)
    QApplication.processEvents()


def overlapping(w) -> list[tuple[str, str]]:
    """The pairs of shown cards that overlap, and cards under another group's
    frame (the card itself: a frame grown to hold a copy above its top card
    may reach into the room kept round a card for its ports and glow)."""
    sc, gs = w.scene, w.model.groups
    rects = sc.card_rects()
    ids = sorted(rects)
    out = []
    for i, a in enumerate(ids):
        ra = rects[a]
        for b in ids[i + 1 :]:
            rb = rects[b]
            if ra[0] < rb[2] and rb[0] < ra[2] and ra[1] < rb[3] and rb[1] < ra[3]:
                out.append((a, b))
    for g in gs.ids():
        box = sc.folding.frame(g).outline()
        mine = gs.nodes_in(g)
        for n in rects:
            if n not in mine and box.intersects(CARD_RECT.translated(*w.model.position(n))):
                out.append((g, n))
    return out


def group_named(w, label: str) -> str:
    (gid,) = [g.id for g in w.model.groups if g.label == label]
    return gid


def test_ctrl_d_on_a_groups_tab_duplicates_the_group_beside_it_wired_to_the_shared_w_and_b(
    qtbot, window, tmp_path
):
    """The trial clicked "sample 2" and pressed Ctrl+D for a third data
    point: the copies landed 40 units off the originals, covering them,
    in no group, their w*x2 and w*x2 + b reading ? (w and b not wired)."""
    w, m = window, window.model
    open_logreg(w, tmp_path, GROUPED, grouped=True)
    m = w.model
    click_tab(qtbot, w, "group2")
    assert set(w.scene.selected_ids()) == set(SAMPLE[2])
    keys(qtbot, w, Qt.Key.Key_D, CTRL)
    assert len(m) == 24
    gid = group_named(w, "sample 2 copy")
    copy = m.groups.nodes_in(gid)
    assert len(copy) == 7 and not copy & set(NODES)
    assert set(w.scene.selected_ids()) == copy
    by_label = {m.label(n): n for n in copy}
    assert m.inputs(by_label["m2"]) == ["w", by_label["x2"]]  # the same shared w and b
    assert m.inputs(by_label["a2"]) == [by_label["m2"], "b"]
    assert m.value(by_label["q2"]) == pytest.approx(m.value("q2"))
    assert not overlapping(w)
    # beside the originals, not far away: below "sample 2", level with it
    assert w.scene.folding.frame(gid).outline().top() > w.scene.folding.frame("group2").outline().bottom()
    assert m.position(by_label["x2"])[0] == m.position("x2")[0]
    said = w.status_text()
    assert "“sample 2 copy”" in said and "wired to the same w, b" in said
    assert w.action_undo.text().replace("&", "") == "Undo Duplicate 7 nodes"
    keys(qtbot, w, Qt.Key.Key_Z, CTRL)  # one undo entry: nodes, wires and group
    assert len(m) == 17 and [g.label for g in m.groups] == ["sample 1", "sample 2"]
    assert m.consumers("w") == [("m1", 0), ("m2", 0)] or sorted(m.consumers("w")) == [("m1", 0), ("m2", 0)]
    keys(qtbot, w, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(m) == 24 and m.groups.nodes_in(group_named(w, "sample 2 copy")) == copy
    click_tab(qtbot, w, group_named(w, "sample 2 copy"))
    keys(qtbot, w, Qt.Key.Key_D, CTRL)  # again: a fourth data point, under the third
    assert len(m) == 31 and not overlapping(w)
    assert "sample 2 copy 2" in [g.label for g in m.groups]


def test_copy_and_paste_into_a_new_document_keeps_the_groups_and_names_the_inputs_left_empty(
    qtbot, window, tmp_path
):
    """The trial pasted the whole graph into a new document: the groups were
    gone, and most cards off-screen. A group pasted without the w and b it
    uses (not in that document) says so."""
    w = window
    open_logreg(w, tmp_path, GROUPED, grouped=True)
    click_tab(qtbot, w, "group2")
    keys(qtbot, w, Qt.Key.Key_C, CTRL)
    trigger(w, "new")
    m = w.model
    assert len(m) == 0
    keys(qtbot, w, Qt.Key.Key_V, CTRL)
    assert len(m) == 7
    (g,) = list(m.groups)
    assert g.label == "sample 2" and m.groups.nodes_in(g.id) == set(m.nodes())  # its name is free here
    mul = next(n for n in m.nodes() if m.op(n) == "mul")
    assert m.inputs(mul)[0] is None  # no w here: left empty, and said
    assert "w, b not copied: 2 inputs left empty" in w.status_text()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert all(seen.contains(w.scene.node_item(n).sceneBoundingRect()) for n in m.nodes())
    keys(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert len(m) == 0 and not len(m.groups)
    # the whole graph: both groups come along, and no input is left out
    open_logreg(w, tmp_path, GROUPED, grouped=True)
    w.view.setFocus()
    keys(qtbot, w, Qt.Key.Key_A, CTRL)
    keys(qtbot, w, Qt.Key.Key_C, CTRL)
    trigger(w, "new")
    keys(qtbot, w, Qt.Key.Key_V, CTRL)
    m = w.model
    assert len(m) == 17 and sorted(g.label for g in m.groups) == ["sample 1", "sample 2"]
    assert "not copied" not in w.status_text()


def test_paste_in_the_same_document_lands_in_free_room_wired_to_the_shared_inputs(qtbot, window, tmp_path):
    w = window
    open_logreg(w, tmp_path, GROUPED, grouped=True)
    m = w.model
    click_tab(qtbot, w, "group1")
    keys(qtbot, w, Qt.Key.Key_C, CTRL)
    keys(qtbot, w, Qt.Key.Key_V, CTRL)
    assert len(m) == 24 and not overlapping(w)
    gid = group_named(w, "sample 1 copy")
    mul = next(n for n in m.groups.nodes_in(gid) if m.op(n) == "mul")
    assert m.inputs(mul)[0] == "w" and "wired to the same w, b" in w.status_text()


def test_a_nested_group_duplicated_with_its_parent_stays_nested(qtbot, window, tmp_path):
    w = window
    open_logreg(w, tmp_path, GROUPED, grouped=True)
    m = w.model
    w.scene.select_ids(["s2", "q2"])
    type_name_soon(qtbot, "error 2")
    keys(qtbot, w, Qt.Key.Key_G, CTRL)
    inner = group_named(w, "error 2")
    assert m.groups.get(inner).parent == "group2"
    click_tab(qtbot, w, "group2")
    keys(qtbot, w, Qt.Key.Key_D, CTRL)
    outer, inner_copy = group_named(w, "sample 2 copy"), group_named(w, "error 2 copy")
    assert m.groups.get(inner_copy).parent == outer
    assert {m.label(n) for n in m.groups.nodes_in(inner_copy)} == {"s2", "q2"}
    # a node duplicated inside a group (not all of it), with no room in its frame:
    # beside it, in no group (the frame grown around it would cover "sample 1")
    w.scene.select_ids(["p2"])
    keys(qtbot, w, Qt.Key.Key_D, CTRL)
    (new,) = w.scene.selected_ids()
    assert m.groups.group_of(new) is None and not overlapping(w)


def test_ctrl_g_leaves_room_for_the_linked_copies_it_brings(qtbot, window, tmp_path):
    """Grouped after Auto Layout, "sample 2"'s uses of w and b became linked
    copies, and the copy "w 0.5000" covered the card x2 (its name hidden),
    the copy of b the card w*x2; only Auto Layout cleared it."""
    w = window
    open_logreg(w, tmp_path, LAID_OUT, grouped=False)
    m, sc = w.model, w.scene
    before = {n: m.position(n) for n in m.nodes()}
    group_samples(qtbot, w)
    said = w.status_text()
    rects, rule = sc.card_rects(), sc.linked.rule
    covered = []
    for s, t, p in rule.every_key():
        x, y = m.position(t)
        pill = room_rect(len(m.inputs(t)), p).translated(x, y)
        for n, r in rects.items():
            if (
                n != t
                and r[0] < pill.right()
                and pill.left() < r[2]
                and r[1] < pill.bottom()
                and pill.top() < r[3]
            ):
                covered.append((s, t, n))
    assert ("w", "m2", "x2") not in covered and not covered
    for c in sc.linked.copies():  # the copies drawn cover no card either
        assert not any(c.scene_rect().intersects(sc.node_item(n).sceneBoundingRect()) for n in m.nodes())
    assert sc.linked.copies()
    assert "moved right to make room for the linked copies" in said
    keys(qtbot, w, Qt.Key.Key_Z, CTRL)  # the group and the room it made: one undo entry
    keys(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert not len(m.groups) and {n: m.position(n) for n in m.nodes()} == before


def group_samples(qtbot, w) -> None:
    """Fit, then group each data point (Ctrl+click its cards, Ctrl+G, name it)."""
    m, sc = w.model, w.scene
    w.view.fit_all()
    QApplication.processEvents()
    for i in (1, 2):
        sc.clearSelection()
        for n in SAMPLE[i]:  # Ctrl+click each card of the data point
            click_scene_mods(qtbot, w, sc.node_item(n).sceneBoundingRect().center(), CTRL)
        assert set(sc.selected_ids()) == set(SAMPLE[i])
        type_name_soon(qtbot, f"sample {i}")
        keys(qtbot, w, Qt.Key.Key_G, CTRL)
    assert [g.label for g in m.groups] == ["sample 1", "sample 2"]


def test_ctrl_g_makes_room_for_its_copies_in_their_rows_only(qtbot, window, tmp_path):
    """Ctrl+G's room for the linked copies moved every card right of the
    consumer's left edge, on any row (review 49, finding 6): cards far above
    and below, which no copy comes near, stay where they are."""
    w = window
    far = {"above": (960.0, -1500.0), "below": (1200.0, 1500.0), "level": (1440.0, 300.0)}
    open_logreg(w, tmp_path, LAID_OUT, grouped=False, extra=far)
    m = w.model
    group_samples(qtbot, w)
    assert "moved right to make room for the linked copies" in w.status_text()
    # what became of the shared values, and how to have wires instead (trial 50: slides showed x unwired)
    assert "b, w are drawn as linked copies (View › Linked Copies: wires instead)" in w.status_text()
    assert m.position("above") == far["above"] and m.position("below") == far["below"]
    assert m.position("level")[0] > far["level"][0]  # (in the rows the copies need: moved with L)
    assert m.position("L")[0] > LAID_OUT["L"][0] and not overlapping(w)


def click_scene_mods(qtbot, w, scene_pos, mods) -> None:
    p = w.view.mapFromScene(scene_pos)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, mods, pos=p)
    QApplication.processEvents()


def test_a_node_duplicated_where_its_groups_frame_has_room_joins_the_group(qtbot, window, tmp_path):
    w = window
    nodes = [
        {"id": "a", "op": "leaf", "value": 1.0, "x": 0.0, "y": 0.0},
        {"id": "b", "op": "leaf", "value": 2.0, "x": 0.0, "y": 600.0},
        {"id": "c", "op": "add", "x": 400.0, "y": 300.0},
    ]
    group = {"id": "g1", "label": "G", "members": ["a", "b", "c"], "parent": None, "collapsed": False}
    graph = {"format": "micrograd-studio", "version": 1, "output": "c", "groups": [group]}
    edges = [{"source": s, "target": "c", "port": p, "key": 0} for p, s in enumerate("ab")]
    path = tmp_path / "room.mgraph"
    path.write_text(
        json.dumps({"directed": True, "multigraph": True, "graph": graph, "nodes": nodes, "edges": edges})
    )
    w.resize(1600, 1000)
    assert w.open_path(path)
    QApplication.processEvents()
    m = w.model
    click_scene(qtbot, w, w.scene.node_item("a").sceneBoundingRect().center())
    assert w.scene.selected_ids() == ["a"]
    keys(qtbot, w, Qt.Key.Key_D, CTRL)
    (new,) = w.scene.selected_ids()
    assert new != "a" and m.groups.group_of(new) == "g1" and not overlapping(w)
    keys(qtbot, w, Qt.Key.Key_Z, CTRL)
    assert m.groups.get("g1").members == {"a", "b", "c"} and len(m) == 3


def test_ctrl_d_of_a_folded_card_selects_its_copys_card_and_shows_it(qtbot, window, tmp_path):
    """Verify 57: the copy of a folded group went below the graph, out of view,
    and nothing was selected (a second Ctrl+D did nothing)."""
    w = window
    open_logreg(w, tmp_path, GROUPED, grouped=True)
    m = w.model
    w.grouping.set_collapsed(["group2"], True)
    QApplication.processEvents()
    card = w.scene.folding.card("group2")
    w.view.centerOn(card.sceneBoundingRect().center())
    QApplication.processEvents()
    click_scene(qtbot, w, card.sceneBoundingRect().center())
    assert card.isSelected()
    keys(qtbot, w, Qt.Key.Key_D, CTRL)
    gid = group_named(w, "sample 2 copy")
    copy = w.scene.folding.card(gid)
    assert copy is not None and copy.isVisible() and copy.isSelected() and not card.isSelected()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.contains(copy.sceneBoundingRect())
    keys(qtbot, w, Qt.Key.Key_D, CTRL)  # again: the copy's copy
    assert "sample 2 copy 2" in [g.label for g in m.groups]


def test_a_folded_copy_of_the_loss_group_shows_its_loss_as_an_output_row(qtbot, window):
    """Ctrl+D of the MLP's folded "loss" card: its copy, "loss copy", showed its
    name alone (its loss feeds nothing, not the graph's output: no row), where
    a user looks for the value. A node used nowhere is an output row, with its
    own gradient after a pass where it has one (this copy is no part of it)."""
    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    card = w.scene.folding.card(group_named(w, "loss"))
    click_scene(qtbot, w, card.sceneBoundingRect().center())
    keys(qtbot, w, Qt.Key.Key_D, CTRL)
    gid = group_named(w, "loss copy")
    copy, m = w.scene.folding.card(gid), w.model
    (end,) = [n for n in m.groups.nodes_in(gid) if not m.consumers(n)]
    assert end != m.output and m.label(end) == "loss"
    assert [(p.node, p.value) for p in copy.outputs] == [(end, m.value(m.output))]
    assert any(fmt_card(m.value(end)) in t.text for t in copy.texts_at(1.0)), copy.texts_at(1.0)
    run_to_end(qtbot, w)
    assert [(p.node, p.grad) for p in copy.outputs] == [(end, None)]  # (the pass runs from "loss")
    assert [p.grad for p in card.outputs] == [1.0]
