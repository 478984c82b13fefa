"""Find (Ctrl+F) and the minimap, driven as a user does: keys typed into the
find bar, Enter, Shift+Enter, F3, Alt+Enter, Esc; View › Minimap, clicks and
drags in it (issue 10)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import action, answers, make_window, tmp_settings, trigger, window  # noqa: F401

from core.cli.templates import build
from core.files import fileio
from core.graph.model import GraphModel
from gui.common import settings
from gui.navigation import finding
from gui.navigation.minimap import REDRAW_MS

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"
WEIGHTS = ["x1", "x2", "w1", "w2", "x1w1", "x2w2"]
Key, Mod = Qt.Key, Qt.KeyboardModifier


def neuron(w):
    assert w.open_path(EX / "neuron_tanh.mgraph")
    QApplication.processEvents()
    return w


def open_find(qtbot, w):
    w.view.setFocus()
    qtbot.keyClick(w.view, Key.Key_F, Mod.ControlModifier)
    bar = w.navigation.find_bar
    assert bar.isVisible()
    assert QApplication.focusWidget() is bar.edit
    return bar


def type_text(qtbot, w, text: str) -> None:
    bar = w.navigation.find_bar
    qtbot.keyClicks(bar.edit, text)
    qtbot.waitUntil(lambda: w.navigation.find._searched == bar.edit.text(), timeout=3000)
    QApplication.processEvents()


def view_centre(w) -> QPointF:
    return w.view.mapToScene(w.view.viewport().rect().center())


def in_clear_view(w, rect: QRectF) -> bool:
    """Whether ``rect`` (scene) is wholly in the viewport and under none of
    the widgets over it (the Find bar, the minimap)."""
    r = w.view.mapFromScene(rect).boundingRect()
    vp = w.view.viewport()
    return vp.rect().contains(r) and not any(o.intersects(r) for o in w.view.overlays.covered(vp))


def card_centre(w, node: str) -> QPointF:
    return w.scene.node_item(node).sceneBoundingRect().center()


def node_centre(w, node: str) -> QPointF:
    return QPointF(*w.model.position(node))


# ---------------------------------------------------------------- find
def card_rect(w, node: str) -> QRectF:
    return w.scene.node_item(node).sceneBoundingRect()


def test_find_selects_the_matches_and_shows_each_in_turn(qtbot, window):
    """Each match is brought into view clear of the Find bar, with as much
    of the graph round it as fits: the neuron, small, centred whole, so
    going from match to match leaves the view where it is. (Centred on each
    match, the view showed empty canvas past the graph's edge: a trial.)"""
    w = window
    w.resize(1600, 1000)
    w.show()
    neuron(w)
    w.view.centerOn(5000, 5000)  # far away from the graph
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "W1")  # any case; labels w1, x1*w1, x1*w1 + x2*w2
    # reading order: top to bottom, then left to right
    assert w.navigation.find.matches == ["w1", "x1w1", "x1w1x2w2"]
    assert sorted(w.scene.selected_ids()) == ["w1", "x1w1", "x1w1x2w2"]
    assert bar.count.text() == "1 of 3"  # w1 itself first (a whole label), then reading order
    assert in_clear_view(w, card_rect(w, "w1")) and in_clear_view(w, w.view.graph_rect())
    shown = view_centre(w)
    marker = w.navigation.find.marker
    assert marker.isVisible() and marker.sceneBoundingRect().contains(card_centre(w, "w1"))

    qtbot.keyClick(bar.edit, Key.Key_Return)
    assert bar.count.text() == "2 of 3" and in_clear_view(w, card_rect(w, "x1w1"))
    qtbot.keyClick(bar.edit, Key.Key_Return)
    assert bar.count.text() == "3 of 3" and in_clear_view(w, card_rect(w, "x1w1x2w2"))
    qtbot.keyClick(bar.edit, Key.Key_Return)  # round the end
    assert bar.count.text() == "1 of 3" and in_clear_view(w, card_rect(w, "w1"))
    assert (view_centre(w) - shown).manhattanLength() < 2  # the whole neuron stayed in view, unmoved
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.ShiftModifier)  # round the start
    assert bar.count.text() == "3 of 3"
    qtbot.keyClick(bar.edit, Key.Key_F3)
    assert bar.count.text() == "1 of 3"
    qtbot.keyClick(bar.edit, Key.Key_F3, Mod.ShiftModifier)
    assert bar.count.text() == "3 of 3"
    # the bar's buttons too
    qtbot.mouseClick(bar.prev_button, Qt.MouseButton.LeftButton)
    assert bar.count.text() == "2 of 3" and in_clear_view(w, card_rect(w, "x1w1"))
    assert sorted(w.scene.selected_ids()) == ["w1", "x1w1", "x1w1x2w2"]  # cycling keeps them selected

    # Esc closes the bar; the canvas has the keys again
    qtbot.keyClick(bar.edit, Key.Key_Escape)
    assert not bar.isVisible() and not marker.isVisible()
    assert QApplication.focusWidget() is w.view
    # F3 with the bar closed opens it on the same text, at the next match,
    # the matches selected again
    w.scene.clearSelection()
    qtbot.keyClick(w.view, Key.Key_F3)
    assert bar.isVisible() and bar.count.text() == "3 of 3"
    assert sorted(w.scene.selected_ids()) == ["w1", "x1w1", "x1w1x2w2"]


