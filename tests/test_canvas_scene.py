"""The scene mirrors the model; items show what the model says; commands undo."""

from __future__ import annotations

import math

import pytest
from canvas_helpers import make_canvas
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from core.explain.format import fmt, fmt_card, fmt_full, parse_number
from core.files import fileio
from core.graph.model import GraphModel
from gui.canvas.items import NodeItem
from gui.canvas.scene import GraphScene

EXAMPLES = "resources/examples"


def test_fmt_compact_and_exact():
    assert fmt(2.0) == "2"
    assert fmt(-6.0) == "\u22126"
    assert fmt(0.7071067811865476) == "0.7071"
    assert fmt(123456.0) == "1.235e5"
    assert fmt(-1.5e-7) == "\u22121.5e\u22127"
    assert fmt(math.inf) == "inf" and fmt(-math.inf) == "\u2212inf" and fmt(math.nan) == "nan"
    assert fmt(None) == "?"
    # the cards print numbers as the lecture does: four decimals, never a false integer
    assert fmt_card(2.0) == "2.0000" and fmt_card(-6.0) == "\u22126.0000"
    assert fmt_card(24.70412) == "24.7041" and fmt_card(645.57731) == "645.5773"
    assert fmt_card(math.tanh(7)) == "0.999998" and fmt_card(1e-5) == "1e\u22125"
    assert fmt_card(1 - 4e-16) == "1.0000"  # a whole number to the last bits: as the lecture prints it
    assert fmt_card(-1e-13) == "\u22121e\u221213" and fmt_card(3e9) == "3e9"
    assert fmt_card(9.247e-7) == "9.247e\u22127" and fmt_card(3.2e-6) == "3.2e\u22126"  # no false 0.000001
    assert fmt_card(None) == "?" and fmt_card(math.inf) == "inf"
    assert fmt_full(0.1 + 0.2) == "0.30000000000000004"
    assert fmt_full(-6.0) == "\u22126.0" and fmt_full(-1e-300) == "\u22121e\u2212300"
    assert parse_number(fmt_full(-1 / 3)) == -1 / 3 and parse_number(fmt_full(-1e-300)) == -1e-300
    assert float(fmt_full(1 / 3)) == 1 / 3
    assert parse_number(" \u22122.5 ") == -2.5
    for bad in ("", "x", "inf", "-inf", "nan", "1e400"):
        with pytest.raises(ValueError):
            parse_number(bad)


