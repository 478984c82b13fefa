"""Auto Layout and its undo at scale (issue 14): when most of the graph moves
at once, the canvas works each wire's ends out from the cards' positions
(no card is asked where its ports are), makes no curve for a hidden wire,
moves the far-zoom overview's blocks and lines in place (no rebuild from
the items), and files the card grid in one pass. Counted, never timed; what
is drawn must be what the per-card path draws."""

from __future__ import annotations

import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QEvent, QLineF, QObject, QRectF
from PySide6.QtWidgets import QApplication
from scene_checks import brute_rect
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.graph.errors import InvalidValueError, UnknownNodeError
from core.graph.groups import Group
from core.graph.layout import layered_positions
from core.graph.model import GraphModel
from gui.canvas.cards.card_grid import CardGrid
from gui.canvas.cards.node_item import NodeItem
from gui.canvas.overview.line_index import LineIndex
from gui.canvas.painting import BOUNDS, wire_path
from gui.canvas.wires.wire_item import EdgeItem
from gui.common import style as S
from gui.editing import commands as C


def grid_model(n: int, seed: int = 3) -> GraphModel:
    rnd = random.Random(seed)
    m = GraphModel()
    for i in range(n):
        op = "leaf" if i < 20 else rnd.choice(["add", "mul", "tanh"])
        m.add_node(op, f"v{i}", value=rnd.uniform(-2, 2), x=rnd.uniform(0, 9000), y=rnd.uniform(0, 6000))
        if i >= 20:
            m.connect(f"v{rnd.randrange(max(0, i - 30), i)}", f"v{i}", 0)
            if op != "tanh":
                m.connect(f"v{rnd.randrange(i)}", f"v{i}", 1)
    m.set_output(f"v{n - 1}")
    return m


def canvas(qtbot, m: GraphModel, zoom: float):
    _, stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(zoom)
    view.viewport().repaint()
    return stack, scene, view


def count_port_questions(monkeypatch) -> list[str]:
    asked: list[str] = []
    for name in ("output_pos", "input_pos"):
        real = getattr(NodeItem, name)
        monkeypatch.setattr(
            NodeItem, name, lambda self, *a, real=real, name=name: asked.append(name) or real(self, *a)
        )
    return asked


def ports(scene, e) -> tuple:
    """Where the wire ``e`` must run: asked of the cards (or the folded group's card)."""
    return tuple(p.toTuple() for p in scene.wire_ends(*e.key))


def drawn(layer) -> tuple:
    """What the overview draws: blocks per colour and box, lines per box (plain, lit, widened)."""

    def lines(d):
        return {box: {k: v.toTuple() for k, v in x.items()} for box, x in d.items() if x}

    blocks = [
        {box: {n: r.getCoords() for n, r in d.items()} for box, d in b.items() if d} for b in layer._blocks
    ]
    wide = {box: {k: (w, v.toTuple()) for k, (w, v) in x.items()} for box, x in layer._wide.items() if x}
    return blocks, lines(layer._lines), lines(layer._hot), wide


def test_auto_layout_far_out_asks_no_card_and_moves_the_overview_in_place(qtbot, monkeypatch):
    m = grid_model(400)
    stack, scene, view = canvas(qtbot, m, S.FAR_ZOOM / 4)
    layer = scene._layer
    rebuilds: list[int] = []
    real = layer._rebuild
    monkeypatch.setattr(layer, "_rebuild", lambda: rebuilds.append(1) or real())
    asked = count_port_questions(monkeypatch)
    before = {n: m.position(n) for n in m.nodes()}
    C.push(stack, C.LayoutCommand(m, layered_positions(m)))
    assert asked == []  # every wire's ends from the positions
    assert scene.batch_curves == 0  # far out every wire is hidden: no curve made
    assert all(e.stale for e in scene.edge_items())
    view.viewport().repaint()
    assert rebuilds == [] and layer.moved_batches == 1
    moved = drawn(layer)
    made = []
    real_ends = EdgeItem.ends
    monkeypatch.setattr(EdgeItem, "ends", lambda e: made.append(e) or real_ends(e))
    layer._fill()  # a rebuild (the switch of zoom makes one) reads the numbers: no points made
    assert made == [] and drawn(layer) == moved
    monkeypatch.undo()  # the cards answer again, for the checks
    assert {e.key: tuple(p.toTuple() for p in e.ends()) for e in scene.edge_items()} == {
        e.key: ports(scene, e) for e in scene.edge_items()
    }
    layer._fill()  # what a rebuild from the items draws
    assert moved == drawn(layer)
    # the grid and the bounds found what a card-by-card filing finds
    assert scene.graph_rect() == brute_rect(scene)
    for r in (QRectF(0, 0, 600, 400), QRectF(-300, -2000, 900, 5000), scene.graph_rect()):
        assert {it.node_id for it in scene.node_items_in(r)} == {
            it.node_id for it in scene.node_items() if it.sceneBoundingRect().intersects(r)
        }
    stack.undo()
    assert {n: m.position(n) for n in m.nodes()} == before
    assert all(it.pos().toTuple() == before[it.node_id] for it in scene.node_items())
    assert all(tuple(p.toTuple() for p in e.ends()) == ports(scene, e) for e in scene.edge_items())
    assert layer.moved_batches == 2
    # a hidden wire shown again makes its curve where it runs now
    view.set_zoom(1.0)
    e = scene.edge_item(*m.edges()[5])
    assert not e.stale and e.path().pointAtPercent(1.0) == e.ends()[1]