def test_find_narrows_as_you_type_and_says_when_nothing_matches(qtbot, window):
    w = neuron(window)
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "x")
    assert len(w.navigation.find.matches) == 5  # x1, x2, x1*w1, x2*w2, x1*w1 + x2*w2
    assert bar.count.text() == "1 of 5"
    type_text(qtbot, w, "2*")
    assert w.navigation.find.matches == ["x2w2", "x1w1x2w2"]  # from the label starting "x2*"
    assert sorted(w.scene.selected_ids()) == ["x1w1x2w2", "x2w2"]
    type_text(qtbot, w, "q")
    assert bar.count.text() == "No match" and bar.count.property("nomatch") is True
    assert w.scene.selected_ids() == [] and not w.navigation.find.marker.isVisible()
    assert not bar.next_button.isEnabled()
    qtbot.keyClick(bar.edit, Key.Key_Return)  # nothing to go to: nothing breaks
    assert bar.count.text() == "No match"
    qtbot.keyClick(bar.edit, Key.Key_Backspace)
    qtbot.waitUntil(lambda: bar.count.text() == "1 of 2", timeout=2000)  # x2*w2 (it starts "x2*") first
    assert w.navigation.find.matches[w.navigation.find.current] == "x2w2"
    # an id is found as well as a label ("x1w1x2w2" is the id of "x1*w1 + x2*w2")
    qtbot.keyClick(bar.edit, Key.Key_A, Mod.ControlModifier)
    type_text(qtbot, w, "w1x2")
    assert w.navigation.find.matches == ["x1w1x2w2"] and bar.count.text() == "1 of 1"
    # Ctrl+F again selects the text, to type over it
    qtbot.keyClick(bar.edit, Key.Key_F, Mod.ControlModifier)
    assert bar.edit.selectedText() == "w1x2"


def test_a_match_in_a_folded_group_shows_its_card_and_alt_enter_opens_it(qtbot, window):
    w = neuron(window)
    gid = w.model.groups.add(WEIGHTS, "weighted inputs", collapsed=True)
    QApplication.processEvents()
    card = w.scene.folding.card(gid)
    assert card is not None and card.isVisible() and not w.scene.node_item("x2w2").isVisible()
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "w2")
    # w2 itself (a whole id) counted first, then on in reading order: x1*w1 + x2*w2, then the
    # card's x2*w2 (the card, at its nodes' top-left, is first in reading order)
    assert w.navigation.find.matches == ["w2", "x1w1x2w2", "x2w2"]
    # the current match's card is selected, with the matches shown on the canvas
    assert card.isSelected() and w.scene.node_item("x1w1x2w2").isSelected()
    assert in_clear_view(w, card.mapRectToScene(card.rect()))
    assert bar.count.text() == "1 of 3"  # w2 itself first (a whole id), in the card
    assert "“w2” is inside the folded group “weighted inputs”" in bar.note_text()
    assert bar.open_button.isVisible() and "Alt+Enter" in bar.open_button.text()
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.ShiftModifier)
    assert bar.count.text() == "3 of 3" and "“x2*w2” is inside" in bar.note_text()
    qtbot.keyClick(bar.edit, Key.Key_Return)
    assert bar.count.text() == "1 of 3" and "“w2” is inside" in bar.note_text()
    qtbot.keyClick(bar.edit, Key.Key_Return)
    assert bar.note_text() == "" and in_clear_view(w, card_rect(w, "x1w1x2w2"))
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.ShiftModifier)  # back to w2, in the card

    # Alt+Enter opens the group (one undo step): w2 is shown, selected, centred
    depth = w.undo_stack.count()
    qtbot.keyClick(bar.edit, Key.Key_Return, Mod.AltModifier)
    assert not w.model.groups.get(gid).collapsed and w.undo_stack.count() == depth + 1
    assert w.scene.node_item("w2").isVisible() and w.scene.node_item("w2").isSelected()
    # opened, w2 keeps its number and the order the user is going through
    # does not jump (it read "3 of 3": a trial's "9 of 36" became "12 of 36")
    assert w.navigation.find.matches == ["w2", "x1w1x2w2", "x2w2"]
    assert bar.count.text() == "1 of 3" and bar.note_text() == ""
    # the opened group shown whole, clear of the Find bar (centred on w2, it was cut: a trial)
    assert in_clear_view(w, w.scene.folding.frame(gid).sceneBoundingRect())
    assert w.scene.selected_ids() == ["w2"]  # Properties shows the match
    assert QApplication.focusWidget() is bar.edit  # keep typing
    w.undo_stack.undo()
    assert w.model.groups.get(gid).collapsed


