"""Opening a big graph fitted far out makes no wire items (issue 14;
gui/canvas/wires/lazy_wires.py): counted, never timed. What a user sees stays the
same: wherever the view looks after zooming in (and wherever a click lands),
every wire whose curve crosses it has its item, shown, drawn between the
ends the model's positions give, in the colour its value gives; moves,
edits and removals made while a wire had no item are followed; asking for
a wire or for all of them makes them."""

from __future__ import annotations

import gc
import math
import random

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtWidgets import QApplication, QGraphicsItem
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import fileio
from core.graph.groups import Group
from core.graph.model import GraphModel
from gui.canvas import scene_build
from gui.canvas.items import EdgeItem, wire_path
from gui.canvas.wires import wire_cells
from gui.canvas.wires.lazy_wires import LEVELS, LazyWires, curve_box
from gui.canvas.wires.wire_cells import holder
from gui.common import style as S

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
APP_LAZY_FROM = scene_build.LAZY_FROM


@pytest.fixture(autouse=True)
def lazy_from_one_wire(monkeypatch):
    """Small graphs keep every wire's item (scene_build.LAZY_FROM): here any graph is big."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)


def wide_model(n: int, cols: int = 60, seed: int = 3, *, every_port: bool = False) -> GraphModel:
    """A grid of cards whose second inputs come from anywhere: many long
    wires cross any view without either end in it. ``every_port``: each
    first input straight from above and every second one wired (so every
    wire carries a value)."""
    m = GraphModel()
    rnd = random.Random(seed)
    for i in range(n):
        x, y = (i % cols) * 260.0, (i // cols) * 170.0
        m.add_node("leaf" if i < cols else rnd.choice(["add", "mul"]), f"v{i}", value=0.5, x=x, y=y)
        if i >= cols:
            above = i - cols
            if not every_port and 0 < i % cols < cols - 1:
                above += rnd.randrange(-1, 2)
            m.connect(f"v{above}", f"v{i}", 0)
            if every_port or rnd.random() < 0.85:
                m.connect(f"v{rnd.randrange(i)}", f"v{i}", 1)
    m.set_value("v5", 1e300)  # inf downstream: wires of another colour
    return m


def ends(sc, key) -> tuple[QPointF, QPointF]:
    """Where the wire ``key`` runs, from the model's positions and the cards' ports."""
    s, t, p = key
    return sc.node_item(s).output_pos(), sc.node_item(t).input_pos(p)


def crosses(p1: QPointF, p2: QPointF, r: QRectF) -> bool:
    """The drawn curve (sampled, independently of the scene's boxes) meets ``r``."""
    x1, y1, x2, y2 = p1.x(), p1.y(), p2.x(), p2.y()
    dx = max(40.0, abs(x2 - x1) * 0.5)
    pts = [(x1, y1), (x1 + dx, y1), (x2 - dx, y2), (x2, y2)]
    xs, ys = [q[0] for q in pts], [q[1] for q in pts]
    if min(xs) > r.right() or max(xs) < r.left() or min(ys) > r.bottom() or max(ys) < r.top():
        return False  # the curve lies in its control points' hull
    for i in range(101):
        u = i / 100
        b = [(1 - u) ** 3, 3 * u * (1 - u) ** 2, 3 * u * u * (1 - u), u**3]
        x = sum(c * q[0] for c, q in zip(b, pts))
        y = sum(c * q[1] for c, q in zip(b, pts))
        if r.contains(QPointF(x, y)):
            return True
    return False


def assert_region_drawn(sc, m: GraphModel, r: QRectF) -> int:
    """Every wire of the model whose curve meets ``r`` has its item there, shown
    and drawn as the model says (looked up without making any), or, passing
    through a crowded view, is drawn by the layer of such wires
    (gui/canvas/wires/through_wires.py) where the model says, or zoomed out,
    by the cell its item would be in (gui/canvas/wires/cell_ghosts.py); how many."""
    count = 0
    for key in m.edges():
        p1, p2 = ends(sc, key)
        if not crosses(p1, p2, r):
            continue
        e = sc.wires.made(key)
        ghost = sc.wires.ghosts.at.get(key)
        if e is None and ghost is not None:
            v = m.value(key[0])
            assert v is not None, key  # a wire without a value is drawn dashed, by its item
            kind = "ok" if math.isfinite(v) else "nonfinite"
            assert ghost.wires[key] == (p1.x(), p1.y(), p2.x(), p2.y(), kind), key
            assert ghost in ghost.cell.ghosts and ghost.cell.isVisible(), key
            assert ghost.cell.cell == wire_cells.cell_of(p1.x(), p1.y(), p2.x(), p2.y()), key
            count += 1
            continue
        if e is None:
            drawn = sc.through.keys.get(key)
            assert drawn is not None, key
            v = m.value(key[0])
            assert drawn == (p1.x(), p1.y(), p2.x(), p2.y(), v is not None and not math.isfinite(v)), key
            assert v is not None, key  # a wire without a value is drawn dashed, by its item
            count += 1
            continue
        assert e.isVisible() and e.ends() == (p1, p2) and e.path() == wire_path(p1, p2), key
        v = m.value(key[0])
        assert e.carries == ("none" if v is None else "ok" if math.isfinite(v) else "nonfinite"), key
        count += 1
    return count


def test_a_big_graph_opens_far_out_without_wire_items(window, tmp_path, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", APP_LAZY_FROM)  # as the app is: a big graph
    assert APP_LAZY_FROM > 100
    path = str(tmp_path / "big.mgraph")
    m = wide_model(1500, cols=120)
    fileio.save(m, path)
    made = []
    init = EdgeItem.__init__
    monkeypatch.setattr(EdgeItem, "__init__", lambda e, *a: made.append(a) or init(e, *a))
    assert window.open_path(path)
    QApplication.processEvents()
    window.view.viewport().repaint()
    sc = window.scene
    assert sc.far and len(sc.wires) == len(m.edges()) > 2000
    pooled = len(made)
    assert sc.wires.made_items() == [] and pooled < 100  # the wire pool's spares only
    assert len(sc.items()) < len(m) + pooled + 20  # cards, spares, boxes, the overview
    # the overview draws every wire from numbers
    layer = sc._layer
    assert not layer._dirty and set(layer._lines[None]) == set(m.edges())
    # zooming in makes the wires of the region shown, not the others
    v = window.view
    v.set_zoom(1.0)
    v.centerOn(QPointF(60 * 260.0, 6 * 170.0))
    v.viewport().repaint()
    r = v.mapToScene(v.viewport().rect()).boundingRect()
    assert assert_region_drawn(sc, m, r) > 20
    assert 0 < len(sc.wires.made_items()) < len(m.edges()) / 3


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_zooming_in_anywhere_shows_every_wire_there(qtbot, seed):
    m = wide_model(1200)
    _, _, sc, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)  # what opening does: built far out
    assert sc.wires.made_items() == []
    rnd = random.Random(seed)
    total = 0
    for _ in range(6):
        view.set_zoom(rnd.choice([0.4, 1.0, 2.0]))
        view.centerOn(QPointF(rnd.uniform(-500, 16000), rnd.uniform(-500, 3500)))
        view.viewport().repaint()
        r = view.mapToScene(view.viewport().rect()).boundingRect()
        total += assert_region_drawn(sc, m, r)
        for it in sc.node_items_in(r):  # and every card there with its contents
            assert not it.flags() & NO_CONTENTS
        view.set_zoom(S.FAR_ZOOM / 4)
        view.viewport().repaint()
    assert total > 50 and len(sc.wires.made_items()) < len(m.edges())


def test_moves_edits_and_removals_while_far_are_followed(qtbot):
    m = wide_model(900)
    _, _, sc, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)
    view.viewport().repaint()
    rnd = random.Random(4)

    def look(at: QPointF) -> QRectF:
        view.set_zoom(1.0)
        view.centerOn(at)
        view.viewport().repaint()
        r = view.mapToScene(view.viewport().rect()).boundingRect()
        assert_region_drawn(sc, m, r)
        view.set_zoom(S.FAR_ZOOM / 4)
        view.viewport().repaint()
        return r

    def overview_follows() -> None:
        lines = sc._layer._lines[None]
        for key in m.edges():
            p1, p2 = ends(sc, key)
            assert lines[key].p1() == p1 and lines[key].p2() == p2, key

    top = look(QPointF(3000.0, 300.0))  # some wires get their items
    cut = next(e.key for e in sc.wires.made_items() if m.op(e.key[0]) != "leaf")
    for n in rnd.sample(m.nodes(), 6):  # cards moved one by one, far out
        m.set_position(n, rnd.uniform(0, 15000), rnd.uniform(0, 2500))
        overview_follows()
        look(QPointF(*m.position(n)))
    m.disconnect(cut[0], 0)  # no value downstream: new colours, also of wires made already
    assert sc.wires.made(cut).carries == "none"
    look(top.center())
    m.set_positions({n: (x + rnd.uniform(-300, 300), y + rnd.uniform(-200, 200))
                     for n, (x, y) in ((n, m.position(n)) for n in m.nodes())})  # fmt: skip
    overview_follows()  # a batch (Auto Layout's path)
    gone = m.edges()[100]
    m.disconnect(gone[1], gone[2])
    m.connect("v3", gone[1], gone[2])  # a new wire gets its item at once, as before
    QApplication.processEvents()
    assert sc.wires.made(("v3", gone[1], gone[2])) is not None
    assert gone not in sc.wires and ("v3", gone[1], gone[2]) in sc.wires
    assert set(sc.wires) == set(m.edges()) and len(sc.wires) == len(m.edges())
    overview_follows()
    for _ in range(4):
        look(QPointF(rnd.uniform(0, 15000), rnd.uniform(0, 2500)))
    # asking for one wire makes it; asking for all makes the rest
    key = next(k for k in m.edges() if sc.wires.made(k) is None)
    e = sc.edge_item(*key)
    assert e is not None and sc.wires.made(key) is e and e.ends() == ends(sc, key)
    assert {e.key for e in sc.edge_items()} == set(m.edges()) and sc.wires.pending() == []
    view.set_zoom(1.0)
    view.viewport().repaint()
    for e in sc.edge_items():
        assert e.isVisible() and e.path() == wire_path(*ends(sc, e.key))