def test_auto_layout_near_makes_each_shown_curve_once_and_as_the_card_path_does(qtbot, monkeypatch):
    m = grid_model(300)
    stack, scene, view = canvas(qtbot, m, 1.0)
    asked = count_port_questions(monkeypatch)
    C.push(stack, C.LayoutCommand(m, layered_positions(m)))
    assert asked == [] and scene.batch_curves == len(scene.edge_items())
    monkeypatch.undo()
    for e in scene.edge_items():
        assert not e.stale
        assert tuple(p.toTuple() for p in e.ends()) == ports(scene, e)
        want = wire_path(*e.ends())
        got = e.path()
        assert [got.elementAt(i) for i in range(got.elementCount())] == [
            want.elementAt(i) for i in range(want.elementCount())
        ]


def test_a_batch_move_with_a_folded_group_and_lit_wires_draws_what_edits_one_by_one_draw(qtbot, monkeypatch):
    m = grid_model(300)
    m.groups.load([Group("g", "part", {f"v{i}" for i in range(100, 130)}, collapsed=True)])
    stack, scene, view = canvas(qtbot, m, S.FAR_ZOOM / 4)
    QApplication.processEvents()
    lit = next(e for e in scene.edge_items() if not {e.source, e.target} & {f"v{i}" for i in range(100, 130)})
    lit.set_flow("grad 1.0")  # a lit wire: drawn as a "hot" line with a caption
    scene.select_ids(["v7", "v250"])
    view.viewport().repaint()
    layer = scene._layer
    C.push(stack, C.LayoutCommand(m, layered_positions(m)))
    view.viewport().repaint()
    # the wires into and out of the folded card end at its ports
    assert all(tuple(p.toTuple() for p in e.ends()) == ports(scene, e) for e in scene.edge_items())
    assert lit.path().pointAtPercent(0.0) == lit.ends()[0]  # a captioned wire keeps its curve
    assert lit.key in layer._hot[layer._box_of[lit.key]]
    moved = drawn(layer)
    layer._fill()
    assert moved == drawn(layer)
    stack.undo()
    view.viewport().repaint()
    assert all(tuple(p.toTuple() for p in e.ends()) == ports(scene, e) for e in scene.edge_items())
    moved = drawn(layer)
    layer._fill()
    assert moved == drawn(layer)


def test_a_few_moved_cards_take_the_card_by_card_path(qtbot):
    m = grid_model(200)
    stack, scene, view = canvas(qtbot, m, S.FAR_ZOOM / 4)
    layer = scene._layer
    C.push(stack, C.MoveCommand(m, {"v3": (m.position("v3"), (50.0, 60.0))}))
    assert layer.moved_batches == 0 and scene.node_item("v3").pos().toTuple() == (50.0, 60.0)
    assert all(tuple(p.toTuple() for p in e.ends()) == ports(scene, e) for e in scene.edge_items())


class _Paints(QObject):
    """The zoom of each frame painted."""

    def __init__(self, view) -> None:
        super().__init__()
        self.view, self.zooms = view, []

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.zooms.append(self.view.zoom)
        return False