def test_nested_folds_open_in_one_step_with_the_button(qtbot, window):
    w = neuron(window)
    gs = w.model.groups
    inner = gs.add(["x1", "w1", "x1w1"], "first product", collapsed=True)
    outer = gs.add(WEIGHTS, "weighted inputs", collapsed=True)
    QApplication.processEvents()
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "x1*")
    assert "folded group “weighted inputs”" in bar.note_text()
    qtbot.mouseClick(bar.open_button, Qt.MouseButton.LeftButton)
    assert not gs.get(inner).collapsed and not gs.get(outer).collapsed
    assert w.scene.node_item("x1w1").isVisible()
    assert in_clear_view(w, w.scene.folding.frame(outer).sceneBoundingRect())
    w.undo_stack.undo()  # one step folds both again
    assert gs.get(inner).collapsed and gs.get(outer).collapsed


def test_the_count_follows_edits_while_the_bar_is_open(qtbot, window):
    w = neuron(window)
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "w1")
    assert bar.count.text() == "1 of 3"  # w1, a whole label
    w.model.set_label("b", "bias w1")
    qtbot.waitUntil(lambda: bar.count.text().endswith(" of 4"), timeout=2000)
    find = w.navigation.find
    assert find.matches[find.current] == "w1"  # the current match kept


# ---------------------------------------------------------------- minimap
def test_minimap_is_toggled_in_view_remembered_and_moves_the_view(qtbot, window, answers):
    w = neuron(window)
    mm = w.navigation.minimap
    assert not mm.isVisible() and not action(w, "minimap").isChecked()  # off until turned on
    trigger(w, "minimap")
    assert mm.isVisible() and settings.minimap_shown()
    vp = w.view.viewport().geometry()
    assert vp.contains(mm.geometry())  # in the canvas's corner
    assert mm.geometry().right() > vp.center().x() and mm.geometry().bottom() > vp.center().y()

    # a click on a node's block centres the view on that node
    target = node_centre(w, "o")
    at = mm.map_pos(target).toPoint()
    qtbot.mouseClick(mm, Qt.MouseButton.LeftButton, pos=at)
    assert (view_centre(w) - target).manhattanLength() < 2 / mm.scale + 2
    # a drag moves the view along
    start, end = mm.map_pos(node_centre(w, "x1")).toPoint(), mm.map_pos(node_centre(w, "b")).toPoint()
    qtbot.mousePress(mm, Qt.MouseButton.LeftButton, pos=start)
    assert (view_centre(w) - node_centre(w, "x1")).manhattanLength() < 2 / mm.scale + 2
    for t in (0.25, 0.5, 0.75, 1.0):
        p = QPoint(round(start.x() + (end.x() - start.x()) * t), round(start.y() + (end.y() - start.y()) * t))
        qtbot.mouseMove(mm, pos=p)
    qtbot.mouseRelease(mm, Qt.MouseButton.LeftButton, pos=end)
    assert (view_centre(w) - node_centre(w, "b")).manhattanLength() < 2 / mm.scale + 2
    # the rectangle shows what the view shows
    w.view.zoom_reset()
    QApplication.processEvents()
    mm.repaint()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert mm.seen == seen

    # remembered: a new window starts with it on; turned off, it is gone
    w2 = make_window(qtbot, answers)
    assert action(w2, "minimap").isChecked() and w2.navigation.minimap.wanted
    assert not w2.navigation.minimap.isVisible()  # an empty graph has no map
    neuron(w2)
    assert w2.navigation.minimap.isVisible()
    trigger(w2, "minimap")
    assert not w2.navigation.minimap.isVisible() and not settings.minimap_shown()