def test_scene_builds_from_file_and_items_show_values(qtbot):
    model = fileio.load(f"{EXAMPLES}/blog_L.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    assert {it.node_id for it in scene.node_items()} == set(model.nodes())
    assert sorted(e.key for e in scene.edge_items()) == sorted(model.edges())
    L = scene.node_item("L")
    assert L.value_text == "\u22128.0000" and L.is_output
    assert [n for n in model.nodes() if scene.node_item(n).is_output] == ["L"]
    assert scene.node_item("e").symbol_text == "\u00d7"
    assert scene.node_item("a").pos() == QPointF(*model.position("a"))
    # wires start at the source's output port and end at the right input port
    e = scene.edge_item("c", "d", 1)
    path = e.path()
    assert path.elementAt(0).x == pytest.approx(scene.node_item("c").output_pos().x())
    end = path.elementAt(path.elementCount() - 1)
    assert (end.x, end.y) == pytest.approx(
        (scene.node_item("d").input_pos(1).x(), scene.node_item("d").input_pos(1).y())
    )
    assert scene.node_item("d").input_pos(0).y() < scene.node_item("d").input_pos(1).y()


def test_model_edits_made_elsewhere_show_up(qtbot):
    model = fileio.load(f"{EXAMPLES}/blog_L.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    model.set_value("a", 3.0)  # e.g. from the properties panel
    assert scene.node_item("a").value_text == "3.0000"
    assert scene.node_item("e").value_text == "\u22129.0000"
    assert scene.node_item("L").value_text == "\u22122.0000"
    model.set_output("d")
    assert scene.node_item("d").is_output and not scene.node_item("L").is_output
    model.set_position("a", 10, 20)
    assert scene.node_item("a").pos() == QPointF(10, 20)
    assert scene.edge_item("a", "e", 0).path().elementAt(0).x == pytest.approx(
        scene.node_item("a").output_pos().x()
    )
    model.set_label("e", "prod")
    assert scene.node_item("e").label == "prod"
    model.disconnect("L", 1)
    assert scene.edge_item("f", "L", 1) is None
    assert scene.node_item("L").flagged == "incomplete" and scene.node_item("L").value_text == "?"
    assert "not connected" in scene.node_item("L").tooltip_text()


def test_nonfinite_flagged_with_reason(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    model.add_node("leaf", "x", value=-1.0)
    model.add_node("log", "y", x=200)
    model.connect("x", "y", 0)
    it = scene.node_item("y")
    assert it.value_text == "nan" and it.flagged == "nonfinite"
    assert "log of a negative number" in it.tooltip_text()
    model.set_value("x", 0.0)
    assert it.value_text == "\u2212inf" and "log of zero" in it.tooltip_text()
    model.set_value("x", 2.0)
    assert it.flagged is None and fmt_full(math.log(2.0)) in it.tooltip_text()


def test_pow_shows_exponent_and_named_ports(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    model.add_node("pow", "p", exponent=3.0)
    model.add_node("sub", "s", x=200)
    assert scene.node_item("p").symbol_text == "x³"
    tip = scene.node_item("s").tooltip_text()
    assert "<b>s</b> = in₁ − in₂" in tip and "in₁ = ∅, in₂ = ∅" in tip  # (ports as the card names them)
    model.set_exponent("p", 0.5)
    assert scene.node_item("p").symbol_text == "x^0.5"


def test_animation_api_on_items(qtbot):
    model = fileio.load(f"{EXAMPLES}/blog_L.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    a = scene.node_item("a")
    assert a.grad is None
    a.set_grad(6.0)
    assert a.grad == 6.0 and "grad: 6.0" in a.tooltip_text()
    a.set_highlight("current")
    assert a.highlight == "current"
    a.set_highlight("dim")
    assert a.opacity() < 1
    a.set_highlight(None)
    assert a.opacity() == 1
    with pytest.raises(ValueError):
        a.set_highlight("sparkly")
    a.set_note("a.grad = 6 + (-2) = 4")
    assert a.boundingRect().bottom() > NodeItem(model, "b").boundingRect().bottom()
    a.set_note(None)
    e = scene.edge_item("a", "e", 0)
    e.set_flow("×(−3) → −6")
    first = e.caption_item
    assert e.flow == "×(−3) → −6" and first is not None and first.isVisible()
    e.set_flow(None)  # the caption hidden, kept for the next flow (not through Qt's top level)
    assert e.flow is None and e.caption_rect() is None and e.caption_item is None and not first.isVisible()
    e.set_flow("×2 → 4")
    assert e.caption_item is first and first.isVisible() and e.caption_rect() is not None
    e.set_flow(None)
    a.set_grad(None)
    assert a.grad is None
    view.grab()


def test_undo_commands_texts(qtbot):
    model = fileio.load(f"{EXAMPLES}/blog_L.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    before = {n: model.position(n) for n in model.nodes()}
    model.set_position("a", 900, 900)
    before["a"] = (900.0, 900.0)
    scene.interaction.editor.auto_layout()
    assert stack.text(0) == "Auto Layout"
    assert model.position("a") != (900.0, 900.0)
    stack.undo()
    assert {n: model.position(n) for n in model.nodes()} == before
    scene.interaction.editor.set_output("e")
    assert stack.text(stack.index() - 1) == "Set output to e" and model.output == "e"
    stack.undo()
    assert model.output == "L"
    nid = scene.interaction.editor.add_node_at("sigmoid", QPointF(5, 5))
    assert stack.text(stack.index() - 1) == "Add sigmoid" and model.op(nid) == "sigmoid"
    scene.interaction.editor.set_value("a", "4")
    assert stack.text(stack.index() - 1) == "Set a = 4"


def test_deleted_scene_is_not_called(qtbot):
    from PySide6.QtCore import QObject
    from shiboken6 import Shiboken

    model = GraphModel()
    owner = QObject()
    scene = GraphScene(model, owner)
    model.add_node("leaf", "a")
    assert scene.node_item("a") is not None
    owner.deleteLater()  # the window goes, taking its scene; our reference stays
    qtbot.wait(10)
    assert not Shiboken.isValid(scene)
    # edits must not reach the deleted scene (psygnal would raise RuntimeError)
    model.add_node("leaf", "b")
    model.set_value("a", 1.0)
    model.connect("a", model.add_node("exp"), 0)


def test_far_zoom_overview_keeps_nodes_selectable(qtbot):
    model = fileio.load(f"{EXAMPLES}/neuron_exp.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    view.set_zoom(0.1)
    assert scene.far
    e = scene.edge_items()[0]
    assert not e.isVisible()
    view.grab()
    # nodes can still be clicked and rubber-band selected
    it = scene.node_item(model.nodes()[0])
    assert scene.node_at(it.pos()) is it
    scene.select_all()
    img = QImage(200, 200, QImage.Format.Format_ARGB32)
    p = QPainter(img)
    view.render(p)
    p.end()
    view.set_zoom(1.0)
    assert not scene.far and e.isVisible()


def test_examples_render(qtbot):
    import glob

    for path in sorted(glob.glob(f"{EXAMPLES}/*.mgraph")):
        model = fileio.load(path)
        _, stack, scene, view = make_canvas(qtbot, model)
        view.fit_all()
        img = view.grab().toImage()
        assert not img.isNull()
        shown = [scene.node_item(n) for n in model.nodes() if scene.node_item(n).isVisible()]
        shown += scene.folding.cards()  # a folded group's card stands for its nodes
        for it in shown:
            r = view.mapFromScene(it.sceneBoundingRect()).boundingRect()
            assert view.viewport().rect().contains(r)


def test_tooltips_for_cards_ports_and_wires(qtbot):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    model = fileio.load(f"{EXAMPLES}/blog_L.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    on_e = scene.node_item("e").sceneBoundingRect().center()
    assert "value: \u22126.0" in scene.tooltip_at(on_e)
    assert "input <b>in₂</b> of <b>e</b>, from <b>b</b>" in scene.tooltip_at(
        scene.node_item("e").input_pos(1)
    )
    assert "output of <b>a</b>" in scene.tooltip_at(scene.node_item("a").output_pos())
    wire = scene.edge_item("f", "L", 1)
    assert "carries \u22122.0" in scene.tooltip_at(wire.path().pointAtPercent(0.5))
    assert scene.tooltip_at(QPointF(-400, 400)) == ""
    # a real tooltip event on the view shows it
    p = view.mapFromScene(on_e)
    QApplication.sendEvent(
        view.viewport(), QHelpEvent(QHelpEvent.Type.ToolTip, p, view.viewport().mapToGlobal(p))
    )
    assert "value: \u22126.0" in QToolTip.text()
    QToolTip.hideText()


def test_editor_closes_when_its_node_goes(qtbot):
    model = fileio.load(f"{EXAMPLES}/blog_L.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    scene.interaction.edit("a", "value")
    assert scene.interaction.inline_editor is not None
    model.remove_node("a")
    assert scene.interaction.inline_editor is None


def test_refused_paste_changes_nothing_and_is_not_an_undo_entry(qtbot):
    import json

    from canvas_helpers import Messages
    from PySide6.QtCore import QMimeData
    from PySide6.QtWidgets import QApplication

    model = fileio.load(f"{EXAMPLES}/blog_L.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    msgs = Messages(scene)
    before = (sorted(model.nodes()), sorted(model.edges()))
    # the second node's value is not a number: the first must not stay behind
    data = {
        "nodes": [{"id": "p", "op": "leaf", "value": 1.0}, {"id": "q", "op": "leaf", "value": "lots"}],
        "edges": [],
    }
    mime = QMimeData()
    mime.setData("application/x-micrograd-nodes", json.dumps(data).encode())
    QApplication.clipboard().setMimeData(mime)
    assert scene.interaction.editor.paste() == []
    assert (sorted(model.nodes()), sorted(model.edges())) == before
    assert stack.count() == 0
    assert msgs and "must be a number" in msgs[-1] and "Error calling" not in msgs[-1]


def test_refused_wire_command_rolls_back(qtbot):
    from core.graph.errors import CycleError
    from gui.editing import commands as C

    model = fileio.load(f"{EXAMPLES}/blog_L.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    # clear e.a, then try a wire that makes a cycle: e.a must come back
    cmd = C.WireCommand(model, "bad", clear=[("e", 0)], add=[("L", "e", 1)])
    with pytest.raises(CycleError):
        C.push(stack, cmd)
    assert model.inputs("e") == ["a", "b"] and stack.count() == 0
    assert scene.edge_item("a", "e", 0) is not None


def test_wires_show_what_they_carry(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    model.add_node("leaf", "x", value=-1.0)
    model.add_node("log", "y", x=200)
    model.add_node("exp", "z", x=400)
    model.add_node("add", "s", x=400, y=150)
    model.connect("x", "y", 0)
    model.connect("y", "z", 0)
    model.connect("z", "s", 0)
    assert scene.edge_item("x", "y", 0).carries == "ok"
    assert scene.edge_item("y", "z", 0).carries == "nonfinite"  # log(-1) = nan flows on
    assert scene.edge_item("z", "s", 0).carries == "nonfinite"
    model.set_value("x", 2.0)
    assert scene.edge_item("y", "z", 0).carries == "ok"
    model.disconnect("y", 0)
    assert scene.edge_item("y", "z", 0).carries == "none"  # y has no value now
    assert scene.edge_item("y", "z", 0).pen().style() == Qt.PenStyle.DashLine


@pytest.mark.parametrize("far", [False, True])
def test_destroying_a_scene_with_a_selection_is_quiet(qtbot, far):
    """Qt removes the items one by one when a scene is destroyed and emits
    selectionChanged for each selected one; nothing may touch the dying scene
    or its (already deleted) overview layer then."""
    import shiboken6

    model = fileio.load(f"{EXAMPLES}/neuron_exp.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    view.set_zoom(0.1 if far else 1.0)
    heard = []
    scene.selectionChanged.connect(lambda: heard.append(1))  # a listener such as the window
    scene.select_all()
    assert len(scene.selected_ids()) == len(model) and heard == [1]
    view.setScene(None)
    shiboken6.delete(scene)  # pytest-qt fails the test if a slot raised
    assert not shiboken6.isValid(scene)


def _header_pixels(qtbot, op: str):
    """Render one card at 300% and return (image, card rect in image pixels)."""
    from PySide6.QtCore import QRectF as _R

    m = GraphModel()
    m.add_node(op, "n1", x=0, y=0)
    _, stack, scene, view = make_canvas(qtbot, m)
    it = scene.node_item("n1")
    card = it.mapRectToScene(_R(-66, -32, 132, 64))
    img = QImage(132 * 3, 64 * 3, QImage.Format.Format_ARGB32)
    img.fill(0xFFFFFFFF)
    p = QPainter(img)
    scene.render(p, _R(0, 0, img.width(), img.height()), card)
    p.end()
    return img, it


def _bluish(c) -> bool:
    return c.blue() > 150 and c.blue() - c.red() > 60 and c.blue() - c.green() > 40


@pytest.mark.parametrize("op", ["mul", "add", "tanh", "pow"])
def test_operator_symbol_is_a_pill_on_the_left_not_a_corner_glyph(qtbot, op):
    """Review: a blue "×" in the header's top-right corner reads as a close
    button. The symbol sits in a pill at the left of the header instead."""
    from PySide6.QtGui import QColor

    img, it = _header_pixels(qtbot, op)
    header_h = 22 * 3
    right = [
        (x, y)
        for x in range(img.width() * 3 // 4, img.width() - 6)
        for y in range(4, header_h)
        if _bluish(QColor(img.pixel(x, y)))
    ]
    left = [
        (x, y)
        for x in range(6, img.width() // 3)
        for y in range(4, header_h)
        if _bluish(QColor(img.pixel(x, y)))
    ]
    assert right == []  # nothing blue in the top-right corner
    assert left  # the symbol, in blue, on the left
    pill = it.symbol_rect()
    assert pill.left() < -40 and pill.right() < 0


def test_decorations_changed_is_said_once_per_event_loop_turn(qtbot):
    """Gradients and highlights are the scene's own state: one signal for a
    whole batch (a pass changes every card at once), none for a value edit."""
    model = fileio.load(f"{EXAMPLES}/blog_L.mgraph")
    _, stack, scene, view = make_canvas(qtbot, model)
    heard = []
    scene.decorations_changed.connect(lambda: heard.append(1))
    for i, it in enumerate(scene.node_items()):
        it.set_grad(float(i))
        it.set_highlight("done")
    assert heard == []  # coalesced: said when the event loop turns
    qtbot.waitUntil(lambda: heard == [1], timeout=1000)
    QApplication.processEvents()
    assert heard == [1]
    model.set_value("a", 3.0)
    QApplication.processEvents()
    assert heard == [1]


def test_every_layer_the_scene_makes_is_taken_out_around_the_cards_removal(qapp):
    """A new graph: the scene's own top-level items leave the scene while the
    cards do, or each card's removal moves every card after it in Qt's
    top-level list (the lifted wires' layer was left in: ~8 % of replacing
    a 20,000-node graph)."""
    from core.graph.model import GraphModel
    from gui.canvas.cards.card_shelves import CardShelf
    from gui.canvas.scene import GraphScene

    m = GraphModel()
    for i in range(5):
        m.add_node("leaf", f"n{i}", value=1.0, x=i * 200.0, y=0.0)
    sc = GraphScene(m)
    own = [i for i in sc.items() if i.parentItem() is None and not isinstance(i, (NodeItem, CardShelf))]
    assert len(own) >= 7
    assert {id(i) for i in own} == {id(i) for i in sc._under_cards()}
