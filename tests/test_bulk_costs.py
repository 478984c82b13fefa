"""What whole-selection and whole-graph edits cost (issue 14): counted, never
timed. Far out in a big graph, wires put back by an undo get no item until
they come into view (as when the file was opened: gui/canvas/wires/lazy_wires.py);
a paste or delete of a few nodes touches the same number of items in a
small and a big graph; the graph's sinks are not scanned per edit."""

from __future__ import annotations

import gc
import math
import random
from collections import Counter

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from scene_checks import Walked
from test_bulk_edits import grid_model, state
from test_lazy_wires import assert_region_drawn
from test_whole_selection import as_text, count_calls, shown_as_new

from core.graph.layout import layered_positions
from core.graph.model import GraphModel
from core.graph.sinks import SinkWatch
from gui.canvas import scene_build
from gui.canvas.items import EdgeItem, NodeItem
from gui.canvas.wires.lazy_wires import LazyWires
from gui.common import style as S
from gui.editing import commands as C
from gui.editing.editor import GraphEditor


def far_canvas(qtbot, m):
    _, stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    scene.set_model(m, view.zoom)  # what opening does: built far out (lazily when big)
    view.viewport().repaint()
    return stack, scene, view


def test_undoing_a_delete_far_out_makes_no_wire_item_until_one_is_seen(qtbot, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph is big here
    m = grid_model(600)
    m.set_value("v3", 1e308)  # some wires carry inf
    stack, scene, view = far_canvas(qtbot, m)
    assert scene.wires.made_items() == []
    before = state(m)
    everywhere = scene.graph_rect().adjusted(-500, -500, 500, 500)
    stacked = [it.node_id for it in scene.cards_in(everywhere)]  # topmost first
    made: list = []
    init = EdgeItem.__init__
    monkeypatch.setattr(EdgeItem, "__init__", lambda e, *a: made.append(a) or init(e, *a))
    scene.select_all()
    C.push(stack, C.DeleteCommand(m, scene.selected_ids()[::-1]))
    stack.undo()
    QApplication.processEvents()
    view.viewport().repaint()
    assert as_text(state(m)) == as_text(before)
    assert made == [] and scene.wires.made_items() == []  # every wire filed, none made
    assert [it.node_id for it in scene.cards_in(everywhere)] == stacked  # filed and stacked as before
    assert scene.graph_rect() == everywhere.adjusted(500, 500, -500, -500)
    assert len(scene.wires) == len(m.edges())
    layer = scene._layer  # the overview draws each wire's line where it runs
    assert not layer._dirty
    drawn = {k: v.toTuple() for k, v in layer._lines[None].items()}
    layer._fill()
    assert drawn == {k: v.toTuple() for k, v in layer._lines[None].items()}
    # half the graph deleted and back: the same (into an overview that has lines)
    C.push(stack, C.DeleteCommand(m, [f"v{i}" for i in range(599, 299, -1)]))
    stack.undo()
    view.viewport().repaint()
    assert made == [] and scene.wires.made_items() == [] and not layer._dirty
    drawn = {k: v.toTuple() for k, v in layer._lines[None].items()}
    layer._fill()
    assert drawn == {k: v.toTuple() for k, v in layer._lines[None].items()}
    # zoomed in, every wire where the view looks has its item, as the model says
    view.set_zoom(1.0)
    view.centerOn(QPointF(20 * 220.0, 7 * 150.0))
    view.viewport().repaint()
    r = view.mapToScene(view.viewport().rect()).boundingRect()
    assert assert_region_drawn(scene, m, r) > 10
    assert made and scene.wires.pending()  # those that may cross it, not the others
    shown_as_new(scene, m)  # and each of the others, once asked for


def test_a_small_graph_far_out_gets_its_wire_items_back_at_once(qtbot):
    m = grid_model(200)  # fewer wires than scene_build.LAZY_FROM
    stack, scene, view = far_canvas(qtbot, m)
    C.push(stack, C.DeleteCommand(m, [f"v{i}" for i in range(199, -1, -1)]))
    stack.undo()
    assert len(scene.wires.made_items()) == len(m.edges())
    shown_as_new(scene, m)


@pytest.mark.parametrize("far", [True, False], ids=["far", "near"])
def test_far_out_the_cards_of_a_batchs_wires_are_not_repainted(qtbot, monkeypatch, far):
    m = grid_model(300)
    _, stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4 if far else 1.0)
    card = type(scene.node_item("v5"))
    repaints = count_calls(monkeypatch, card, "update")
    reads = count_calls(monkeypatch, card, "refresh")  # a new value: repainted for that
    values = count_calls(monkeypatch, card, "take_value")  # (a card told its value alone)
    C.push(stack, C.DeleteCommand(m, [f"v{i}" for i in range(199, 99, -1)]))
    stack.undo()
    back = {f"v{i}" for i in range(100, 200)}  # put back: drawn anew
    ups = Counter(a[0].node_id for a in repaints if a[0].node_id not in back)
    refreshed = Counter(a[0].node_id for a in reads + values)
    ports = [n for n, k in ups.items() if k > refreshed[n]]  # repainted for its wires alone
    assert (ports == []) is far  # near, a card's ports show what is wired