def test_minimap_draws_folded_groups_as_their_card(qtbot, window):
    w = neuron(window)
    trigger(w, "minimap")
    mm = w.navigation.minimap
    before = mm.redraws
    gid = w.model.groups.add(WEIGHTS, "weighted inputs", collapsed=True)
    qtbot.waitUntil(lambda: mm.redraws == before + 1, timeout=2000)
    card = w.scene.folding.card(gid)
    r = mm.to_map(card.mapRectToScene(card.rect()))
    c = mm.picture().pixelColor(r.center().toPoint())
    assert c.name() == "#eef1fb"  # the card's fill, where the folded nodes were
    # the folded nodes are not drawn as blocks of their own
    x1 = mm.map_pos(node_centre(w, "x1"))
    assert r.adjusted(-1, -1, 1, 1).contains(x1)  # (within a pixel: a small window's map is small)


def test_opening_a_document_draws_the_minimap_once(qtbot, window, answers, tmp_path):
    """A review: with the map on, opening a document drew it twice, as it
    showed and again a moment later (~37 ms each at 50,000 nodes). Now once,
    and that drawing is the whole new graph (its groups' frames and cards)."""
    w = window
    mm = w.navigation.minimap
    if not mm.wanted:
        trigger(w, "minimap")
    assert mm.wanted and not mm.isVisible()  # an empty graph: no map yet
    path = tmp_path / "mlp.mgraph"
    fileio.save(build("mlp"), str(path))
    for name in ("mlp", "neuron"):  # the map shown by the file; then one file in place of another
        before = mm.redraws
        answers.open_path = str(path) if name == "mlp" else str(EX / "neuron_tanh.mgraph")
        w.view.setFocus()
        qtbot.keyClick(w.view, Key.Key_O, Mod.ControlModifier)  # File › Open…
        assert w.doc_name.startswith(name)
        qtbot.wait(3 * REDRAW_MS)
        assert mm.isVisible() and mm.redraws == before + 1, name
        drawn = mm.picture().copy()
        mm.redraw()  # drawn again now, the same picture: it was right
        assert mm.picture() == drawn, name