def test_a_small_graph_far_out_keeps_every_wire_item(qtbot, monkeypatch):
    m = wide_model(300)
    monkeypatch.setattr(scene_build, "LAZY_FROM", len(m.edges()) + 1)
    _, _, sc, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)
    assert sc.wires.pending() == [] and len(sc.wires.made_items()) == len(m.edges())


def test_a_click_finds_a_wire_no_paint_has_asked_for(qtbot):
    m = GraphModel()
    m.add_node("leaf", "a", value=1.0, x=0.0, y=0.0)
    m.add_node("neg", "b", x=30000.0, y=0.0)
    m.connect("a", "b", 0)
    for i in range(40):  # a wide graph: the fit is far out
        m.add_node("leaf", f"f{i}", value=1.0, x=i * 800.0, y=4000.0)
    _, _, sc, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)
    assert sc.wires.made_items() == []
    view.centerOn(QPointF(0, 3000))
    view.set_zoom(1.0)
    view.centerOn(QPointF(0, 3000))  # the wire is out of view: no item yet
    assert sc.wires.made(("a", "b", 0)) is None
    p1, p2 = sc.wire_ends("a", "b", 0)
    mid = QPointF((p1.x() + p2.x()) / 2, (p1.y() + p2.y()) / 2)  # the curve's middle
    assert sc.wire_at(mid + QPointF(0, 200)) is None
    hit = sc.wire_at(mid)
    assert hit is not None and hit.key == ("a", "b", 0) and hit.isVisible()


