"""What folding one group or opening every group walks: re-routing a few
wires asks the map of wires without an item about those wires only (a set
difference with the map's keys walks all of them, ~80,000 at 50,000 nodes,
to re-route the ~170 crossing one group's boundary); Expand All's landing
check reads each group's nodes from one map of children, not by looking
through every group for each one's children; a group opened again gets
back its frame, its name laid out as it was (far out, laying out 500
groups' names cost ~0.1 s of Expand All at 50,000 nodes); a card with more
values crossing a side than it lists (one summary row) makes no row for each
(folding 500 groups made ~25,000)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from scene_checks import Walked, count_calls
from test_folding_scale import chain_of_blocks, check_every_wire, grouped, load_grouped  # noqa: F401
from test_frame_layer import ROUNDING, off, painted_by_themselves
from test_frame_layer import grouped as far_grouped
from test_overview_cache import far_canvas, frame
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.graph.groups import MAX_PORT_ROWS, Group, GroupSet
from core.graph.model import GraphModel
from gui.canvas.folding import card_rows
from gui.canvas.folding.fold_routes import ends_of
from gui.canvas.folding.group_items import GroupFrame
from gui.canvas.painting import OUT_Y, PORT_YS, W2
from gui.canvas.wires.lazy_wires import LazyWires
from gui.common import style as S
from gui.groups.commands import FoldCommand


class Card:
    arity = 2


class Edges:
    def __init__(self, made: dict, pending: dict) -> None:
        self._maps = made, pending

    def maps(self):
        return self._maps


def test_rerouting_a_few_wires_does_not_walk_every_wire_without_an_item():
    pending = Walked({(f"s{i}", f"t{i}", 0): None for i in range(5000)})
    made = {("a", "b", 1): object()}
    keys = {("s1", "t1", 0), ("a", "b", 1), ("gone", "b", 0)}  # pending, with an item, unknown
    pos = {n: (float(i), 2.0 * i) for i, n in enumerate(["s1", "t1", "a", "b", "gone"])}
    nodes = {n: Card() for n in pos}
    Walked.walks = 0
    xy, items = ends_of(keys, Edges(made, pending), nodes, pos, {}, {}, {})
    assert Walked.walks == 0
    assert set(xy) == {("s1", "t1", 0), ("a", "b", 1)} and list(items) == [("a", "b", 1)]
    assert xy[("a", "b", 1)] == (2 + W2, 4 + OUT_Y, 3 - W2, 6 + PORT_YS[2][1])


class CountingWires(LazyWires):
    """LazyWires whose map of wires without an item counts the walks over it."""

    def __init__(self) -> None:
        super().__init__({}, lambda keys: [])
        self._pending = Walked()


def test_noting_a_few_moved_wires_does_not_walk_every_wire_without_an_item():
    wires = CountingWires()
    wires.defer_many(((f"s{i}", f"t{i}", 0), 0.0, 0.0, 10.0 * i, 5.0) for i in range(5000))
    Walked.walks = 0
    wires.note_moved_xy({("s3", "t3", 0): (1.0, 2.0, 3.0, 4.0), ("s9", "t9", 0): (0.0, 0.0, 1.0, 1.0)}, {})
    assert Walked.walks == 0
    assert wires.is_pending(("s3", "t3", 0)) and len(wires) == 5000


BLOCKS = 24


def expand_all_counting(w, monkeypatch, owner, name: str) -> tuple[dict, list]:
    """A laid-out chain of nested groups, all folded, then Expand All with
    each call of ``owner.<name>`` counted: (positions before, the calls)."""
    load_grouped(w, chain_of_blocks(BLOCKS, 6), BLOCKS, 6, nested=True)
    m = w.model
    w.grouping.set_collapsed(m.groups.ids(), True)
    QApplication.processEvents()
    calls = count_calls(monkeypatch, owner, name)
    before = {n: m.position(n) for n in m.nodes()}
    w.grouping.expand_all()
    QApplication.processEvents()
    monkeypatch.undo()
    return before, calls


def test_expand_all_reads_the_groups_children_once_not_per_group(grouped, monkeypatch):
    w, blocks = grouped, BLOCKS
    before, asked = expand_all_counting(w, monkeypatch, GroupSet, "children")
    m = w.model
    assert all(not g.collapsed for g in m.groups)
    # each a look through every group: a few for the command, never one per group
    assert len(asked) < blocks // 4, len(asked)
    assert {n: m.position(n) for n in m.nodes()} == before  # laid out: nothing lands on anything
    check_every_wire(w)


def test_expand_all_of_a_laid_out_graph_sorts_the_cards_once_and_checks_no_pair(grouped, monkeypatch):
    """Cards in columns clear of each other (a laid-out graph) land on
    nothing: found from one sort of the positions, without the spatial hash
    that looks at each card and its neighbours (~0.4 s at 50,000 nodes)."""
    from gui.groups import room_plans

    w = grouped
    before, hashed = expand_all_counting(w, monkeypatch, room_plans, "lands_on_others")
    m = w.model
    assert all(not g.collapsed for g in m.groups)
    assert hashed == []
    assert {n: m.position(n) for n in m.nodes()} == before
    check_every_wire(w)


def test_a_group_opened_again_gets_its_frame_back_with_its_name_laid_out(qtbot, monkeypatch):
    scene, view, _ = far_grouped(qtbot)
    m = scene.model
    before = frame(view)
    frames = {gid: scene.folding.frame(gid) for gid in m.groups.ids()}
    assert scene.far and len(frames) > 30 and None not in frames.values()
    FoldCommand(m, m.groups.ids(), True).apply()
    frame(view)
    made, laid = [], []
    real_init, real_layout = GroupFrame.__init__, GroupFrame._layout
    monkeypatch.setattr(GroupFrame, "__init__", lambda self, *a: (made.append(a), real_init(self, *a))[1])
    monkeypatch.setattr(
        GroupFrame, "_layout", lambda self, *a: (laid.append(self.gid), real_layout(self, *a))[1]
    )
    FoldCommand(m, m.groups.ids(), False).apply()
    after = frame(view)
    monkeypatch.undo()
    assert made == [] and laid == []
    assert {gid: scene.folding.frame(gid) for gid in m.groups.ids()} == frames
    assert off(after, before) <= ROUNDING and off(after, painted_by_themselves(scene, view)) <= ROUNDING
    # a group renamed while folded opens with its new name
    FoldCommand(m, ["o0"], True).apply()
    m.groups.rename("o0", "a new name")
    FoldCommand(m, ["o0"], False).apply()
    frame(view)
    assert any(t.text == "a new name" for t in scene.folding.frame("o0").laid_out())
    # one put into a new group while folded opens as an inner group: far out, unnamed
    f = scene.folding.frame
    gid = next(g for g in m.groups.ids() if g != "o0" and f(g).depth == 0 and f(g).laid_out())
    FoldCommand(m, [gid], True).apply()
    frame(view)
    m.groups.add(m.groups.nodes_in(gid), "around it")
    FoldCommand(m, [gid], False).apply()
    frame(view)
    assert f(gid).depth == 1 and f(gid).laid_out() == []
    assert off(frame(view), painted_by_themselves(scene, view)) <= ROUNDING


def test_a_card_summing_up_many_values_makes_no_row_for_each(qtbot, monkeypatch):
    n = 4 * MAX_PORT_ROWS
    m = GraphModel()
    for i in range(n):  # a leaf outside feeds a node inside, which feeds one outside
        m.add_node("leaf", f"l{i}", value=float(i), x=0.0, y=100.0 * i)
        m.add_node("neg", f"in{i}", x=300.0, y=100.0 * i)
        m.add_node("neg", f"out{i}", x=600.0, y=100.0 * i)
        m.connect(f"l{i}", f"in{i}", 0)
        m.connect(f"in{i}", f"out{i}", 0)
    m.groups.load([Group("g", "middle", {f"in{i}" for i in range(n)})])
    monkeypatch.setattr(S, "FEW_CARDS", 0)  # far out at its fit, as a big graph is
    scene, view, _ = far_canvas(qtbot, model=m)
    made = []

    class Counted(card_rows.Port):
        def __init__(self, node: str, *a, **k) -> None:
            made.append(node)
            super().__init__(node, *a, **k)

    monkeypatch.setattr(card_rows, "Port", Counted)
    card_rows._bare.cache_clear()
    FoldCommand(m, ["g"], True).apply()
    frame(view)
    card = scene.folding.card("g")
    assert card is not None and len(card.inputs) == len(card.outputs) == n
    assert made == []
    assert {t.text for t in card.texts_at(1.0) if t.kind == "row"} == {f"{n} values in", f"{n} values out"}
    scene.model.set_value("l0", 5.0)  # a value crossing it changed: the card looks again, no row made
    QApplication.processEvents()
    assert made == [] and card_rows.nodes(card.inputs) == tuple(sorted(f"l{i}" for i in range(n)))
