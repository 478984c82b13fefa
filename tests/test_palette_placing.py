"""Cards added with no place given (the palette's double-click, Graph › Add
Node) go into free room in view, side by side, not on top of each other.

A trial: File › New, then double-clicking Value, Add, Value and Multiply
piled each card about 28 px below and right of the last, over its value and
output port; an existing wire seemed to come out of the top card, and the
user dragged the cards apart before wiring them (gui/editing/placing.py).
"""

from __future__ import annotations

from canvas_helpers import drag, in_port, out_port
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication
from test_window_files import BLOG_IDS, open_blog_example
from window_helpers import action, answers, tmp_settings, trigger, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
#: Room kept between two cards (scene units): a wire can be dragged between them.
GAP = 12.0
STEP = 240.0


def double_click_palette(qtbot, w, op: str) -> str:
    """Double-click ``op``'s palette entry as a user does (a click, then the
    double-click); the id of the card it added."""
    before = set(w.model.nodes())
    lst = w.palette_panel.list
    at = lst.visualItemRect(w.palette_panel.item_for(op)).center()
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=at)
    qtbot.mouseDClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QApplication.processEvents()
    (new,) = set(w.model.nodes()) - before
    return new


def name_value(qtbot, w, text: str) -> None:
    """Type ``name = value`` in the box a new Value opens, and Enter."""
    qtbot.keyClicks(QApplication.focusWidget(), text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()


def card(w, n: str) -> QRectF:
    return w.scene.node_item(n).sceneBoundingRect()


def seen(w) -> QRectF:
    return w.view.mapToScene(w.view.viewport().rect()).boundingRect()


def assert_apart_and_in_view(w, ids) -> None:
    for i, a in enumerate(ids):
        assert seen(w).contains(card(w, a)), f"{a} is not wholly in view"
        for b in ids[i + 1 :]:
            assert not card(w, a).adjusted(-GAP, -GAP, GAP, GAP).intersects(card(w, b)), f"{a} on {b}"


def test_double_clicked_palette_entries_land_apart_in_view(qtbot, window):
    """The trial's steps: each card in view, none on another (nor on its
    value or ports), the Values in a column and each operation right of the
    card the user worked on, as a graph reads."""
    w = window
    w.resize(1600, 1000)
    qtbot.keyClick(w, Qt.Key.Key_N, CTRL)  # File › New
    QApplication.processEvents()
    assert len(w.model) == 0
    a = double_click_palette(qtbot, w, "leaf")
    name_value(qtbot, w, "a = 2")
    b = double_click_palette(qtbot, w, "leaf")
    name_value(qtbot, w, "b = -3")
    mul = double_click_palette(qtbot, w, "mul")
    c = double_click_palette(qtbot, w, "leaf")
    name_value(qtbot, w, "c = 10")
    add = double_click_palette(qtbot, w, "add")
    ids = [a, b, mul, c, add]
    assert [w.model.op(n) for n in ids] == ["leaf", "leaf", "mul", "leaf", "add"]
    assert_apart_and_in_view(w, ids)
    pos = {n: w.model.position(n) for n in ids}
    assert pos[b][0] == pos[a][0] and pos[b][1] > pos[a][1]  # b under a
    assert pos[mul][0] > pos[b][0]  # a product right of what it multiplies
    assert pos[add][0] > pos[c][0]
    # more of them, on and on: still apart, and all in view
    more = [double_click_palette(qtbot, w, op) for op in ("tanh", "exp", "mul", "neg", "relu", "sigmoid")]
    assert_apart_and_in_view(w, ids + more)


def test_a_card_added_keeps_off_the_wires(qtbot, window):
    """A card set down on a wire looks as if the wire came out of it (the
    trial's p → mul1): the new card leaves the wires alone."""
    w = window
    w.resize(1600, 1000)
    qtbot.keyClick(w, Qt.Key.Key_N, CTRL)
    QApplication.processEvents()
    a = double_click_palette(qtbot, w, "leaf")
    name_value(qtbot, w, "a = 2")
    tanh = double_click_palette(qtbot, w, "tanh")
    # the user drags tanh further right (by its header), then wires a to it: the
    # wire runs where the next card right of a would go
    head = w.scene.node_item(tanh).pos() + QPointF(0, -24)
    drag(w.view, head, head + QPointF(STEP, 0))
    drag(w.view, out_port(w.scene, a), in_port(w.scene, tanh, 0))
    assert w.model.inputs(tanh)[0] == a
    wire = w.scene.edge_item(a, tanh, 0)
    path = wire.sceneTransform().map(wire.path())
    w.scene.select_ids([a])
    added = [double_click_palette(qtbot, w, op) for op in ("mul", "add", "exp")]
    for n in added:
        assert not path.intersects(card(w, n)), f"{n} sits on the wire a → tanh"
    assert_apart_and_in_view(w, [a, tanh, *added])


def test_a_card_with_no_room_in_view_comes_into_view(qtbot, window):
    """Zoomed in on the lecture's graph (cards fill the view): Graph › Add
    Node puts the card beside them, not on them, and brings it into view."""
    w = window
    w.resize(1600, 1000)
    open_blog_example(w)
    w.view.setFocus()
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Plus, CTRL)  # View › Zoom In
    w.view.centerOn(card(w, "e").center())
    QApplication.processEvents()
    trigger(w, "add_tanh")
    (new,) = set(w.model.nodes()) - BLOG_IDS
    assert seen(w).contains(card(w, new))
    for n in BLOG_IDS:
        assert not card(w, n).intersects(card(w, new)), f"{new} on {n}"


def test_a_card_added_to_a_graph_wholly_in_view_leaves_it_whole(qtbot, window):
    """The lecture's graph fitted: the new card goes beside it, and the whole
    graph with the new card stays in view."""
    w = window
    w.resize(1600, 1000)
    open_blog_example(w)
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # View › Fit All
    QApplication.processEvents()
    assert w.view.shows_whole()
    added = [double_click_palette(qtbot, w, op) for op in ("tanh", "exp", "mul", "add")]
    assert w.view.shows_whole()
    assert_apart_and_in_view(w, [*BLOG_IDS, *added])
    assert action(w, "undo").isEnabled()


def test_a_card_added_keeps_out_of_an_open_groups_frame(qtbot, window):
    """A card set down inside a group's frame looks like one of its members:
    after Insert Neuron (its output selected, at the frame's edge), new
    cards go outside the "neuron" frame."""
    from test_insert_in_view import insert_from_graph_menu

    w = window
    w.resize(1600, 1000)
    qtbot.keyClick(w, Qt.Key.Key_N, CTRL)
    QApplication.processEvents()
    neuron = insert_from_graph_menu(qtbot, w, "learn_insert_neuron")
    assert w.scene.selected_ids() == ["o"]
    (gid,) = w.model.groups.ids()
    frame = w.scene.folding.frame(gid).outline()
    added = [double_click_palette(qtbot, w, op) for op in ("mul", "add", "tanh")]
    for n in added:
        assert not frame.intersects(card(w, n)), f"{n} is inside the neuron's frame"
    assert_apart_and_in_view(w, [*added, *(n for n in neuron if seen(w).intersects(card(w, n)))])