def test_auto_layout_paints_no_frame_at_the_old_zoom(window, tmp_path):
    path = str(tmp_path / "g.mgraph")
    m = grid_model(300)
    for i, n in enumerate(m.nodes()):
        m.set_position(n, (i % 20) * 3000.0, (i // 20) * 900.0)  # wide apart: Auto Layout shrinks it
    fileio.save(m, path)
    assert window.open_path(path)
    QApplication.processEvents()
    view = window.view
    view.set_zoom(1.0)
    QApplication.processEvents()
    paints = _Paints(view)
    view.viewport().installEventFilter(paints)
    window.action_layout.trigger()
    fitted = view.zoom
    QApplication.processEvents()
    view.viewport().removeEventFilter(paints)
    assert fitted != 1.0 and view.zoom == fitted  # fitted at once, and the later fit agrees
    assert paints.zooms and set(paints.zooms) == {fitted}


# ---------------------------------------------------------------- the pieces
def test_set_positions_checks_a_big_batch_as_a_small_one():
    m = grid_model(400)
    before = {n: m.position(n) for n in m.nodes()}
    moves = {n: (x + 1, y) for n, (x, y) in before.items()}
    for bad, error in (
        ({**moves, "v399": (float("nan"), 0.0)}, InvalidValueError),
        ({**moves, "v399": ("1", 0.0)}, InvalidValueError),
        ({**moves, "v399": (True, 0.0)}, InvalidValueError),
        ({**moves, "nope": (1.0, 2.0)}, UnknownNodeError),
    ):
        with pytest.raises(error):
            m.set_positions(bad)
        assert {n: m.position(n) for n in m.nodes()} == before  # nothing set
    got = []
    m.nodes_moved.connect(got.append)
    m.set_positions({**moves, "v0": (3, 4)})  # ints are taken, as floats
    assert m.position("v0") == (3.0, 4.0) and type(m.position("v0")[0]) is float
    assert got[0]["v0"] == (3.0, 4.0) and len(got) == 1 and len(got[0]) == len(moves)


def test_a_grid_filed_in_one_pass_is_the_grid_filed_card_by_card():
    rnd = random.Random(4)
    one, many = (
        CardGrid(BOUNDS.adjusted(-300, 0, 300, 60), BOUNDS),
        CardGrid(BOUNDS.adjusted(-300, 0, 300, 60), BOUNDS),
    )
    for i in range(300):
        x, y = rnd.uniform(0, 8000), rnd.uniform(0, 8000)
        one.put(f"n{i}", x, y)
        many.put(f"n{i}", x, y)
    for share in (250, 40):  # most cards (filed again from scratch), a few (re-filed each)
        moves = [
            (f"n{i}", rnd.uniform(-500, 9000), rnd.uniform(-500, 9000)) for i in rnd.sample(range(300), share)
        ]
        for n, x, y in moves:
            one.put(n, x, y)
        many.put_many({n: (x, y) for n, x, y in moves})
        assert many.bounds.rect() == one.bounds.rect()
        for r in (QRectF(0, 0, 700, 500), QRectF(-600, 3000, 5000, 900), QRectF(-1e5, -1e5, 2e5, 2e5)):
            assert set(many.ids_near(r)) == set(one.ids_near(r))
        assert [many.serial(f"n{i}") for i in range(300)] == [one.serial(f"n{i}") for i in range(300)]


def test_a_line_index_filled_at_once_finds_what_one_filed_line_by_line_finds():
    rnd = random.Random(5)
    lines = {}
    for i in range(400):
        x, y = rnd.uniform(0, 9000), rnd.uniform(0, 9000)
        lines[(f"s{i}", f"t{i}", i % 2)] = QLineF(
            x, y, x + rnd.choice([200, 3000]), y + rnd.uniform(-300, 300)
        )
    one, filled = LineIndex(), LineIndex()
    for k, line in lines.items():
        one.put(k, line, line.x1(), line.y1(), line.x2(), line.y2())
    filled.fill(lines)
    assert len(filled) == len(one) == len(lines)
    for r in (QRectF(0, 0, 1000, 800), QRectF(4000, 2000, 300, 4000), QRectF(-1e5, -1e5, 2e5, 2e5)):
        assert sorted(map(QLineF.toTuple, filled.lines_in(r))) == sorted(map(QLineF.toTuple, one.lines_in(r)))
