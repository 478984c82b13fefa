"""Editing on the canvas as a user does it: drops, typing, keys, clipboard, moves."""

from __future__ import annotations

import pytest
from canvas_helpers import Messages, click, double_click, drag, make_canvas, vp
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication

from gui.canvas.scene import OP_MIME
from gui.editing.palette import OP_ROLE, Palette


def _drop(view, mime: QMimeData, pos: QPoint) -> QDropEvent:
    w = view.viewport()
    act = Qt.DropAction.CopyAction
    for ev in (
        QDragEnterEvent(pos, act, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
        QDragMoveEvent(pos, act, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
    ):
        QApplication.sendEvent(w, ev)
        assert ev.isAccepted()
    drop = QDropEvent(QPointF(pos), act, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, drop)
    return drop


def test_palette_entry_dropped_on_view_creates_node_there(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    pal = Palette()
    qtbot.addWidget(pal)
    item = pal.item_for("tanh")
    mime = pal.list.mimeData([item])  # what the palette's own drag carries
    assert bytes(mime.data(OP_MIME)) == b"tanh"
    target = QPointF(120, -80)
    drop = _drop(view, mime, vp(view, target))
    assert drop.isAccepted()
    (nid,) = model.nodes()
    assert model.op(nid) == "tanh"
    x, y = model.position(nid)
    assert abs(x - 120) <= 1 and abs(y + 80) <= 1
    assert scene.node_item(nid).pos() == QPointF(x, y)
    assert scene.selected_ids() == [nid]
    assert stack.text(0) == "Add tanh"
    stack.undo()
    assert model.nodes() == [] and scene.node_items() == []


def test_foreign_drop_is_ignored(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    mime = QMimeData()
    mime.setText("hello")
    w = view.viewport()
    ev = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(w, ev)
    assert model.nodes() == []


def test_palette_double_click_asks_to_add(qtbot):
    pal = Palette()
    qtbot.addWidget(pal)
    pal.show()
    got = []
    pal.add_requested.connect(got.append)
    it = pal.item_for("pow")
    pal.list.itemDoubleClicked.emit(it)
    assert got == ["pow"]
    for op in ("leaf", "add", "sub", "mul", "div", "neg", "pow", "exp", "log", "tanh", "relu", "sigmoid"):
        tip = pal.item_for(op).toolTip()
        assert op == "leaf" or "derivative" in tip
    assert "in₁ − in₂" in pal.item_for("sub").toolTip()  # (the ports as its cards name them)


def _leaf_canvas(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    model.add_node("leaf", "a", label="a", value=2.0, x=-150, y=0)
    model.add_node("leaf", "b", label="b", value=-3.0, x=-150, y=120)
    model.add_node("mul", "e", label="e", x=100, y=40)
    model.connect("a", "e", 0)
    model.connect("b", "e", 1)
    return model, stack, scene, view


def test_a_delete_says_what_went_and_how_to_bring_it_back(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    msgs = Messages(scene)
    scene.select_ids(["a", "b"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert msgs[-1] == "Deleted 2 nodes · Ctrl+Z brings them back" and model.nodes() == ["e"]
    stack.undo()
    scene.select_ids(["e"])
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert msgs[-1] == "Deleted e · Ctrl+Z brings it back"


def test_type_value_into_inline_editor(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    double_click(view, QPointF(-150, 12))
    ed = scene.interaction.inline_editor
    assert ed is not None and ed.objectName() == "inline_value_editor"
    assert ed.text() == "2.0"
    ed.selectAll()
    qtbot.keyClicks(ed, "2.5")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert model.node("a")["value"] == 2.5
    assert model.value("e") == -7.5
    assert scene.node_item("a").value_text == "2.5000"
    assert scene.node_item("e").value_text == "\u22127.5000"
    assert scene.interaction.inline_editor is None
    assert stack.text(0) == "Set a = 2.5"


@pytest.mark.parametrize("text", ["abc", "inf", "nan", "", "1e999"])
def test_invalid_value_refused_with_message(qtbot, text):
    model, stack, scene, view = _leaf_canvas(qtbot)
    msgs = Messages(scene)
    double_click(view, QPointF(-150, 12))
    ed = scene.interaction.inline_editor
    ed.selectAll()
    ed.del_()
    qtbot.keyClicks(ed, text)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert model.node("a")["value"] == 2.0 and stack.count() == 0
    assert msgs and "value of 'a' not changed" in msgs[-1]
    assert scene.interaction.inline_editor is ed  # still open to fix the entry
    qtbot.keyClick(ed, Qt.Key.Key_Escape)
    assert scene.interaction.inline_editor is None and model.node("a")["value"] == 2.0


def test_edit_label_and_exponent(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    p = model.add_node("pow", "p", x=100, y=200, exponent=2.0)
    item = scene.node_item(p)
    assert item.symbol_text == "x²"
    double_click(view, item.mapToScene(item.symbol_rect().center()))  # the x² pill: exponent
    ed = scene.interaction.inline_editor
    assert ed.objectName() == "inline_exponent_editor"
    ed.selectAll()
    # typed with the minus sign the canvas shows (not ASCII, so a raw key event)
    for ev_type in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(ed, QKeyEvent(ev_type, 0, Qt.KeyboardModifier.NoModifier, "\u2212"))
    qtbot.keyClicks(ed, "0.5")
    qtbot.keyClick(ed, Qt.Key.Key_Enter)
    assert model.node(p)["exponent"] == -0.5
    assert item.symbol_text == "x^\u22120.5"
    double_click(view, scene.node_item("e").mapToScene(QPointF(-40, -22)))  # header, left: label
    ed = scene.interaction.inline_editor
    assert ed.objectName() == "inline_label_editor" and ed.text() == "e"
    ed.selectAll()
    qtbot.keyClicks(ed, "product")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert model.label("e") == "product" and scene.node_item("e").label == "product"
    stack.undo()
    assert model.label("e") == "e"


def test_delete_key_removes_node_with_wires_and_undo_restores(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    model.add_node("tanh", "t", x=350, y=40)
    model.connect("e", "t", 0)
    model.set_output("t")
    click(view, QPointF(100, 50))
    assert scene.selected_ids() == ["e"]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "e" not in model and model.edges() == []
    assert scene.node_item("e") is None and scene.edge_items() == []
    assert scene.node_item("t").flagged == "incomplete"
    assert stack.count() == 1 and stack.text(0) == "Delete e"
    stack.undo()
    assert sorted(model.edges()) == [("a", "e", 0), ("b", "e", 1), ("e", "t", 0)]
    assert len(scene.edge_items()) == 3 and model.value("t") == pytest.approx(-1.0, abs=1e-4)


def test_delete_several_connected_nodes_restores_wires_between_them(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    model.add_node("tanh", "t", x=350, y=40)
    model.connect("e", "t", 0)
    before = sorted(model.edges())
    scene.select_ids(["a", "e", "t"])
    scene.interaction.editor.delete_selection()
    assert model.nodes() == ["b"] and stack.text(0) == "Delete 3 nodes"
    stack.undo()
    assert sorted(model.edges()) == before
    assert sorted(e.key for e in scene.edge_items()) == before
    stack.redo()
    assert model.nodes() == ["b"]


def test_copy_paste_and_duplicate(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    scene.select_ids(["a", "e"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    assert mime.hasFormat("application/x-micrograd-nodes")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    new = scene.selected_ids()
    assert len(new) == 2 and not set(new) & {"a", "b", "e"}
    na = [n for n in new if model.op(n) == "leaf"][0]
    ne = [n for n in new if model.op(n) == "mul"][0]
    # the wire between the copied nodes, and the one from b, not copied (kept: b is in this document)
    assert model.inputs(ne) == [na, "b"]
    cards = {n: scene.node_item(n).sceneBoundingRect() for n in ("a", "b", "e")}
    assert not any(scene.node_item(n).sceneBoundingRect().intersects(r) for n in new for r in cards.values())
    assert model.node(na)["value"] == 2.0 and model.label(na) == "a"
    assert stack.count() == 1 and stack.text(0) == "Paste 2 nodes"
    stack.undo()
    assert sorted(model.nodes()) == ["a", "b", "e"]
    # duplicate: one entry, offset copies, selected
    scene.select_ids(["b"])
    dup = scene.interaction.editor.duplicate_selection()
    assert len(dup) == 1 and model.node(dup[0])["value"] == -3.0
    assert scene.selected_ids() == dup
    assert stack.text(stack.index() - 1) == "Duplicate 1 node"


def test_paste_with_garbage_on_clipboard_says_so(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    msgs = Messages(scene)
    mime = QMimeData()
    mime.setData("application/x-micrograd-nodes", b"{not json")
    QApplication.clipboard().setMimeData(mime)
    assert scene.interaction.editor.paste() == []
    assert msgs and "cannot be read" in msgs[-1] and stack.count() == 0


@pytest.mark.parametrize("key", ["value", "x"])
def test_paste_of_a_number_too_large_for_a_float_says_so(qtbot, key):
    """(a monkey test: 1 and 400 zeros as a JSON integer raised OverflowError)"""
    model, stack, scene, view = _leaf_canvas(qtbot)
    msgs = Messages(scene)
    big = "1" + "0" * 400
    attrs = f'"value": {big}' if key == "value" else f'"value": 1, "x": {big}'
    mime = QMimeData()
    mime.setData(
        "application/x-micrograd-nodes", f'{{"nodes": [{{"id": "q", "op": "leaf", {attrs}}}]}}'.encode()
    )
    QApplication.clipboard().setMimeData(mime)
    n = len(model)
    assert scene.interaction.editor.paste() == []
    says = "must be a finite number, not a whole number this large" if key == "value" else "cannot be read"
    assert msgs and says in msgs[-1]
    assert stack.count() == 0 and len(model) == n


def test_dragging_selected_nodes_is_one_undo_entry(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    scene.select_ids(["a", "b"])
    drag(view, QPointF(-150, 12), QPointF(-100, 72), steps=10)
    assert model.position("a") == (-100.0, 60.0)
    assert model.position("b") == (-100.0, 180.0)
    assert stack.count() == 1 and stack.text(0) == "Move 2 nodes"
    # the wire followed the node
    e = scene.edge_item("a", "e", 0)
    assert e.path().elementAt(0).x == pytest.approx(scene.node_item("a").output_pos().x())
    stack.undo()
    assert model.position("a") == (-150.0, 0.0) and scene.node_item("a").pos() == QPointF(-150, 0)
    assert model.position("b") == (-150.0, 120.0)


def test_click_selection_and_rubber_band(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    click(view, QPointF(-150, 12))
    click(view, QPointF(100, 52), Qt.KeyboardModifier.ControlModifier)
    assert scene.selected_ids() == ["a", "e"]
    click(view, QPointF(400, 400))  # empty: clears
    assert scene.selected_ids() == []
    drag(view, QPointF(-260, -60), QPointF(-40, 200))  # rubber band around a and b
    assert scene.selected_ids() == ["a", "b"]
    assert stack.count() == 0


def test_zoom_reset_and_fit(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    model.add_node("exp", "far", x=3000, y=2000)
    view.fit_all()
    for n in model.nodes():
        r = view.mapFromScene(scene.node_item(n).sceneBoundingRect()).boundingRect()
        assert view.viewport().rect().contains(r), n
    assert view.zoom < 0.5
    view.zoom_reset()
    assert view.zoom == pytest.approx(1.0)
    from PySide6.QtCore import QPoint as _P
    from PySide6.QtGui import QWheelEvent

    anchor = QPointF(300, 200)
    before = view.mapToScene(anchor.toPoint())
    ev = QWheelEvent(
        anchor,
        QPointF(view.viewport().mapToGlobal(anchor.toPoint())),
        _P(0, 0),
        _P(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), ev)
    assert view.zoom > 1.2
    after = view.mapToScene(anchor.toPoint())
    assert abs(after.x() - before.x()) < 2 and abs(after.y() - before.y()) < 2


def test_quick_add_by_keys(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qa = view._quick
    assert qa is not None and qa.isVisible()
    qtbot.keyClicks(qa.edit, "tanh")
    assert qa.visible_ops() == ["tanh"]
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    (nid,) = model.nodes()
    assert model.op(nid) == "tanh" and not qa.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qa = view._quick
    qtbot.keyClicks(qa.edit, "mul")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Escape)
    assert not qa.isVisible() and len(model.nodes()) == 1


def test_double_click_on_empty_canvas_opens_quick_add(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    double_click(view, QPointF(50, 50))
    qa = view._quick
    assert qa is not None and qa.isVisible()
    qtbot.keyClicks(qa.edit, "value")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    (nid,) = model.nodes()
    assert model.op(nid) == "leaf"
    x, y = model.position(nid)
    assert abs(x - 50) <= 1 and abs(y - 50) <= 1


def test_palette_filter_and_enter(qtbot):
    pal = Palette()
    qtbot.addWidget(pal)
    pal.show()
    got = []
    pal.add_requested.connect(got.append)
    qtbot.keyClicks(pal.filter, "sig")
    visible = [
        pal.list.item(i).data(OP_ROLE) for i in range(pal.list.count()) if not pal.list.item(i).isHidden()
    ]
    assert visible == ["sigmoid"]
    pal.list.setCurrentItem(pal.item_for("sigmoid"))
    pal.list.setFocus()
    qtbot.keyClick(pal.list, Qt.Key.Key_Return)
    assert got == ["sigmoid"]
    pal.grab()


def test_quick_add_ranks_prefix_matches_first(qtbot):
    from gui.editing.quick_add import QuickAdd

    qa = QuickAdd()
    qtbot.addWidget(qa)
    qa.edit.setText("t")
    assert qa.visible_ops()[0] == "tanh"
    qa.edit.setText("s")
    assert qa.visible_ops()[:2] == ["sub", "sigmoid"]
    qa.edit.setText("zzz")
    assert qa.visible_ops() == []
    got = []
    qa.chosen.connect(got.append)
    qa.show()
    qa.edit.setText("")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Down)
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert got == ["add"]  # second entry, after Value


def test_enter_and_f2_open_the_editors_from_the_keyboard(qtbot):
    model, stack, scene, view = _leaf_canvas(qtbot)
    scene.select_ids(["b"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    ed = scene.interaction.inline_editor
    assert ed is not None and ed.objectName() == "inline_value_editor"
    qtbot.keyClicks(ed, "7")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert model.node("b")["value"] == 7.0 and model.value("e") == 14.0
    scene.select_ids(["b"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    ed = scene.interaction.inline_editor
    assert ed.objectName() == "inline_label_editor"
    qtbot.keyClick(ed, Qt.Key.Key_Escape)
    assert scene.interaction.inline_editor is None and model.label("b") == "b"


def test_quick_add_stays_inside_the_canvas_near_its_bottom_right(qtbot):
    """Issue 11, bug 12: the Tab list ran off the bottom of the window."""
    from PySide6.QtCore import QPoint, QRect

    model, stack, scene, view = make_canvas(qtbot, size=(700, 420))
    vp = view.viewport()
    popup = view.open_quick_add(QPoint(vp.width() - 5, vp.height() - 5))
    assert popup is not None and popup.isVisible()
    canvas = QRect(vp.mapToGlobal(vp.rect().topLeft()), vp.size())
    assert canvas.contains(popup.frameGeometry()), (canvas, popup.frameGeometry())
    popup.close()


def test_dragging_a_block_far_out_moves_it_even_beside_a_port(qtbot):
    """Far out, ports are not drawn: a press on a block beside where its
    input port is moves the block; it must not pick the wire up by its end
    (which silently disconnected it)."""
    from core.graph.model import GraphModel

    m = GraphModel()
    m.add_node("leaf", "a", value=2.0, x=0, y=0)
    m.add_node("neg", "n", x=400, y=0)
    m.connect("a", "n", 0)
    model, stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(0.1)
    QApplication.processEvents()
    assert scene.far
    card = scene.node_item("n")
    start = card.input_pos(0) + QPointF(4, 0)  # on the block, a few units from the port
    assert card.contains(card.mapFromScene(start))
    drag(view, start, start + QPointF(0, 600), steps=8)
    assert ("a", "n", 0) in model.edges()
    assert model.position("n")[1] > 300
    assert stack.count() == 1 and stack.text(0).startswith("Move")


def test_a_drag_that_starts_on_a_wire_draws_the_selection_box(qtbot):
    """Where wires are dense nearly every pixel is on one: a press there and
    a drag selects the cards in the box (a click still picks the wire)."""
    from core.graph.model import GraphModel

    m = GraphModel()
    m.add_node("leaf", "a", value=2.0, x=0, y=0)
    m.add_node("leaf", "b", value=3.0, x=0, y=200)
    m.add_node("neg", "n", x=700, y=0)
    m.connect("a", "n", 0)
    model, stack, scene, view = make_canvas(qtbot, m)
    view.set_zoom(1.0)
    view.centerOn(QPointF(250, 100))
    QApplication.processEvents()
    wire = scene.edge_item("a", "n", 0)
    on_wire = wire.mapToScene(wire.path().pointAtPercent(0.4))
    assert scene.wire_at(on_wire) is wire
    drag(view, on_wire, QPointF(-120, 260), steps=8)
    assert set(scene.selected_ids()) == {"a", "b"} and scene.selected_wires() == []
    assert model.edges() == [("a", "n", 0)] and stack.count() == 0
    click(view, on_wire)
    QApplication.processEvents()
    assert scene.selected_wires() == [("a", "n", 0)] and scene.selected_ids() == []


@pytest.mark.parametrize(("typed", "value"), [("1", 1.0), ("-2.5", -2.5), ("3e-4", 3e-4), ("1/4", 0.25)])
def test_quick_add_a_typed_number_adds_a_value_holding_it(qtbot, typed, value):
    """A trial: "1" + Enter matched Sigmoid through its formula 1/(1+e⁻ˣ) and
    added a sigmoid; a typed number is first of all a Value holding it."""
    model, stack, scene, view = make_canvas(qtbot)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qa = view._quick
    qtbot.keyClicks(qa.edit, typed)
    assert qa.visible_ops()[0] == "leaf"
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    (nid,) = model.nodes()
    assert model.op(nid) == "leaf" and model.node(nid)["value"] == value
    assert not qa.isVisible() and stack.text(0) == "Add Value"
    stack.undo()
    assert model.nodes() == []


def test_tab_in_a_new_values_name_box_keeps_it_and_opens_quick_add(qtbot):
    """A trial: Tab, 2.5, Enter opened the new Value's name box; the next Tab
    only closed it and "tanh" typed after it went nowhere."""
    model, stack, scene, view = make_canvas(qtbot)
    msgs = Messages(scene)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClicks(view._quick.edit, "2.5")
    qtbot.keyClick(view._quick.edit, Qt.Key.Key_Return)
    (leaf,) = model.nodes()
    box = scene.interaction.inline_editor
    # its id for a name: leaf1 (x1 read as the lecture's name, trial 49)
    assert box is not None and box.hasFocus() and box.text() == "leaf1 = 2.5"
    assert msgs[-1].startswith("Name the new Value") and "Tab keeps it and adds the next node" in msgs[-1]
    qtbot.keyClicks(box, "a")  # (the whole text selected: typed over)
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    QApplication.processEvents()
    qa = view._quick
    assert scene.interaction.inline_editor is None and qa is not None and qa.isVisible()
    assert model.label(leaf) == "a" and model.node(leaf)["value"] == 2.5
    qtbot.keyClicks(qa.edit, "tanh")
    qtbot.keyClick(qa.edit, Qt.Key.Key_Return)
    assert sorted(model.op(n) for n in model.nodes()) == ["leaf", "tanh"]


def test_tab_in_a_name_box_with_a_mistake_keeps_the_box(qtbot):
    model, stack, scene, view = make_canvas(qtbot)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClicks(view._quick.edit, "2.5")
    qtbot.keyClick(view._quick.edit, Qt.Key.Key_Return)
    box = scene.interaction.inline_editor
    assert box is not None and box.hasFocus()
    qtbot.keyClicks(box, "a = 1/0")
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # (checked at once: offscreen, a late focus-out closes it)
    assert scene.interaction.inline_editor is box and box.text() == "a = 1/0"
    assert view._quick is None or not view._quick.isVisible()


def test_quick_add_names_still_match_as_before(qtbot):
    """Only a number gets the Value row: names, symbols and formulas match as they did."""
    from gui.editing.quick_add import QuickAdd

    qa = QuickAdd()
    qtbot.addWidget(qa)
    qa.edit.setText("sig")
    assert qa.visible_ops() == ["sigmoid"]
    qa.edit.setText("exp")
    assert qa.visible_ops()[0] == "exp"
    qa.edit.setText("1")
    assert qa.visible_ops()[0] == "leaf" and "sigmoid" in qa.visible_ops()[1:]
    qa.edit.setText("x1")
    assert "leaf" not in qa.visible_ops()


def test_paste_of_an_attribute_that_is_not_a_finite_number_is_refused(qtbot):
    """A monkey test: a pasted node with "foo": NaN was taken in, and from then on
    the graph could not be saved (nor its recovery copy written)."""
    model, stack, scene, view = _leaf_canvas(qtbot)
    msgs = Messages(scene)
    mime = QMimeData()
    mime.setData(
        "application/x-micrograd-nodes", b'{"nodes": [{"id": "q", "op": "leaf", "value": 1, "foo": NaN}]}'
    )
    QApplication.clipboard().setMimeData(mime)
    n = len(model)
    assert scene.interaction.editor.paste() == []
    assert msgs and "cannot be read" in msgs[-1] and len(model) == n and stack.count() == 0


def test_a_tilted_wheel_moves_along_and_does_not_zoom(qtbot):
    """Trial 53 #8: six clicks of a tilted wheel took a long row from 85 % to 29 %."""
    from PySide6.QtCore import QPoint as _P
    from PySide6.QtGui import QWheelEvent

    model, stack, scene, view = make_canvas(qtbot)
    view.zoom_reset()
    anchor = QPointF(300, 200)
    before = view.mapToScene(anchor.toPoint())
    for _ in range(3):  # three clicks to the right (a negative x: the picture moves left)
        ev = QWheelEvent(
            anchor,
            QPointF(view.viewport().mapToGlobal(anchor.toPoint())),
            _P(0, 0),
            _P(-120, 0),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), ev)
    after = view.mapToScene(anchor.toPoint())
    assert view.zoom == pytest.approx(1.0)
    assert after.x() - before.x() == pytest.approx(180, abs=2) and abs(after.y() - before.y()) < 1