class Made:
    """Stands for a wire's item (the index does not look at it)."""

    def __init__(self, key) -> None:
        self.key = key


def test_the_index_finds_every_wire_a_region_meets():
    rnd = random.Random(11)
    made: list = []
    wires = LazyWires({}, lambda keys: [made.append(k) or Made(k) for k in keys])  # type: ignore[misc]
    where = {}
    for i in range(3000):
        x1, y1 = rnd.uniform(-5e5, 5e5), rnd.uniform(-5e5, 5e5)
        far = rnd.choice([10, 500, 5000, 60000, 4e5])
        x2, y2 = x1 + rnd.uniform(-far, far), y1 + rnd.uniform(-far, far)
        where[(f"s{i}", f"t{i}", 0)] = (x1, y1, x2, y2)
    items = list(where.items())
    wires.defer_many((k, *xy) for k, xy in items[:1500])
    for k, xy in items[1500:]:
        wires.defer(k, *xy)
    for k in rnd.sample(sorted(where), 400):  # moved while pending
        x1, y1, x2, y2 = where[k]
        where[k] = (x1 + 700.0, y1 - 30000.0, x2, y2)
        assert wires.refile(k, *where[k])
    for k in rnd.sample(sorted(where), 200):  # removed
        assert wires.pop(k) is None and k not in wires
        del where[k]
    assert len(wires) == len(where) and set(wires) == set(where)
    sizes = [max(b[2] - b[0], b[3] - b[1]) for b in (curve_box(*xy) for xy in where.values())]
    assert all(any(lo < z <= hi for z in sizes) for lo, hi in zip((0.0, *LEVELS), LEVELS[:-1]))  # every level
    for _ in range(60):
        cx, cy, w = rnd.uniform(-6e5, 6e5), rnd.uniform(-6e5, 6e5), rnd.choice([50, 3000, 1e5])
        r = QRectF(cx, cy, w, w * 0.7)
        box_meets = {
            k for k, xy in where.items()
            if (b := curve_box(*xy))[0] <= r.right()
            and b[2] >= r.left() and b[1] <= r.bottom() and b[3] >= r.top()
        }  # fmt: skip
        assert set(wires.keys_in(r)) == {k for k in box_meets if wires.is_pending(k)}
        for k in where:  # the box holds the curve (sampled)
            if wires.is_pending(k) and k not in box_meets:
                x1, y1, x2, y2 = where[k]
                assert not crosses(QPointF(x1, y1), QPointF(x2, y2), r), k
        expected = set(wires.keys_in(r))
        taken = wires.take_in(r)
        assert {e.key for e in taken} == expected and all(wires.made(k) is not None for k in expected)
        assert not wires.keys_in(r)
    assert len(made) + len(wires.pending()) == len(where)