def one_sink(m) -> str | None:
    """The graph's one sink by a scan of every node's consumers (the reference)."""
    sinks = [n for n in m.nodes() if not m.consumers(n)]
    return sinks[0] if len(sinks) == 1 else None


def test_the_sink_watch_follows_every_kind_of_edit_touching_only_what_changed():
    m = grid_model(300)
    watch = SinkWatch(m)
    assert watch.only() == one_sink(m)
    rnd = random.Random(4)
    stack = QUndoStack()
    for step in range(120):
        watch.checks = 0
        kind = rnd.choice(["delete", "undo", "wire", "unwire", "add", "remove", "paste"])
        ids = m.nodes()
        if kind == "delete" and ids:
            C.push(stack, C.DeleteCommand(m, rnd.sample(ids, min(len(ids), rnd.randint(1, 30)))))
        elif kind == "undo" and stack.canUndo():
            stack.undo()
        elif kind == "wire" and len(ids) > 2:
            s, t = sorted(rnd.sample(ids, 2), key=m.topological_order().index)
            if m.can_connect(s, t, 0, replace=True) is None and m.op(t) != "leaf":
                C.push(stack, C.connect_command(m, s, t, 0))
        elif kind == "unwire" and m.edges():
            s, t, p = rnd.choice(m.edges())
            C.push(stack, C.disconnect_command(m, t, p))
        elif kind == "add":
            m.add_node("add", f"new{step}")
        elif kind == "remove" and ids:
            m.remove_node(rnd.choice(ids))
        elif kind == "paste" and ids:
            some = rnd.sample(ids, min(len(ids), 10))
            nodes = [{"id": n, **m.node(n)} for n in some]
            inner = [(s, t, p) for s, t, p in m.edges() if s in some and t in some]
            C.push(stack, C.PasteCommand(m, nodes, inner, 40.0, 40.0))
        assert watch.checks <= 200  # what the edit touched, never all 300 nodes
        assert watch.only() == one_sink(m), (step, kind)
        assert watch.sinks() == {n for n in m.nodes() if not m.consumers(n)}, (step, kind)
    # a graph with one sink, then two, then one again
    m = grid_model(60)
    watch = SinkWatch(m)
    ends = m.sinks()
    m.add_node("neg", "extra")
    assert watch.only() is None
    m.connect(ends[0] if len(ends) == 1 else "v59", "extra", 0)
    assert watch.only() == one_sink(m)
    watch.close()
    m.add_node("neg", "late")
    assert "late" not in watch.sinks()  # no longer followed


