"""View › Linked Copies of Shared Values (issue 10, "Layout of shared weights"),
driven as a user: the expanded MLP's weights drawn as small copies beside
each use instead of long wires across the neuron frames, their numbers the
engine's, hovering and clicking a copy, the option off and on again, and a
50,000-node graph making copies only near the view."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, open_mlp_file, tmp_settings, window  # noqa: F401

from core.explain.format import fmt_card, number_forms
from core.files import fileio
from core.graph.backward import backward
from core.graph.gradient_flow import wire_gradients
from core.graph.groups import Group
from core.graph.model import GraphModel
from gui.canvas.cards.card_text import metrics
from gui.canvas.linked.copy_item import PILL_W_MIN
from gui.common import settings

ROOT = Path(__file__).resolve().parents[1]


def expected(m: GraphModel) -> set[tuple[str, str, int]]:
    """The rule, read from the model alone: from a leaf used more than once,
    into a consumer in another group not folded away (the leaf may be)."""
    gs, out = m.groups, set()
    for s, t, p in m.edges():
        if m.inputs(s) or len(m.consumers(s)) < 2:
            continue
        if gs.group_of(s) != gs.group_of(t) and gs.folded_into(t) is None:
            out.add((s, t, p))
    return out


def expand_all(qtbot, w) -> None:
    w.view.setFocus()
    qtbot.keyClick(
        w.view,
        Qt.Key.Key_BracketRight,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    QApplication.processEvents()
    assert not any(g.collapsed for g in w.model.groups)


def zoom_on(w, node: str, zoom: float = 1.0) -> None:
    w.view.set_zoom(zoom)
    w.view.centerOn(w.scene.node_item(node))
    QApplication.processEvents()
    w.view.viewport().repaint()
    QApplication.processEvents()


def toggle(w) -> None:
    act = menu_action(w.menus["view"], "linked_copies")
    assert act.isCheckable()
    act.trigger()
    QApplication.processEvents()


def copy_of(w, key):
    return next(c for c in w.scene.linked.copies() if c.key == key)


@pytest.fixture
def mlp_open(qtbot, window, tmp_path):
    open_mlp_file(qtbot, window, tmp_path)
    expand_all(qtbot, window)
    return window


def test_copies_appear_exactly_for_the_rules_wires_and_draw_only_their_stub(mlp_open):
    w = mlp_open
    m, sc = w.model, w.scene
    act = menu_action(w.menus["view"], "linked_copies")
    assert act.isChecked()  # on by default
    want = expected(m)
    assert len(want) == 212  # 41 weights and biases × 4 data points, 12 inputs × 4 neurons
    zoom_on(w, "w1_1_1", 1.0)
    near = {c.key for c in sc.linked.copies()}
    assert near and near <= want  # the cards near the view only
    sc.detail.reveal_all()  # (as File › Export Image does: every card)
    assert {c.key for c in sc.linked.copies()} == want
    for s, t, p in m.edges():
        e = sc.edge_item(s, t, p)
        assert e.linked() == ((s, t, p) in want)
        if (s, t, p) in want:  # the long wire is not drawn: a stub from the copy to the port
            path = e.shown_path()
            b = sc.node_item(t).input_pos(p)
            assert path.boundingRect().width() <= 12.5 and path.currentPosition() == b
    # each original carries a badge counting its copies
    assert sc.linked.badge("w1_1_1").text() == "×4 copies"
    assert sc.linked.hidden_lines() == want  # far out the overview leaves their lines out


def test_the_copies_show_each_uses_gradient_and_add_up_to_the_originals(qtbot, mlp_open, tmp_path):
    w = mlp_open
    m, sc = w.model, w.scene
    zoom_on(w, "w1_1_1", 1.0)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    sc.detail.reveal_all()
    result = backward(m)
    per_use = wire_gradients(result)  # the engine's pass: what each use adds (+=)
    copies = sc.linked.copies()
    assert copies
    by_source: dict[str, float] = {}
    exact = 0
    for c in copies:
        g = sc.linked.carried(c.key)
        assert g == per_use[c.key]
        lines, _ = c.texts(1.0)
        # drawn on the copy, near, as the cards write numbers (zoom_digits.py): "0.2355 ∇−0.0622"
        # (where that is too wide, in three digits, as a card's value is then)
        v, full = m.value(c.source), f"{fmt_card(m.value(c.source))} ∇{fmt_card(g)}"
        uses = [sc.linked.carried((c.source, t, p)) for t, p in m.consumers(c.source)]
        if metrics(12).horizontalAdvance(full) <= PILL_W_MIN - 8 and min(map(abs, uses)) >= 0.01:  # (under
            # 0.01, a gradient's three digits, "0.00902", are wider than a pill's model: its value
            # shorter, and on the leaf's other copies too: they write it alike, verify 57)
            assert lines[1] == full, lines
            exact += 1
        else:  # (the gradient as the cards write it at this zoom: its value shorter, else left out)
            assert lines[1] in [*(f"{t} ∇{fmt_card(g)}" for t in number_forms(v)[1:3]), f"∇{fmt_card(g)}"], (
                lines
            )
        by_source[c.key[0]] = by_source.get(c.key[0], 0.0) + g
    # (the rest: a leaf one of whose uses sends back under 0.01, in three digits)
    assert exact > 0.6 * len(copies)
    # every use of a weight is a copy: their sum is its gradient (and finite differences agree)
    for s in ("w1_1_1", "w2_3_2", "b3_1"):
        assert by_source[s] == pytest.approx(result.grads[s], rel=1e-12, abs=1e-15)
        assert by_source[s] == pytest.approx(
            _finite_difference(tmp_path / "mlp.mgraph", s), rel=1e-4, abs=1e-7
        )


def _finite_difference(path: Path, leaf: str, h: float = 1e-6) -> float:
    """d loss / d leaf by central differences, the graph read again from its file."""
    from core.graph.build import build_values

    def loss(delta: float) -> float:
        m = fileio.load(path)
        m.set_value(leaf, m.value(leaf) + delta)
        out = m.graph.graph["output"]
        return build_values(m)[out].data

    return (loss(h) - loss(-h)) / (2 * h)


def test_mid_backward_a_leafs_copies_light_up(qtbot, mlp_open):
    w = mlp_open
    sc, lk = w.scene, w.scene.linked
    zoom_on(w, "w3_1_1", 0.6)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    order = w.document.backward_pass.order
    at = order.index("w3_1_1") + 1  # the step at the weight itself
    while w.document.pass_position != at:
        qtbot.keyClick(w.view, Qt.Key.Key_Right if (w.document.pass_position or 0) < at else Qt.Key.Key_Left)
    QApplication.processEvents()
    sc.detail.reveal_all()
    mine = [c for c in lk.copies() if c.source == "w3_1_1"]
    assert len(mine) == 4 and all(lk.lit(c.key) for c in mine)
    assert not any(lk.lit(c.key) for c in lk.copies() if c.source == "w1_1_1")
    # a step at a consumer lights the copy its wire feeds, as it lights the wire
    consumer = mine[0].key[1]
    target = order.index(consumer) + 1
    while w.document.pass_position != target:
        qtbot.keyClick(w.view, Qt.Key.Key_Left)
    QApplication.processEvents()
    assert lk.lit(mine[0].key) and sc.edge_item(*mine[0].key).flow is not None
    assert not lk.lit(mine[1].key)


def test_hovering_a_copy_rings_the_original_and_a_double_click_goes_to_it(qtbot, mlp_open):
    w = mlp_open
    sc, lk, view = w.scene, w.scene.linked, w.view
    zoom_on(w, "m1_1_1_1", 1.0)
    c = next(c for c in lk.copies() if c.key[1] == "m1_1_1_1" and c.source.startswith("w"))
    centre = c.sceneBoundingRect().center()
    vp_pos = view.mapFromScene(centre)
    if QApplication.mouseButtons() != Qt.MouseButton.NoButton:  # (a test before may have left a button
        # held: QTest's double-click sends no last release, and a move with a button held is a drag,
        # no hover; let go of it off the copies first)
        qtbot.mouseRelease(view.viewport(), QApplication.mouseButtons(), pos=vp_pos + QPoint(0, 300))
    qtbot.mouseMove(view.viewport(), vp_pos + QPoint(0, 300))  # (from elsewhere: a test before may have left
    QApplication.processEvents()  # the pointer here, and a move to where it is makes no hover)
    assert QApplication.mouseButtons() == Qt.MouseButton.NoButton
    qtbot.mouseMove(view.viewport(), vp_pos)
    QApplication.processEvents()
    assert lk.hot == c.source
    tip = sc.tooltip_at(centre)
    assert tip.startswith(f"linked copy of <b>{w.model.label(c.source)}</b> (layer 1 weights) — used 4 times")
    assert "double-click to go to it" in tip  # (a click selects the copy: trial 71 #7)
    qtbot.mouseMove(view.viewport(), vp_pos + QPoint(0, 300))
    QApplication.processEvents()
    assert lk.hot is None
    qtbot.mouseMove(view.viewport(), vp_pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_pos)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vp_pos)
    QApplication.processEvents()
    original = sc.node_item(c.source)
    assert [it for it in sc.selectedItems()] == [original]
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert seen.contains(original.sceneBoundingRect())
    d = seen.center() - original.sceneBoundingRect().center()
    assert abs(d.x()) < 5 and abs(d.y()) < 5  # centred
    # the copy is not a node: it did not move, nor was the consumer selected
    assert c.parentItem() is sc.node_item("m1_1_1_1") and not sc.node_item("m1_1_1_1").isSelected()


def test_turning_the_option_off_draws_the_wires_whole_and_is_remembered(mlp_open):
    w = mlp_open
    sc = w.scene
    zoom_on(w, "w1_1_1", 1.0)
    key = next(iter(expected(w.model)))
    assert sc.linked.copies()
    toggle(w)
    assert not settings.linked_copies()
    assert sc.linked.copies() == [] and not sc.edge_item(*key).linked()
    assert sc.linked.hidden_lines() == frozenset() or not sc.linked.hidden_lines()
    e = sc.edge_item(*key)
    a, b = e.ends()
    assert e.path().elementAt(0).x == pytest.approx(a.x()) and e.path().currentPosition() == b  # whole
    toggle(w)
    assert settings.linked_copies()
    QApplication.processEvents()
    assert sc.linked.copies() and sc.edge_item(*key).linked()


def test_no_copies_for_uses_in_the_same_group_or_without_groups(qtbot, window, tmp_path):
    m = GraphModel()
    a = m.add_node("leaf", "a", value=2.0, x=0, y=0)
    b = m.add_node("leaf", "b", value=-3.0, x=0, y=150)
    mul = m.add_node("mul", "a·b", x=240, y=0)
    add = m.add_node("add", "a+e", x=480, y=0)
    m.connect(a, mul, 0)
    m.connect(b, mul, 1)
    m.connect(mul, add, 0)
    m.connect(a, add, 1)  # a used twice, both uses in a's own group
    m.groups.load([Group("g", "blog", {a, b, mul, add}, None, False)])
    path = tmp_path / "same.mgraph"
    fileio.save(m, str(path))
    assert window.open_path(path)
    zoom_on(window, a, 1.0)
    assert window.scene.linked.copies() == [] and window.scene.linked.hidden_lines() == frozenset()
    for example in sorted((ROOT / "resources" / "examples").glob("*.mgraph")):
        window.undo_stack.setClean()
        assert window.open_path(example)
        window.scene.detail.reveal_all()
        assert {c.key for c in window.scene.linked.copies()} == expected(window.model), example.name


def test_copies_lie_clear_of_every_other_card_in_the_expanded_templates(qtbot, window, tmp_path):
    from core.cli.templates import build

    for name in ("mlp", "neuron"):
        path = tmp_path / f"{name}.mgraph"
        fileio.save(build(name), str(path))
        window.undo_stack.setClean()  # (Expand All is an edit: no "save changes?")
        assert window.open_path(path)
        QApplication.processEvents()
        if any(g.collapsed for g in window.model.groups):
            expand_all(qtbot, window)
        sc = window.scene
        sc.detail.reveal_all()
        cards = {n: it.sceneBoundingRect() for n, it in sc.node_map().items() if it.isVisible()}
        pills = [(c.key, c.sceneBoundingRect()) for c in sc.linked.copies()]
        for key, r in pills:
            hits = [n for n, cr in cards.items() if n != key[1] and cr.intersects(r)]
            assert not hits, (name, key, hits)
            assert not any(k != key and r.intersects(o) for k, o in pills), (name, key)


def test_a_big_graph_makes_copies_only_near_the_view(qtbot, window, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_scaling import layered_dag

    m = layered_dag(50_000)
    ids = m.topological_order()
    m.groups.load(
        [Group(f"g{k}", f"part {k}", set(ids[i : i + 100])) for k, i in enumerate(range(0, len(ids), 100))]
    )
    path = tmp_path / "big.mgraph"
    fileio.save(m, str(path))
    assert window.open_path(path)
    QApplication.processEvents()
    lk = window.scene.linked
    total = len(expected(window.model))
    assert total > 5_000  # the random leaves are shared across the parts
    assert lk.made == 0 and lk.rule.asked == 0  # opened fitted, far out: the overview draws
    mid = ids[len(ids) // 2]
    window.view.centerOn(window.scene.node_item(mid))  # far out, then in there
    zoom_on(window, mid, 1.0)
    made, asked = lk.made, lk.rule.asked
    # (a few thousand of 50,000; 814 asked while the pass's order was not yet the file's, whose
    # parts of 100 in a row lie further apart: 2,013 since trial 59 #4)
    assert 0 < made < 400 and asked < 3_000, (made, asked)
    # each for a card the view revealed near it (gui/canvas/zoom_detail.py), few of 50,000
    seen = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    near = window.scene.card_ids_near(
        seen.adjusted(-seen.width(), -seen.height(), seen.width(), seen.height())
    )
    assert len(near) < 1_500 and all(c.key[1] in near for c in lk.copies())
    # far out again: the overview leaves the linked lines out, nothing more is made
    window.action_fit.trigger()
    QApplication.processEvents()
    window.view.viewport().repaint()
    assert lk.made == made and len(lk.hidden_lines()) == total


def test_gradient_flow_draws_a_copys_stub_by_the_gradient_it_carries(qtbot, mlp_open):
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    w = mlp_open
    sc = w.scene
    menu_action(w.menus["view"], "gradient_flow").trigger()
    zoom_on(w, "m1_1_1_1", 1.0)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    QApplication.processEvents()
    key = ("w1_1_1", "m1_1_1_1", 0)
    e = sc.edge_item(*key)
    assert e.linked() and e.width is not None and e.pen().widthF() == e.width
    # the stub is what is stroked, with that pen: painted into an image, only beside the port
    img = QImage(400, 200, QImage.Format.Format_ARGB32)
    img.fill(0)
    p = QPainter(img)
    b = sc.node_item("m1_1_1_1").input_pos(0)
    p.translate(300 - b.x(), 100 - b.y())
    e.paint(p, QStyleOptionGraphicsItem())
    p.end()
    painted = [(x, y) for x in range(400) for y in range(200) if img.pixelColor(x, y).alpha() > 0]
    assert painted and all(300 - 14 - e.width <= x <= 300 + e.width for x, _ in painted)


def test_far_out_the_expanded_mlp_draws_no_linked_line(qtbot, window, tmp_path, monkeypatch):
    from gui.canvas.overview.overview_draw import OverviewDraw

    open_mlp_file(qtbot, window, tmp_path)  # opened folded and far out: the overview drew once
    drawn: list = []
    real = OverviewDraw._draw_plain
    monkeypatch.setattr(
        OverviewDraw,
        "_draw_plain",
        staticmethod(lambda p, lines: drawn.append(list(lines)) or real(p, lines)),
    )
    expand_all(qtbot, window)
    window.action_fit.trigger()
    QApplication.processEvents()
    sc = window.scene
    assert sc.far
    sc._layer.cached = False  # drawn directly, each line handed over
    window.view.viewport().repaint()
    QApplication.processEvents()
    linked = {sc._layer.line_of(k).toTuple() for k in expected(window.model)}
    assert drawn and linked
    assert not any(line.toTuple() in linked for line in drawn[-1])


def test_a_far_out_move_keeps_the_boxes_holding_the_linked_lines(qtbot, window, tmp_path):
    """Far out, the overview leaves the linked lines out of the boxes holding
    them: which boxes those are was worked out again at every move (a line
    filed again; 7,800 keys looked up a move at 50,000 nodes), now only when
    the lines left out change."""
    open_mlp_file(qtbot, window, tmp_path)
    expand_all(qtbot, window)
    window.action_fit.trigger()
    QApplication.processEvents()
    sc, m = window.scene, window.model
    assert sc.far
    window.view.viewport().repaint()
    layer = sc._layer
    held = layer._hidden_in
    assert held is not None and held[0] is sc.linked.hidden_lines() and len(held[0]) == 212
    x, y = m.position("m1_1_1_1")
    window.editor.move_nodes({"m1_1_1_1": ((x, y), (x + 40, y))})
    QApplication.processEvents()
    window.view.viewport().repaint()
    assert layer._hidden_in is held


def test_opening_one_layer_of_the_folded_mlp_draws_its_weights_as_copies(qtbot, window, tmp_path):
    """A trial: with the MLP folded, opening one layer drew every weight's
    wire long, from the still-folded weights card across the whole layer.
    Each of those weights is drawn as a copy beside its consumer now (the
    card's row is the leaf itself); a double-click on one goes to the weights card."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    m, sc, gs, lk = w.model, w.scene, w.model.groups, w.scene.linked
    layer = next(g.id for g in gs if g.label == "layer 2 [1]")
    weights = next(g.id for g in gs if g.label == "layer 2 weights")
    sc.clearSelection()
    sc.folding.card(layer).setSelected(True)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)  # open it
    QApplication.processEvents()
    assert not gs.get(layer).collapsed and gs.get(weights).collapsed
    inside = gs.nodes_in(layer)
    from_weights = {(s, t, p) for s, t, p in m.edges() if t in inside and gs.folded_into(s) == weights}
    assert len(from_weights) == 4 * (4 + 1)  # four neurons' four weights and bias
    assert from_weights <= expected(m) and from_weights <= set(lk.hidden_lines())
    sc.detail.reveal_all()
    assert from_weights <= {c.key for c in lk.copies()}
    for s, t, p in from_weights:  # a stub from the copy to the port, not a wire from the folded card
        e = sc.edge_item(s, t, p)
        assert e.linked() and e.shown_path().boundingRect().width() <= 12.5
    c = copy_of(w, next(iter(sorted(from_weights))))
    zoom_on(w, c.key[1], 1.0)
    vp_pos = w.view.mapFromScene(c.sceneBoundingRect().center())
    qtbot.mouseDClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=vp_pos)
    qtbot.mouseRelease(w.view.viewport(), Qt.MouseButton.LeftButton, pos=vp_pos)
    QApplication.processEvents()
    card = sc.folding.card(weights)
    assert sc.selectedItems() == [card]
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.contains(card.sceneBoundingRect().center())