def test_grouping_a_graph_opened_far_out_makes_no_wire_item_and_files_each_in_its_box(qtbot):
    m = wide_model(600)
    _, _, sc, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    sc.set_model(m, view.zoom)
    view.set_zoom(1.0)
    view.viewport().repaint()  # some wires made, most not
    made = {e.key for e in sc.wires.made_items()}
    assert 0 < len(made) < len(m.edges())
    inner = {f"v{i}" for i in range(100, 220)}

    def check_boxes() -> None:
        for e in sc.wires.made_items():
            home = sc.folding.wire_box(e.key)
            assert home == ("g" if e.key[0] in inner and e.key[1] in inner else None), e.key
            box = holder(e)
            assert box is sc.detail.top if home is None else box.parentItem().gid == home, e.key

    m.groups.load([Group("g", "part", inner)])
    QApplication.processEvents()
    assert {e.key for e in sc.wires.made_items()} == made  # grouping made none
    check_boxes()
    assert {e.key for e in sc.edge_items()} == set(m.edges())  # asked for: made into their boxes
    check_boxes()
    m.groups.load([Group("g", "part", inner, collapsed=True)])
    QApplication.processEvents()
    for e in sc.wires.made_items():
        s, t, _ = e.key
        assert e.isVisible() is not (s in inner and t in inner), e.key