@pytest.mark.parametrize("n", [500, 5000])
def test_deleting_or_pasting_50_nodes_scans_no_sinks_and_badges_the_one_end(qtbot, monkeypatch, n):
    m = grid_model(n)
    m.set_output(None)
    ends = m.sinks()
    for i, s in enumerate(ends[1:]):  # summed into one end node, the last
        m.add_node("add", f"sum{i}", x=0.0, y=-200.0 * i)
        m.connect(ends[0] if i == 0 else f"sum{i - 1}", f"sum{i}", 0)
        m.connect(s, f"sum{i}", 1)
    end = one_sink(m)
    assert end is not None
    stack, scene, view = far_canvas(qtbot, m)
    assert [k for k, it in scene.node_map().items() if it.is_auto_output] == [end]
    scans = count_calls(monkeypatch, type(m), "sinks")
    ed = GraphEditor(scene, stack)
    scene.select_ids([end] + [f"v{i}" for i in range(n - 49, n)])  # the one end among them
    ed.delete_selection()
    QApplication.processEvents()
    badged = [k for k, it in scene.node_map().items() if it.is_auto_output]
    assert badged == ([one_sink(m)] if one_sink(m) else [])
    stack.undo()
    QApplication.processEvents()
    assert [k for k, it in scene.node_map().items() if it.is_auto_output] == [end]
    C.push(stack, C.PasteCommand(m, [{"id": "a", "op": "neg"}], [], 0.0, 0.0))  # a second end
    QApplication.processEvents()
    assert [k for k, it in scene.node_map().items() if it.is_auto_output] == []
    assert scans == []  # no pass over every node


def cluster_model(n: int) -> GraphModel:
    """``n`` nodes of a grid graph, and beside them a chain of 50 nodes
    (c0 ... c49) wired to nothing else: what a paste or delete of the chain
    touches does not depend on ``n``."""
    m = grid_model(n)
    m.set_output(None)  # the canvas badges the one end node, if there is one
    m.add_node("leaf", "c0", value=0.5, x=-3000.0, y=0.0)
    for i in range(1, 50):
        m.add_node("tanh" if i % 2 else "neg", f"c{i}", x=-3000.0 + 40 * i, y=150.0 * i)
        m.connect(f"c{i - 1}", f"c{i}", 0)
    return m


CARD_CALLS = "update refresh reread setPos setVisible setSelected isSelected setFlag pos x y".split()
CARD_CALLS += "sceneBoundingRect take_value output_pos input_pos set_auto_output".split()
WIRE_CALLS = "set_ends setVisible set_carries update setSelected isSelected ends_xy".split()


def costs_of_editing_the_chain(qtbot, monkeypatch, n: int) -> dict:
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # both graphs are big here
    m = cluster_model(n)
    stack, scene, view = far_canvas(qtbot, m)
    ed = GraphEditor(scene, stack)
    calls: Counter = Counter()

    def counted(cls, name: str) -> None:
        real = getattr(cls, name)
        what = [f"{cls.__name__}.{name}"]
        monkeypatch.setattr(cls, name, lambda *a, **k: calls.update(what) or real(*a, **k))

    for name in CARD_CALLS:
        counted(NodeItem, name)
    for name in WIRE_CALLS:
        counted(EdgeItem, name)
    for name in ("sinks", "nodes", "edges", "values", "topological_order"):
        counted(GraphModel, name)
    counted(LazyWires, "__iter__")
    counted(type(scene._layer), "_fill")
    chain = [f"c{i}" for i in range(50)]
    scene.select_ids(chain)
    ed.copy_selection()
    scene.clearSelection()
    for step in (ed.paste, stack.undo, lambda: scene.select_ids(chain), ed.delete_selection, stack.undo):
        step()
        QApplication.processEvents()
        view.viewport().repaint()
    assert len(m) == n + 50 and stack.canRedo()
    return dict(calls)


def test_a_paste_or_delete_of_50_nodes_touches_the_same_in_a_small_and_a_big_graph(qtbot, monkeypatch):
    small = costs_of_editing_the_chain(qtbot, monkeypatch, 500)
    monkeypatch.undo()
    big = costs_of_editing_the_chain(qtbot, monkeypatch, 5000)
    assert small == big
    for whole in ("GraphModel.sinks", "GraphModel.edges", "GraphModel.nodes", "OverviewLayer._fill"):
        assert small.get(whole, 0) == 0, whole  # no pass over the whole graph