# ---------------------------------------------------------------- big graphs
def big_model(n: int) -> GraphModel:
    """A sum of products laid out in rows: n nodes, about n wires."""
    nodes, edges = [("x0", {"op": "leaf", "value": 0.5, "x": 0.0, "y": 0.0})], []
    prev, i = "x0", 1
    while i + 1 < n:
        col, row = (i // 2) % 100, (i // 2) // 100
        leaf, op = f"w{i}", f"n{i}"
        nodes.append((leaf, {"op": "leaf", "value": 1.0, "x": col * 480.0, "y": row * 220.0}))
        nodes.append((op, {"op": "add", "x": col * 480.0 + 240.0, "y": row * 220.0 + 110.0}))
        edges += [(prev, op, 0), (leaf, op, 1)]
        prev, i = op, i + 2
    return GraphModel.from_records({"format": "micrograd-studio", "version": 1}, nodes, edges)


class Counter:
    """Counts the calls of ``obj.name``, and those made from gui/navigation."""

    def __init__(self, monkeypatch, obj, name: str) -> None:
        self.calls = self.ours = 0
        real = getattr(obj, name)

        def counted(*a, **k):
            self.calls += 1
            if "navigation" in sys._getframe(1).f_code.co_filename:
                self.ours += 1
            return real(*a, **k)

        monkeypatch.setattr(obj, name, counted)


def test_find_and_minimap_on_20k_nodes_do_no_per_node_work_per_keystroke_or_frame(qtbot, window, monkeypatch):
    w = window
    assert w.open_model(big_model(20_000), "big")
    QApplication.processEvents()
    w.view.fit_all()
    nav = w.navigation
    bar = open_find(qtbot, w)
    assert nav.find.finder.builds == 1  # built when the bar opened
    items = Counter(monkeypatch, w.scene, "node_items")
    item = Counter(monkeypatch, w.scene, "node_item")
    labels = Counter(monkeypatch, w.model, "label")
    for k, ch in enumerate("n1235"):
        type_text(qtbot, w, ch)
        # the current match's card (and the panels showing the selection): a few, not one per node
        assert item.calls <= 4 * (k + 1)
    # the sums n1, n3, ...: n1235 and n12351, n12353, ..., n12359
    assert nav.find.matches == ["n1235", "n12351", "n12353", "n12355", "n12357", "n12359"]
    # Find never lists the cards; the far-zoom overview redrew once, when the
    # first keystroke selected a match while the view was still fitted far out
    assert items.ours == 0 and items.calls <= 1
    # Find reads its index, not the model's labels (the panels describe the selection)
    assert labels.ours == 0 and labels.calls < 100 and nav.find.finder.builds == 1
    assert sorted(w.scene.selected_ids()) == sorted(nav.find.matches)
    assert in_clear_view(w, card_rect(w, "n1235"))  # (in the middle of the room clear of the bar)
    assert w.view.zoom >= 1.0  # brought close enough to read it
    # a text matching thousands: only the current one is selected
    qtbot.keyClick(bar.edit, Key.Key_A, Mod.ControlModifier)
    type_text(qtbot, w, "n")
    assert len(nav.find.matches) == 9_999 > finding.SELECT_LIMIT
    assert w.scene.selected_ids() == [nav.find.matches[0]]
    qtbot.keyClick(bar.edit, Key.Key_Return)
    assert w.scene.selected_ids() == [nav.find.matches[1]] and bar.count.text() == "2 of 9,999"
    assert items.ours == 0 and item.calls <= 4 * 7 and nav.find.finder.builds == 1

    # the minimap: drawn once; scrolling and zooming only move its rectangle
    trigger(w, "minimap")
    mm = nav.minimap
    QApplication.processEvents()
    drawn = mm.redraws
    assert drawn >= 1
    items.calls = items.ours = 0
    for k in range(10):
        w.view.centerOn(k * 3000.0, k * 1000.0)
        w.view.set_zoom(0.05 + k * 0.02)
        mm.repaint()
        w.view.viewport().repaint()
    assert mm.redraws == drawn and items.ours == 0  # (the canvas's own far-zoom layer lists them)
    assert mm.seen == w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    # edits are coalesced: 50 moves, one new picture
    for k in range(50):
        w.model.set_position(f"w{2 * k + 1}", -1000.0 - k, -500.0)
    qtbot.waitUntil(lambda: mm.redraws == drawn + 1, timeout=3000)
    qtbot.wait(finding.DEBOUNCE_MS + 300)
    assert mm.redraws == drawn + 1
    # a click in the minimap still moves the view
    qtbot.mouseClick(mm, Qt.MouseButton.LeftButton, pos=mm.map_pos(QPointF(0.0, 0.0)).toPoint())
    assert (view_centre(w) - QPointF(0.0, 0.0)).manhattanLength() < 4 / mm.scale


def test_only_the_current_matchs_folded_card_is_selected(qtbot, window):
    w = neuron(window)
    gs = w.model.groups
    top = gs.add(["x1", "w1", "x1w1"], "first product", collapsed=True)
    low = gs.add(["x2", "w2", "x2w2"], "second product", collapsed=True)
    QApplication.processEvents()
    top_card, low_card = w.scene.folding.card(top), w.scene.folding.card(low)
    bar = open_find(qtbot, w)
    type_text(qtbot, w, "*w")  # x1*w1 and x2*w2 (folded), x1*w1 + x2*w2 (shown)
    assert w.navigation.find.matches == ["x1w1", "x1w1x2w2", "x2w2"]
    # a card stands for all its nodes (Delete would take them): only the current one's
    assert top_card.isSelected() and not low_card.isSelected()
    assert w.scene.node_item("x1w1x2w2").isSelected()
    assert len(w.scene.selected_ids()) == 4  # the card's three nodes and x1*w1 + x2*w2
    qtbot.keyClick(bar.edit, Key.Key_Return)
    assert not low_card.isSelected() and not top_card.isSelected()
    assert w.scene.selected_ids() == ["x1w1x2w2"]
    qtbot.keyClick(bar.edit, Key.Key_Return)
    assert low_card.isSelected() and not top_card.isSelected()
    assert "“second product”" in bar.note_text()
    # the minimap marks the matches where they are drawn: one mark per card
    trigger(w, "minimap")
    mm = w.navigation.minimap
    QApplication.processEvents()
    assert len(mm.marks) == 3
    assert top_card.sceneBoundingRect().contains(mm.marks[0])
    assert low_card.sceneBoundingRect().contains(mm.marks[2])


def test_the_minimap_hides_on_an_empty_graph(qtbot, window):
    w = neuron(window)
    trigger(w, "minimap")
    assert w.navigation.minimap.isVisible()
    w.new_document()
    QApplication.processEvents()
    assert not w.navigation.minimap.isVisible() and action(w, "minimap").isChecked()
    w.add_node("leaf")
    qtbot.waitUntil(lambda: w.navigation.minimap.isVisible(), timeout=2000)


def test_the_view_rectangle_stays_visible_when_zoomed_far_in(qtbot, window):
    w = window
    assert w.open_model(big_model(2_000), "big")
    trigger(w, "minimap")
    mm = w.navigation.minimap
    w.view.set_zoom(4.0)
    w.view.centerOn(QPointF(2400.0, 1100.0))
    QApplication.processEvents()
    img = mm.grab().toImage()
    at = mm.map_pos(QPointF(2400.0, 1100.0)).toPoint()
    # the view is under a pixel on the map: its rectangle is drawn 8 px wide around it
    assert mm.to_map(mm.seen).width() < 2
    edge = [img.pixelColor(at.x() + dx, at.y() - 4).name() for dx in range(-4, 5)]
    assert "#3b82f6" in edge


def test_the_status_counts_follow_edits_but_are_not_recounted_per_selection(qtbot, window, monkeypatch):
    w = neuron(window)
    counts = w.status_line.count_label
    assert counts.text() == "10 nodes · 9 wires"
    edges = Counter(monkeypatch, w.model.graph, "number_of_edges")
    bar = open_find(qtbot, w)
    for text in ("x", "w", "b"):
        qtbot.keyClick(bar.edit, Key.Key_A, Mod.ControlModifier)
        type_text(qtbot, w, text)
        qtbot.keyClick(bar.edit, Key.Key_Return)
        QApplication.processEvents()
    assert edges.calls == 0  # selections changed six times; the graph did not
    w.scene.select_ids(["b"])
    w.editor.delete_selection()
    qtbot.waitUntil(lambda: counts.text() == "9 nodes · 8 wires", timeout=2000)
    w.undo_stack.undo()
    qtbot.waitUntil(lambda: counts.text() == "10 nodes · 9 wires", timeout=2000)


def test_the_view_rectangle_keeps_its_four_edges_when_the_view_shows_more_than_the_graph(qtbot, window):
    """Zoomed out past the graph, the view's rectangle would reach beyond the
    map on every side: it is drawn along the map's border instead, each edge
    visible (a clipped rectangle read as a map with no view on it)."""
    w = neuron(window)
    trigger(w, "minimap")
    mm = w.navigation.minimap
    w.view.set_zoom(0.12)
    QApplication.processEvents()
    assert not mm.to_map(mm.seen).intersected(mm.rect().toRectF()) == mm.to_map(mm.seen)  # beyond the map
    img = mm.grab().toImage()
    W, H = img.width(), img.height()
    edge = "#3b82f6"
    row = [img.pixelColor(x, H // 2).name() for x in range(W)]
    col = [img.pixelColor(W // 2, y).name() for y in range(H)]
    assert edge in row[: W // 4] and edge in row[-W // 4 :], "left and right edges"
    assert edge in col[: H // 4] and edge in col[-H // 4 :], "top and bottom edges"
    box = mm.view_box()
    assert QRectF(mm.rect()).contains(box)


def test_no_view_rectangle_is_drawn_when_the_view_is_off_the_map(qtbot, window):
    """Scrolled wholly off the graph, no box is clamped into a corner (it read
    as "the view is here, zoomed far in")."""
    w = neuron(window)
    trigger(w, "minimap")
    mm = w.navigation.minimap
    w.view.set_zoom(1.0)
    w.view.centerOn(QPointF(-20_000.0, -20_000.0))
    QApplication.processEvents()
    assert mm.view_box().isNull()
    img = mm.grab().toImage()
    assert not any(
        img.pixelColor(x, y).name() == "#3b82f6" for x in range(img.width()) for y in range(img.height())
    )