def test_a_graph_built_far_out_files_its_wires_as_one_by_one_filing_would(qtbot, monkeypatch):
    """The builder files each wire for the overview's index as it finds its
    ends (``LineIndex.put`` inlined: scene_build._file_far) and as pending,
    filed at the first question about a region (``LazyWires.file_later``):
    the same cells and boxes as ``LazyWires.defer_many`` and
    ``LineIndex.put`` of each wire's ends, one by one."""
    from gui.canvas.overview.line_index import LineIndex

    m = wide_model(900)  # short wires and long ones, at every level
    _, _, scene, view = make_canvas(qtbot, m)
    view.set_zoom(S.FAR_ZOOM / 4)
    builds: list[scene_build.Built] = []
    build = scene_build.build
    monkeypatch.setattr(scene_build, "build", lambda *a: builds.append(build(*a)) or builds[-1])
    scene.set_model(m, view.zoom)
    ends = [(k, *scene.wire_ends(*k)[0].toTuple(), *scene.wire_ends(*k)[1].toTuple()) for k in m.edges()]
    fresh = LazyWires({}, lambda keys: [])
    fresh.defer_many(ends)
    made, pending = scene.wires.maps()
    assert made == {} and list(pending) == m.edges() and set(pending.values()) == {None}  # none filed yet
    r = scene.graph_rect()
    assert scene.wires.keys_in(QRectF(r.center(), r.center())) != []  # the first question files them
    assert pending == fresh.maps()[1]  # same order, level and cell
    assert len({level for level, _ in pending.values()}) >= 2
    for i in range(12):
        part = QRectF(r.left() + r.width() * (i % 4) / 4, r.top() + r.height() * (i // 4) / 3, 700, 500)
        assert scene.wires.keys_in(part) == fresh.keys_in(part)  # the same boxes
    one_by_one = LineIndex()
    for k, x1, y1, x2, y2 in ends:
        one_by_one.put(k, QLineF(x1, y1, x2, y2), x1, y1, x2, y2)
    (built_index,) = [b.line_index for b in builds]
    assert built_index is not None
    built, want = built_index.tables(), one_by_one.tables()
    assert _plain(built[0]) == _plain(want[0]) and built[1] == want[1]
    assert {k: (v[0].toTuple(), *v[1:]) for k, v in built[2].items()} == {
        k: (v[0].toTuple(), *v[1:]) for k, v in want[2].items()
    }
    assert want[2] and len(want[1]) > len(want[2])  # long lines and short ones


def _plain(cells: dict) -> dict:
    return {c: {k: line.toTuple() for k, line in d.items()} for c, d in cells.items()}


def test_noted_wires_are_filed_in_one_pass_without_the_collector(monkeypatch):
    """A fold far out notes tens of thousands of moved wires; the first
    region asked for files them in one go, with the collector paused (a
    full collection landed in Backward's start at 50,000 nodes)."""
    wires = LazyWires({}, lambda keys: [Made(k) for k in keys])  # type: ignore[misc]
    where = {(f"s{i}", f"t{i}", 0): (i * 30.0, 0.0, i * 30.0 + 500.0, 200.0) for i in range(2000)}
    wires.defer_many((k, *xy) for k, xy in where.items())
    wires.note_moved_xy({k: (x1, y1 + 5000.0, x2, y2 + 5000.0) for k, (x1, y1, x2, y2) in where.items()}, {})
    seen: list[bool] = []
    refile = LazyWires.refile_many

    def watched(self, ends):
        seen.append(gc.isenabled())
        refile(self, ends)

    monkeypatch.setattr(LazyWires, "refile_many", watched)
    assert gc.isenabled()
    got = set(wires.keys_in(QRectF(0.0, 5000.0, 3000.0, 300.0)))
    assert seen == [False]  # once, paused
    assert gc.isenabled()
    assert got == {k for k, (x1, _, _, _) in where.items() if x1 <= 3000.0 + 8.0}
    assert not wires.keys_in(QRectF(0.0, 0.0, 3000.0, 300.0))  # where they were: gone


def test_a_bulk_note_of_moved_wires_changes_the_version_as_one_note_does():
    """The layer of wires through a view keeps what it found for a version
    of the filing: a fold's bulk note changes it as a single note does."""
    wires = LazyWires({}, lambda keys: [])
    k = ("s", "t", 0)
    wires.defer_many([(k, 0.0, 0.0, 500.0, 200.0)])
    before = wires.version
    wires.note_moved([(k, 0.0, 10.0, 500.0, 210.0)])
    one = wires.version
    wires.note_moved_xy({k: (0.0, 20.0, 500.0, 220.0)}, {})
    assert before != one != wires.version