def test_removing_every_node_empties_the_tables_and_putting_them_back_keeps_the_wires_order():
    m = grid_model(300)
    m.groups.add([f"v{i}" for i in range(10, 40)], "part")
    before, order = state(m), m.edges()
    snap = m.remove_nodes(m.nodes()[::-1])
    assert len(m) == 0 and m.edges() == [] and m.edge_count() == 0 and m.values() == {}
    assert m.output is None and len(m.groups) == 0 and m.sinks() == []  # (the emptied group went too)
    m.restore_nodes(snap)
    assert state(m) == before and m.edges() == order  # the graph's own order, too
    m.remove_nodes(["v299"])  # and it is a graph like any other
    m.add_node("add", "late")
    m.connect("v5", "late", 0)
    assert m.value("late") is None and m.inputs("late") == ["v5", None]


def test_auto_layout_far_out_files_each_wire_without_an_item_anew_and_makes_none(qtbot, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    m = grid_model(500)
    stack, scene, view = far_canvas(qtbot, m)
    view.set_zoom(1.0)  # some wires get their items where the view looks
    view.centerOn(QPointF(4 * 220.0, 3 * 150.0))
    view.viewport().repaint()
    view.set_zoom(S.FAR_ZOOM / 4)
    had = len(scene.wires.made_items())
    assert 0 < had < len(m.edges())
    made: list = []
    init = EdgeItem.__init__
    monkeypatch.setattr(EdgeItem, "__init__", lambda e, *a: made.append(a) or init(e, *a))
    noted: list[int] = []  # how many wires each note_all was given (the dict is kept, and grows)
    note_all = LazyWires.note_all
    monkeypatch.setattr(LazyWires, "note_all", lambda w, ends: noted.append(len(ends)) or note_all(w, ends))
    C.push(stack, C.LayoutCommand(m, layered_positions(m)))
    view.viewport().repaint()
    # no item made, and the hidden ones given up to the pool (as a fold far out does:
    # gui/canvas/folding/fold_routes.give_up_hidden), noted where they run now
    assert made == [] and scene.wires.made_items() == []
    assert noted == [len(m.edges()) - had]  # each pending wire once
    # filed where it runs now, at the first region asked for: as a fresh filing from the positions finds it
    fresh = LazyWires({}, lambda keys: [])
    fresh.defer_many([(k, *scene.wire_ends(*k)[0].toTuple(), *scene.wire_ends(*k)[1].toTuple())
                      for k in scene.wires.pending()])  # fmt: skip
    r = scene.graph_rect()
    for i in range(12):
        part = QRectF(r.left() + r.width() * (i % 4) / 4, r.top() + r.height() * (i // 4) / 3, 700, 500)
        assert set(scene.wires.keys_in(part)) == set(fresh.keys_in(part))
    layer = scene._layer
    drawn = {k: v.toTuple() for k, v in layer._lines[None].items()}
    layer._fill()
    assert drawn == {k: v.toTuple() for k, v in layer._lines[None].items()}
    view.set_zoom(1.0)
    view.centerOn(QPointF(2 * 240.0, 0.0))
    view.viewport().repaint()
    assert assert_region_drawn(scene, m, view.mapToScene(view.viewport().rect()).boundingRect()) > 5


def test_a_batch_runs_without_the_cycle_collector_and_a_big_ones_objects_are_frozen(monkeypatch):
    frozen: list = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    m = grid_model(5100)
    collecting: list = []
    m.nodes_removed.connect(lambda ids: collecting.append(gc.isenabled()))
    m.nodes_added.connect(lambda ids: collecting.append(gc.isenabled()))
    snap = m.remove_nodes([f"v{i}" for i in range(5099, 5000, -1)])  # 99 nodes
    m.restore_nodes(snap)
    assert frozen == [] and collecting == [False, False]
    snap = m.remove_nodes(m.nodes()[::-1])  # every node: what it made lives on in the undo
    m.restore_nodes(snap)
    assert frozen == [1, 1] and collecting == [False] * 4 and gc.isenabled()


def revalued_cards(monkeypatch) -> list:
    """From now on each card told a new value (drawn anew for it, not one
    told the value it shows) adds its node's id."""
    told: list = []
    inside: list = []
    take, redraw = NodeItem.take_value, NodeItem._texts_changed

    def taking(card, v, reason):
        inside.append(card)
        try:
            return take(card, v, reason)
        finally:
            inside.pop()

    monkeypatch.setattr(NodeItem, "take_value", taking)
    monkeypatch.setattr(
        NodeItem, "_texts_changed", lambda card: (inside and told.append(card.node_id), redraw(card))
    )
    return told


def test_many_new_values_are_read_from_one_table_and_no_card_out_of_view_told_one(qtbot, monkeypatch):
    m = grid_model(1500)
    stack, scene, view = far_canvas(qtbot, m)
    rereads = count_calls(monkeypatch, NodeItem, "refresh")  # (a value alone changed: none re-reads its node)
    reads = revalued_cards(monkeypatch)
    C.push(stack, C.DeleteCommand(m, m.nodes()[::-1]))
    stack.undo()  # every card put back, each reading its value: none refreshed again
    assert reads == [] and rereads == []
    fed = m.downstream(["v3"]) - {"v3"}
    C.push(stack, C.DeleteCommand(m, ["v3"]))  # over a thousand values go
    # far out no card draws its value: none is told one, each one's wires and block turn
    assert reads == [] and len(fed) > 1000
    assert all(scene.node_item(n).wire_flag == "incomplete" for n in fed)
    stack.undo()
    flags = {n: None if math.isfinite(m.value(n)) else "nonfinite" for n in fed}  # (some were nan)
    assert {n: scene.node_item(n).wire_flag for n in fed} == flags and "nonfinite" in flags.values()
    assert {n: scene.node_item(n).flagged for n in fed} == flags  # (read: each caught up)
    assert reads == [] and rereads == []  # (each shows the value it showed: none drawn anew)
    shown_as_new(scene, m)


def reference_values(m: GraphModel) -> tuple[dict, dict]:
    """Every node's value and reason from a fresh evaluation of the same graph."""
    fresh = GraphModel.from_records(
        dict(m.attrs), [(n, m.node(n)) for n in m.nodes()], [(s, t, p) for s, t, p in m.edges()]
    )
    return {n: repr(fresh.value(n)) for n in m.nodes()}, {n: fresh.reason(n) for n in m.nodes()}


def test_putting_every_node_back_evaluates_nothing_and_gives_each_value_and_reason_as_they_were(monkeypatch):
    from core.graph import forward

    m = grid_model(400)
    for i in range(20):
        m.set_value(f"v{i}", (-1) ** i * 1e308)  # inf and nan downstream
    m.disconnect("v380", 1)  # and nodes without a value, each with its reason
    before, told = state(m), []
    m.values_changed.connect(lambda ids: told.append(set(ids)))
    calls = count_calls(monkeypatch, forward, "evaluate")
    runs = lambda: [a for a in calls if a[0]]  # evaluations of some nodes
    snap = m.remove_nodes(m.nodes()[::-1])
    m.restore_nodes(snap)
    assert runs() == [] and as_text(state(m)) == as_text(before)
    shown = {n: repr(m.value(n)) for n in m.nodes()}, {n: m.reason(n) for n in m.nodes()}
    assert shown == reference_values(m) and "nan" in shown[0].values() and "inf" in shown[0].values()
    assert sum(r is not None for r in shown[1].values()) > 1
    calls.clear()  # (the reference's own evaluation)
    # the listeners hear of the same nodes as when they are evaluated again
    snap = m.remove_nodes(m.nodes()[::-1])
    snap.values, told[:] = None, []
    m.restore_nodes(snap)
    assert len(runs()) == 1 and as_text(state(m)) == as_text(before)
    evaluated = told[-1]
    snap = m.remove_nodes(m.nodes()[::-1])
    told.clear()
    m.restore_nodes(snap)
    assert told == [evaluated] and len(runs()) == 1
    # part of the graph back: evaluated, as ever
    snap = m.remove_nodes([f"v{i}" for i in range(399, 199, -1)])
    assert snap.values is None
    m.restore_nodes(snap)
    assert len(runs()) == 2 and as_text(state(m)) == as_text(before)


def test_a_custom_operators_nodes_put_back_are_evaluated_by_its_definition_then(monkeypatch):
    from core.autograd import custom_ops
    from core.autograd.custom_ops import CustomOp

    custom_ops.install(CustomOp("twice", 1, "2*a", ("2",)))
    try:
        m = grid_model(60)
        m.add_node("twice", "t", x=0.0, y=-300.0)
        m.connect("v5", "t", 0)
        snap = m.remove_nodes(m.nodes()[::-1])
        assert snap.values is None  # its definition may change while the graph is empty
        custom_ops.install(CustomOp("twice", 1, "3*a", ("3",)))
        m.restore_nodes(snap)
        assert m.value("t") == 3 * m.value("v5")
    finally:
        custom_ops.uninstall("twice")


def test_the_blocks_of_a_few_selected_cards_are_looked_up_not_every_block_tested():
    from gui.canvas.overview.overview_draw import selected_blocks

    where = {f"n{i}": (i % 3, None if i % 5 else "g") for i in range(2000)}
    blocks: list = [{None: Walked(), "g": Walked()} for _ in range(3)]
    for i, (n, (c, box)) in enumerate(where.items()):
        blocks[c][box][n] = QRectF(i, 0, 4, 4)

    def reference(picked, shown):
        return sorted(
            r.x()
            for by_box in blocks
            for box, d in by_box.items()
            if shown(box)
            for n, r in d.items()
            if n in picked
        )

    for shown in (lambda box: True, lambda box: box is None):
        picked = {f"n{i}" for i in range(0, 2000, 7)} | {
            "gone"
        }  # a paste's cards (and one deleted meanwhile)
        want = reference(picked, shown)
        Walked.walks = 0
        assert sorted(r.x() for r in selected_blocks(picked, where, blocks, shown, None)) == want
        assert Walked.walks == 0
        many = {f"n{i}" for i in range(0, 2000, 2)}  # half the graph: a pass over the blocks
        assert sorted(r.x() for r in selected_blocks(many, where, blocks, shown, None)) == reference(
            many, shown
        )


def test_every_node_put_back_takes_the_graphs_tables_back_checking_and_making_no_wire(monkeypatch):
    """Undoing the delete of every node puts the graph's own tables back
    (shallow copies kept by the delete), not each wire checked and made
    again; the listeners hear of the same nodes and wires, in the graph's
    order as it was; into a graph that is not empty, the wires are checked."""
    from core.graph.bulk_edit import BulkEdits

    m = grid_model(300)
    m.groups.add([f"v{i}" for i in range(10, 40)], "part")
    before, nodes, edges = state(m), m.nodes(), m.edges()
    inputs = {n: m.inputs(n) for n in nodes}
    told: list = []
    m.nodes_added.connect(lambda ids: told.append(("nodes", list(ids))))
    m.edges_added.connect(lambda wires: told.append(("wires", list(wires))))
    wired = count_calls(monkeypatch, BulkEdits, "_wire")
    snap = m.remove_nodes(m.nodes()[::-1])
    m.restore_nodes(snap)
    assert wired == [] and state(m) == before and m.nodes() == nodes and m.edges() == edges
    assert told == [("nodes", nodes), ("wires", edges)]
    assert {n: m.inputs(n) for n in nodes} == inputs
    m.add_node("add", "late")  # a graph like any other: checked, ranked, evaluated
    m.connect("v5", "late", 0)
    assert m.value("late") is None and m.inputs("late") == ["v5", None]
    m.remove_nodes(["late"])
    snap = m.remove_nodes(m.nodes())
    m.add_node("leaf", "other", value=1.0)  # not empty: each wire checked
    m.restore_nodes(snap)
    assert len(wired) == len(edges) and m.edges() == edges
