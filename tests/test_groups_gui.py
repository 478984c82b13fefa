"""Groups on the canvas, driven as a user does (issue 10): Ctrl+G with a
name typed in the dialog, fold and open by clicking, drag a folded card,
undo/redo of each, and a file that opens with its groups folded."""

from __future__ import annotations

from pathlib import Path

import pytest
from animation_helpers import drawn_card
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from window_helpers import answers, show_mlp, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from core.graph.backward import backward

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"
WEIGHTS = ["x1", "x2", "w1", "w2", "x1w1", "x2w2"]


def neuron(w):
    assert w.open_path(EX / "neuron_tanh.mgraph")
    QApplication.processEvents()
    return w


def type_name_soon(qtbot, text: str, tries: int = 250, seen: list[str] | None = None) -> None:
    """Answer the group-name dialog as a user: select all, type, Enter (once
    it is open: on a loaded machine the keys that open it come late; it is
    looked for every 20 ms, ``tries`` times and at least 30 s); ``seen``:
    the name it offered is noted there."""
    import time

    deadline = time.monotonic() + 30

    def dialog() -> QInputDialog | None:
        for w in [QApplication.activeModalWidget(), *QApplication.topLevelWidgets()]:
            if isinstance(w, QInputDialog) and w.isVisible() and w.objectName() == "group_name_dialog":
                return w
        return None

    def answer(left: int = tries):
        dlg = dialog()
        if dlg is None and (left > 0 or time.monotonic() < deadline):
            QTimer.singleShot(20, lambda: answer(left - 1))
            return
        assert dlg is not None, "the group-name dialog did not open"
        if seen is not None:
            seen.append(dlg.textValue())
        edit = dlg.findChild(QLineEdit)  # the dialog's line edit
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)


def click_scene(qtbot, w, scene_pos, double=False) -> None:
    vp = w.view.viewport()
    p = w.view.mapFromScene(scene_pos)
    if double:
        qtbot.mouseDClick(vp, Qt.MouseButton.LeftButton, pos=p)
    else:
        qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=p)
    QApplication.processEvents()


def paused_pass(w):
    """Backward started and paused at its start: the animator and the replay."""
    trigger(w, "backward")
    a = w.backward.animator
    a.pause()
    return a, a.replay


def step_until_in(w, nodes) -> None:
    """Step the paused pass until its current step is one of ``nodes``."""
    a = w.backward.animator
    while a.replay.current(a.pos) is None or a.replay.current(a.pos).node not in nodes:
        trigger(w, "step")


def test_group_fold_open_ungroup_each_one_undo_step(qtbot, window):
    w = neuron(window)
    m = w.model
    w.scene.select_ids(WEIGHTS)
    type_name_soon(qtbot, "weighted inputs")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert len(m.groups) == 1
    (g,) = list(m.groups)
    assert g.label == "weighted inputs" and g.members == set(WEIGHTS)
    frame = w.scene.folding.frame(g.id)
    assert frame is not None and frame.isVisible()
    for n in WEIGHTS:  # the frame is around its cards
        assert frame.sceneBoundingRect().contains(w.scene.node_item(n).sceneBoundingRect())

    # fold it by clicking the ▾ on its name tab
    w.view.ensureVisible(frame)
    QApplication.processEvents()
    click_scene(qtbot, w, frame.mapToScene(frame.toggle_rect().center()))
    assert m.groups.get(g.id).collapsed
    card = w.scene.folding.card(g.id)
    assert card is not None and card.isVisible()
    assert not any(w.scene.node_item(n).isVisible() for n in WEIGHTS)
    assert not w.scene.edge_item("x1", "x1w1", 0).isVisible()  # inside: hidden
    crossing = w.scene.edge_item("x1w1", "x1w1x2w2", 0)
    assert crossing.isVisible() and crossing.ends()[0] == card.output_pos("x1w1")
    assert [p.name for p in card.outputs] == [m.label("x1w1"), m.label("x2w2")]
    assert card.outputs[0].value == m.value("x1w1")

    # drag the folded card: its nodes move with it, one undo entry
    before = {n: m.position(n) for n in WEIGHTS}
    start = w.view.mapFromScene(card.mapToScene(card.rect().center()))
    vp = w.view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 6):
        qtbot.mouseMove(vp, start + QPoint(12 * i, 6 * i))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 30))
    QApplication.processEvents()
    z = w.view.transform().m11()
    for n in WEIGHTS:
        assert abs(m.position(n)[0] - (before[n][0] + 60 / z)) < 2
    assert crossing.ends()[0] == card.output_pos("x1w1")
    w.undo_stack.undo()
    assert {n: m.position(n) for n in WEIGHTS} == before

    # double-click the card: open again
    click_scene(qtbot, w, card.mapToScene(card.rect().center()), double=True)
    assert not m.groups.get(g.id).collapsed and w.scene.folding.card(g.id) is None
    assert all(w.scene.node_item(n).isVisible() for n in WEIGHTS)
    assert w.scene.edge_item("x1", "x1w1", 0).isVisible()

    w.scene.select_ids(["x1"])
    trigger(w, "ungroup")
    assert len(m.groups) == 0 and w.scene.folding.frame(g.id) is None
    texts = [w.undo_stack.text(i) for i in range(w.undo_stack.index())]
    assert texts[-4:] == [
        "Group weighted inputs",
        "Collapse weighted inputs",
        "Expand weighted inputs",
        "Ungroup weighted inputs",
    ]
    w.undo_stack.undo()  # ungroup undone
    assert m.groups.get(g.id).members == set(WEIGHTS)
    w.undo_stack.undo()  # expand undone: folded again
    assert w.scene.folding.card(g.id) is not None
    assert not w.scene.node_item("x1").isVisible()
    w.undo_stack.redo()
    assert w.scene.node_item("x1").isVisible()


def test_deleting_a_folded_card_deletes_its_nodes_and_undo_brings_them_back(qtbot, window):
    w = neuron(window)
    m = w.model
    w.scene.select_ids(WEIGHTS)
    gid = w.grouping.group_selection(label="inputs")
    w.grouping.collapse()
    card = w.scene.folding.card(gid)
    assert card is not None and card.isSelected()
    qtbot.waitUntil(w.action_delete.isEnabled)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert not any(n in m for n in WEIGHTS)
    # said (a trial: the card went without a word)
    assert w.status_text() == f"Deleted the group “inputs” ({len(WEIGHTS)} nodes) · Ctrl+Z brings it back"
    w.undo_stack.undo()
    assert all(n in m for n in WEIGHTS) and m.groups.get(gid).members == set(WEIGHTS)
    assert not w.scene.node_item("x1").isVisible()  # back inside the folded group
    # the group and another node: both said (the review: "the group (4 nodes)" said of more)
    w.scene.select_ids(["b"])
    w.scene.folding.card(gid).setSelected(True)  # (the folded card and b, as Ctrl+click picks them)
    QApplication.processEvents()
    assert set(w.scene.selected_ids()) == {*WEIGHTS, "b"}
    w.editor.delete_selection()
    n = len(WEIGHTS) + 1
    assert w.status_text() == f"Deleted {n} nodes and the group “inputs” · Ctrl+Z brings them back"


def test_backward_with_a_folded_group_gives_the_same_gradients(qtbot, window):
    w = neuron(window)
    m = w.model
    w.scene.select_ids(WEIGHTS)
    gid = w.grouping.group_selection(label="inputs")
    w.grouping.collapse()
    trigger(w, "backward")
    trigger(w, "skip_end")
    expected = backward(m).grads
    for n in m.nodes():
        assert w.scene.node_item(n).grad == expected[n]
    card = w.scene.folding.card(gid)
    qtbot.wait(20)  # the card follows the shown gradients (once per event-loop turn)
    assert [p.grad for p in card.outputs] == [expected["x1w1"], expected["x2w2"]]


def test_a_file_opens_with_its_groups_folded(qtbot, window, tmp_path, answers):
    m = fileio.load(EX / "neuron_tanh.mgraph")
    gid = m.groups.add(WEIGHTS, "inputs")
    m.groups.set_collapsed(gid, True)
    p = tmp_path / "folded.mgraph"
    fileio.save(m, p)
    w = window
    assert w.open_path(p)
    QApplication.processEvents()
    assert w.scene.folding.card(gid) is not None
    assert not w.scene.node_item("w1").isVisible() and w.scene.node_item("b").isVisible()
    w.scene.select_ids(["b"])
    trigger(w, "save")
    assert fileio.load(p).groups.get(gid).collapsed


def test_insert_mlp_opens_folded_by_layer_with_nothing_overlapping(qtbot, window):
    """Issue 10: Insert MLP makes a group per neuron, per layer (per data
    point), for each layer's weights and for the loss, and opens folded and
    laid out so that no two cards on screen overlap."""
    from core.learn import templates

    w = window
    w.showNormal()
    w.resize(1600, 1000)  # the window
    QApplication.processEvents()
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    gs = w.model.groups
    labels = {g.label for g in gs}
    assert {"layer 1 [1]", "layer 3 [4]", "neuron 2.3 [2]", "layer 1 weights", "loss"} <= labels
    layer = next(g for g in gs if g.label == "layer 2 [3]")
    assert layer.collapsed and len(gs.children(layer.id)) == 4  # its four neurons
    assert all(gs.get(k).label.startswith("neuron 2.") for k in gs.children(layer.id))
    shown = [it.sceneBoundingRect() for it in w.scene.node_items() if it.isVisible()]
    shown += [c.sceneBoundingRect() for c in w.scene.folding.cards()]
    assert len(shown) < 40  # 360 nodes read as a few dozen cards
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            assert not a.adjusted(6, 6, -6, -6).intersects(b.adjusted(6, 6, -6, -6))
    w.view.fit_all()
    assert w.view.transform().m11() >= 0.5  # fits at a zoom where cards are read
    w.undo_stack.undo()  # the insertion, groups included
    assert len(w.model) == 0 and len(gs) == 0


def test_a_folded_group_is_one_step_of_backward_and_opens_mid_pass(qtbot, window):
    """Issue 10: stepping Backward over a folded group takes it in one step
    (its card is the step shown); opening it mid-pass shows its inner steps'
    gradients in place, without restarting the pass."""
    w = neuron(window)
    m = w.model
    w.scene.select_ids(WEIGHTS)
    gid = w.grouping.group_selection(label="inputs")
    w.grouping.collapse()
    card = w.scene.folding.card(gid)
    trigger(w, "backward")
    a = w.backward.animator
    rp = a.replay
    if a.playing:
        a.pause()
    order = [rp.current(p).node for p in range(1, rp.last + 1)]
    inside = [p for p, n in enumerate(order, start=1) if n in WEIGHTS]
    assert len(inside) == len(WEIGHTS)
    seen = []
    while not a.at_end:
        trigger(w, "step")
        seen.append(a.pos)
        node = rp.current(a.pos).node
        if node in WEIGHTS:
            qtbot.wait(5)
            assert card.highlight == "current"
    # each run of steps inside the card was one step
    runs = sum(1 for i, p in enumerate(inside) if i == 0 or inside[i - 1] != p - 1)
    assert len(seen) == rp.last - len(inside) + runs
    # back over it, then open the card mid-pass
    trigger(w, "restart")
    while rp.current(a.pos) is None or rp.current(a.pos).node not in WEIGHTS:
        trigger(w, "step")
    pos = a.pos
    w.grouping.toggle(gid)
    assert a.pos == pos and a.replay is rp  # not restarted
    for n in WEIGHTS:
        assert w.scene.node_item(n).isVisible()
        assert w.scene.node_item(n).grad == rp.grad(n, pos)
    trigger(w, "skip_end")
    expected = backward(m).grads
    assert all(w.scene.node_item(n).grad == expected[n] for n in m.nodes())


def test_the_banner_says_a_step_ran_a_folded_groups_steps_as_one(qtbot, window):
    """One Step over a folded card jumps several steps (the new user's trial:
    "step 2" to "step 75" with four presses, nothing said): the banner names
    the run, the group and how to see each step."""
    w = neuron(window)
    w.scene.select_ids(WEIGHTS)
    gid = w.grouping.group_selection(label="inputs")
    w.grouping.collapse()
    a, rp = paused_pass(w)
    step_until_in(w, WEIGHTS)
    card, first, last = a.folded_run(a.pos)
    assert card == gid and first < last == a.pos
    assert all(rp.current(p).node in WEIGHTS for p in range(first, last + 1))
    text = w.backward.narration.text()
    assert text.startswith(
        f"Steps {first}–{last} of {rp.last}, run inside the folded group “inputs” as one Step"
    )
    assert "Ctrl+]" in text and rp.label(rp.current(a.pos).node) in text
    w.backward.order_panel.jump_requested.emit(first)  # into the run from the Order list
    QApplication.processEvents()
    assert w.backward.narration.text().startswith(
        f"Step {first} of {rp.last}, inside the folded group “inputs” (steps {first}–{last}): "
    )
    w.grouping.toggle(gid)  # opened: each step its own again
    trigger(w, "step")
    assert w.backward.narration.text().startswith(f"Step {a.pos} of {rp.last}: ")


def test_ctrl_bracket_opens_the_card_the_banner_is_about(qtbot, window):
    """The banner says "open it, Ctrl+]": with no card selected (the trial
    clicked the canvas first), Ctrl+] opens the current step's folded card;
    a single step inside a folded card says so too."""
    w = neuron(window)
    w.scene.select_ids(["x1", "w1", "x1w1"])
    gid = w.grouping.group_selection(label="first")
    w.grouping.collapse()
    a, rp = paused_pass(w)
    step_until_in(w, ("x1", "w1", "x1w1"))
    assert a.folded_run(a.pos)[0] == gid
    w.scene.clearSelection()
    w.view.set_zoom(2.0)  # looking elsewhere, close up: opening must bring the step back
    w.view.centerOn(5000, 5000)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not w.model.groups.get(gid).collapsed and a.replay is rp  # opened mid-pass
    QApplication.processEvents()
    assert "folded group" not in w.backward.narration.text()  # the banner says what is shown now
    node = rp.current(a.pos).node
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.contains(w.scene.node_item(node).sceneBoundingRect())  # the current step in view
    # on an open card: nothing to open, Graph › Expand Group is disabled and the key does nothing
    assert not w.grouping.action_expand.isEnabled()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert not w.model.groups.get(gid).collapsed and a.replay is rp


def test_opening_the_current_card_mid_pass_lays_its_captions_out_again(qtbot, window):
    """The MLP's loss folded, Backward at (ypred − y [4]), Ctrl+]: the
    captions stayed where the folded card had put them, one over the current
    card's value (which reads only once the wires' captions are off it)."""

    w = window
    show_mlp(qtbot, w)
    a, rp = paused_pass(w)
    while not (a.folded_run(a.pos) and len(rp.flows(a.pos)) == 2):
        trigger(w, "step")
    node = rp.current(a.pos).node
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(20)
    assert a.folded_run(a.pos) is None and rp.current(a.pos).node == node
    card = w.scene.node_item(node).sceneBoundingRect()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.contains(card)
    for s, t, p, text in rp.flows(a.pos):
        e = w.scene.edge_item(s, t, p)
        assert e.flow == text and e.isVisible()
        r = e.caption_rect()
        assert r is not None and not any(r.intersects(d) for d in drawn_card(w.scene.node_item(node))), (
            text,
            r,
        )
        for end in (s, t):  # nor over the cards at its wire's ends (what they draw: animation_helpers)
            assert not any(r.intersects(d) for d in drawn_card(w.scene.node_item(end))), (text, end)


def test_one_step_alone_inside_a_folded_card_says_where_it_runs(qtbot, window):
    """A step whose node a folded card hides, alone in its run (the MLP's
    "layer 3 [n]" steps): Step seemed to do nothing, the banner talking of a
    node not on screen."""
    w = neuron(window)
    w.scene.select_ids(["x2w2"])
    gid = w.grouping.group_selection(label="lonely")
    w.grouping.collapse()
    a, rp = paused_pass(w)
    pos = next(p for p in range(1, rp.last + 1) if a.folded_run(p) is not None and a.folded_run(p)[0] == gid)
    _, first, last = a.folded_run(pos)
    assert first == last
    w.backward.order_panel.jump_requested.emit(pos)
    QApplication.processEvents()
    assert w.backward.narration.text().startswith(
        f"Step {pos} of {rp.last}, inside the folded group “lonely” (open it, Ctrl+], to see it): "
    )


def test_collapse_all_folds_every_outermost_group(qtbot, window):
    """Graph › Collapse All Groups (Ctrl+Shift+[), and Ctrl+[ on Select All
    (no one group holds every node: it said "select nodes of a group")."""
    w = neuron(window)
    w.scene.select_ids(WEIGHTS)
    outer = w.grouping.group_selection(label="inputs")
    w.scene.select_ids(["x1", "w1", "x1w1"])
    inner = w.grouping.group_selection(label="first")
    w.scene.select_ids(["b"])
    other = w.grouping.group_selection(label="bias")
    gs = w.model.groups
    assert [g.label for g in gs if g.collapsed] == []
    w.view.setFocus()
    qtbot.keyClick(
        w.view,
        Qt.Key.Key_BracketLeft,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    QApplication.processEvents()
    assert gs.get(outer).collapsed and gs.get(other).collapsed and not gs.get(inner).collapsed
    trigger(w, "undo")
    assert not gs.get(outer).collapsed and not gs.get(other).collapsed  # one undo step
    qtbot.keyClick(w.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert gs.get(outer).collapsed and gs.get(other).collapsed
    assert w.grouping.action_collapse_all in w.menu("graph").actions()


def test_expand_and_collapse_all_keep_the_whole_graph_in_view(qtbot, window):
    """The MLP in view whole (fitted, or zoomed so): Expand All opened it
    past the window's edges (an empty canvas, frames cut off at the right);
    now the graph stays whole in view, and a fitted view fits again after
    Collapse All (it stayed zoomed out)."""
    from core.learn import templates

    w = window
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    view = w.view
    view.set_zoom(view.zoom * 0.9)  # whole in view, not fitted
    QApplication.processEvents()
    assert view.shows_whole() and not view.is_fitted
    trigger(w, "expand_all_groups")
    QApplication.processEvents()
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert seen.contains(view.graph_rect())
    trigger(w, "fit")
    zoom = view.zoom
    trigger(w, "collapse_all_groups")
    QApplication.processEvents()
    assert view.is_fitted and view.zoom > zoom  # the folded MLP, fitted again
    view.set_zoom(view.zoom * 3)  # a part of the graph: left where it is
    centre = view.center_scene_pos()
    trigger(w, "expand_all_groups")
    assert not view.shows_whole() and view.center_scene_pos() == centre


def test_undoing_expand_all_and_folding_after_a_pause_fit_the_folded_mlp_again(qtbot, window):
    """The trial: Expand All (fitted at ~12 %), a moment later Collapse All
    or Undo: the folded MLP stayed at 11-13 % (~55 % fits it). Collapse All
    fitted to where the folded cards were before the room Expand All made
    was given back (they follow moves on the next turn); Undo kept no view."""

    w = window
    show_mlp(qtbot, w)
    trigger(w, "fit")
    folded = w.view.zoom
    view = w.view
    for undo in (False, True):
        trigger(w, "expand_all_groups")
        qtbot.wait(50)  # the frames follow, the user looks
        assert view.is_fitted and view.zoom < folded / 3
        trigger(w, "undo" if undo else "collapse_all_groups")
        qtbot.wait(50)
        assert view.is_fitted and view.zoom == pytest.approx(folded, rel=0.02), undo
        if undo:
            trigger(w, "redo")  # Expand All again: fitted to the expanded graph
            assert view.is_fitted and view.zoom < folded / 3


def test_folding_a_card_back_gives_back_the_room_opening_it_made(qtbot, window):
    """Open "layer 1 [1]" of the MLP in place (its neighbours make room),
    fold it again: everything is back where it was (the rows below stayed
    pushed away, Fit at a third of the zoom, until Undo); a node moved by
    hand meanwhile stays where it was put. Undo and redo keep each step."""
    from core.learn import templates

    w = window
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    m, gs = w.model, w.model.groups
    before = {n: m.position(n) for n in m.nodes()}
    gid = next(g.id for g in gs if g.label == "layer 1 [1]")
    w.grouping.set_collapsed([gid], False)
    pushed = [n for n in m.nodes() if m.position(n) != before[n] and n not in gs.nodes_in(gid)]
    assert len(pushed) > 20
    w.grouping.set_collapsed([gid], True)
    assert {n: m.position(n) for n in m.nodes()} == before
    trigger(w, "undo")  # open again, the room made again
    assert all(m.position(n) != before[n] for n in pushed) and not gs.get(gid).collapsed
    trigger(w, "redo")
    assert {n: m.position(n) for n in m.nodes()} == before
    trigger(w, "undo")
    moved = pushed[0]
    x, y = m.position(moved)
    w.editor.move_nodes({moved: ((x, y), (x + 50.0, y))})  # put somewhere by hand
    w.grouping.set_collapsed([gid], True)
    assert m.position(moved) == (x + 50.0, y)
    assert all(m.position(n) == before[n] for n in pushed[1:])


def test_the_order_panel_nests_each_step_under_its_groups(qtbot, window):
    """Issue 10: "The Order panel nests steps by group." Each step sits
    under its group's row (a folded one marked ▸), inner groups under
    outer ones; a step in no group is a top-level row; its tooltip says
    where it is; a group's row jumps to its first step."""
    w = neuron(window)
    w.scene.select_ids(WEIGHTS)
    w.grouping.group_selection(label="inputs")
    w.scene.select_ids(["x1", "w1", "x1w1"])
    w.grouping.group_selection(label="first")
    w.grouping.collapse()
    trigger(w, "backward")
    om = w.backward.order_panel.model
    rp = w.backward.animator.replay

    def under(pos: int) -> list[str]:  # the group rows above a step, innermost first
        out, i = [], om.index_of(pos).parent()
        while i.isValid():
            out.append(om.data(om.index(i.row(), 1, i.parent())))
            i = i.parent()
        return out

    at = {om.node_at(p): p for p in range(1, om.steps())}
    # (a row for a later visit to its group says so: x1w1 stood for "first" before, b in no group)
    assert under(at["x1"]) == ["first (cont.)", "inputs (cont.)"] and under(at["x2w2"]) == ["inputs"]
    first_row = om.index_of(at["x1"]).parent()
    assert om.folded(first_row) and not om.folded(first_row.parent())  # "first" is folded: in italics
    assert om.data(om.index(first_row.row(), 1, first_row.parent()), Qt.ItemDataRole.FontRole).italic()
    # a visit of one step to a group: the step itself, its group named beside it
    assert (
        under(at["x1w1"]) == ["inputs"]
        and om.data(om.index_of(at["x1w1"], 1)) == f"{rp.row_label('x1w1')}  · first"
    )
    assert under(at["o"]) == [] and om.data(om.index_of(at["o"], 1)) == rp.row_label("o")
    assert "in inputs › ▸ first" in om.data(om.index_of(at["x1w1"], 1), Qt.ItemDataRole.ToolTipRole)
    assert [om.data(om.index(i.row(), 1, i.parent())) for i in om.group_rows()] == [
        "inputs",
        "inputs (cont.)",
        "first (cont.)",
    ]
    row = om.group_rows()[0]
    jumped: list[int] = []
    w.backward.order_panel.jump_requested.connect(jumped.append)
    w.backward.order_panel.table.clicked.emit(row)
    first = min(p for p in range(1, om.steps()) if om.node_at(p) in WEIGHTS)
    assert jumped == [first]


def narrow_order_panel_of_the_mlp(w, width: int = 320):
    """Insert MLP, Backward: the Order panel's model and view, ``width`` wide (the right column's)."""
    from core.learn import templates

    w.learning.insert(templates.mlp())
    trigger(w, "backward")
    panel = w.backward.order_panel
    panel.table.resize(width, 300)
    QApplication.processEvents()
    return panel.model, panel.table


def test_a_narrow_order_panel_shows_the_mlps_steps_nested_by_layer_and_neuron(qtbot, window):
    """In the right column's width each step's row shows its label, in
    from its group's row; the MLP's last layer, visited a neuron at a time,
    reads one row a step ("ypred[4]  · neuron 3.1 [4]"), not three."""
    from gui.backward.order_panel import ROW_H

    w = window
    om, table = narrow_order_panel_of_the_mlp(w)
    assert table.rowHeight(om.index_of(0)) == ROW_H
    for i in om.group_rows():  # a group's row holds two steps or more (one step is shown itself)
        assert " to " in om.data(i, Qt.ItemDataRole.ToolTipRole), om.data(i, Qt.ItemDataRole.ToolTipRole)
    steps = [om.index_of(p, 1) for p in range(1, om.steps())]
    assert sum(i.parent().isValid() for i in steps) > 300  # (the data points' inputs are in none)
    row_label = w.backward.replay.row_label
    assert all(om.data(i).startswith(row_label(om.node_at(p))) for p, i in enumerate(steps, 1))
    deepest = max(steps, key=lambda i: len(under_rows(i)))
    assert len(under_rows(deepest)) >= 2  # a neuron's steps under it, under its layer
    assert table.visualRect(deepest).isEmpty()  # its groups folded in the list: only the step's are open
    w.backward.animator.go_to(om.pos_of(deepest))  # (a click on a row of the Chain Rule, a step...)
    QApplication.processEvents()
    x = table.visualRect(deepest).left()
    assert x > table.visualRect(om.index_of(0, 1)).left()  # shown, in from the top-level rows


def test_a_narrow_order_panel_keeps_a_steps_label_whole_and_cuts_its_groups_name(qtbot, window):
    """A trial: cut in the middle as one text, "ypred[4]  · neuron 3.1 [4]"
    read "ypred[4]... 3.1 [4]" in the right column's width. The step's
    label is drawn whole, its group's name after it, cut first."""
    from gui.backward.order_delegate import StepLabelDelegate, fit
    from gui.backward.order_tree import GROUP_ROLE

    w = window
    om, table = narrow_order_panel_of_the_mlp(
        w, 250
    )  # (320 now gives the op column to the names: nothing cut)
    assert isinstance(table.itemDelegateForColumn(1), StepLabelDelegate)
    fm = table.fontMetrics()
    named = [(p, om.index_of(p, 1)) for p in range(1, om.steps()) if om.data(om.index_of(p, 1), GROUP_ROLE)]
    assert len(named) >= 12  # the last layer's and the loss's steps
    cut_whole = 0
    for p, i in named:
        label, group = w.backward.replay.label(om.node_at(p)), om.data(i, GROUP_ROLE)
        assert om.data(i) == f"{label}  · {group}"
        width = table.columnWidth(1) - table.indentation() * (1 + len(under_rows(i)))
        if fm.horizontalAdvance(label) < width:
            shown, tail = fit(label, group, fm, width)
            fits = fm.horizontalAdvance(om.data(i)) <= width
            assert shown == label and (tail == f"  · {group}") == fits
            assert fm.horizontalAdvance(shown + tail) <= width
            cut_whole += not fits
    assert cut_whole >= 8  # (the rows that read "ypred[4]... 3.1 [4]")
    assert fit("ypred[4]", "neuron 3.1 [4]", fm, 10_000) == ("ypred[4]", "  · neuron 3.1 [4]")
    assert fit("ypred[4]", "neuron", fm, 20)[1] == ""  # ("· …" names nothing)
    room = fm.horizontalAdvance("ypred[4]  · L") + 1  # (a review: a two-letter name cut to a lone "  …")
    assert fit("ypred[4]", "L2", fm, room)[1] == ""
    assert fit("ypred[4]", "L2", fm, 10_000)[1] == "  · L2"
    # cut at its start, its last words whole: the neuron's "1.1" and the data point's "[2]" stay
    # (cut at its end, four forward-mode rows read alike; in its middle, four neurons' rows did)
    room = fm.horizontalAdvance("(w1.1.1·x1)  · neuron 1.1 [") + 1
    tail = fit("(w1.1.1·x1)", "neuron 1.1 [2]", fm, room)[1]
    assert tail == "  · … 1.1 [2]"
    narrow = (
        fm.horizontalAdvance("(w1.1.1·x1)  · … [2]") + 1
    )  # (no last words fit: its middle cut, as before)
    assert fit("(w1.1.1·x1)", "neuron 1.1 [2]", fm, narrow)[1].endswith("[2]")
    # a row standing for a neuron of the last layer names that layer after it, the same way
    rows = {
        om.data(om.index(i.row(), 1, i.parent())): om.index(i.row(), 1, i.parent()) for i in om.group_rows()
    }
    assert om.data(rows["neuron 3.1 [4]"], GROUP_ROLE) == "layer 3 [4]"
    assert om.data(rows["layer 2 [4]"], GROUP_ROLE) is None
    table.grab()  # (the delegate paints every row shown)


def under_rows(index) -> list:
    out, i = [], index.parent()
    while i.isValid():
        out.append(i)
        i = i.parent()
    return out


def test_the_order_panel_lets_go_of_a_closed_documents_model(qtbot, window):
    """The Order panel kept the last pass's ``model.op`` (a bound method)
    until the next pass: a closed 50,000-node document stayed in memory."""
    import gc
    import weakref

    w = neuron(window)
    trigger(w, "backward")
    old = weakref.ref(w.model)
    assert w.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()
    gc.collect()
    assert old() is None  # nothing holds the closed document's model


def test_a_pass_starting_inside_a_folded_card_rings_it_and_ctrl_bracket_opens_it(qtbot, window):
    """The MLP's root is in the folded loss: at the start the card had no
    ring, the banner did not say where the root was, and Ctrl+] (which the
    README says opens the current step's card) said to select a card."""
    w = window
    show_mlp(qtbot, w)
    a, rp = paused_pass(w)
    QApplication.processEvents()
    assert a.pos == 0
    gid = w.scene.folding.card_of(rp.root)
    card = w.scene.folding.card(gid)
    assert card.highlight == "input"  # (amber, as the root's own card at the start)
    assert "inside the folded group “loss” (Ctrl+] opens it)" in w.backward.narration.text()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not w.model.groups.get(gid).collapsed and a.pos == 0 and a.replay is rp
    assert w.scene.node_item(rp.root).highlight == "input"


def test_grouping_a_node_of_a_group_takes_that_group_whole_and_says_so(qtbot, window):
    """A new user's trial: grouping c and f, c in the group "inner", made a
    group of five nodes ("inner" in it) while the status said "Grouped 2
    nodes". It counts what the group holds and names the group kept whole."""
    w = neuron(window)
    gs = w.model.groups
    w.scene.select_ids(["x1", "w1", "x1w1"])
    inner = w.grouping.group_selection(label="first product")
    w.scene.select_ids(["x1w1", "b"])
    gid = w.grouping.group_selection(label="cross")
    assert gs.nodes_in(gid) == {"x1", "w1", "x1w1", "b"} and gs.get(inner).parent == gid
    assert "Grouped 4 nodes as “cross” (with “first product”, kept whole)" in w.status_text()
    w.scene.select_ids(["x2", "w2"])
    w.grouping.group_selection(label="second")
    assert "Grouped 2 nodes as “second”; Ctrl+[" in w.status_text()


def test_undo_takes_the_message_of_what_it_undid_away(qtbot, window):
    """A new user's trial: Ctrl+Z after grouping left "Grouped 2 nodes as
    …" in the status bar for its six seconds, over a graph with no group."""
    w = neuron(window)
    w.scene.select_ids(["x2", "w2"])
    w.grouping.group_selection(label="second")
    qtbot.wait(20)  # the user reads it: a later turn
    assert "Grouped 2 nodes as “second”" in w.status_text()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not w.model.groups.ids()
    assert "Grouped" not in w.status_text()
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_Z, ctrl | shift)
    assert w.model.groups.ids() and "Grouped" not in w.status_text()


def test_clicking_a_groups_name_selects_the_folded_groups_in_it_too(qtbot, window):
    """A trial: with "x1 term" folded inside "neuron", a click on the
    neuron's name selected 7 of its 10 nodes, and Del left the folded card."""
    from core.learn import templates

    w = window
    w.learning.insert(templates.neuron())
    QApplication.processEvents()
    m, gs = w.model, w.model.groups
    (outer,) = gs.ids()
    every = gs.nodes_in(outer)
    w.scene.select_ids([n for n in m.nodes() if m.label(n) in ("x1", "w1", "x1*w1")])
    inner = w.grouping.group_selection(label="x1 term")
    w.grouping.set_collapsed([inner], True)
    QApplication.processEvents()
    w.scene.clearSelection()
    frame = w.scene.folding.frame(outer)
    w.view.ensureVisible(frame)
    QApplication.processEvents()
    tab = frame.title_rect()
    click_scene(qtbot, w, frame.mapToScene(tab.center() + QPointF(tab.width() / 4, 0)))
    assert w.scene.selected_node_set() == every and len(every) == 10
    assert w.scene.folding.card(inner).isSelected()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    QApplication.processEvents()
    assert len(m) == 0 and not w.scene.folding.cards()
    w.undo_stack.undo()
    QApplication.processEvents()
    assert set(m.nodes()) == every and gs.get(inner).collapsed


def test_grouping_moves_what_its_frame_took_in_out_of_it_in_the_same_undo_entry(qtbot, window):
    """A trial: grouping the blog's a, b and e drew the frame around c too
    (c sits beside e, in e's column), which read as grouped, and folding the group covered
    c. c moves out of the frame (pushing only what is in its way), as one
    undo entry with the group; the folded card then covers nothing."""
    assert window.open_path(EX / "blog_L.mgraph")
    QApplication.processEvents()
    w, m = window, window.model
    before = {n: m.position(n) for n in m.nodes()}
    w.scene.select_ids(["a", "b", "e"])
    gid = w.grouping.group_selection(label="e term")
    QApplication.processEvents()
    outline = w.scene.folding.frame(gid).outline()
    others = ["c", "d", "f", "L"]
    for n in others:
        assert not outline.intersects(w.scene.node_item(n).sceneBoundingRect()), n
    assert {n: m.position(n) for n in ("a", "b", "e", "d", "L")} == {
        n: before[n] for n in ("a", "b", "e", "d", "L")
    }
    away = (m.position("c")[1] - before["c"][1]) * (before["c"][1] - before["e"][1])  # (c is e's neighbour)
    assert away > 0 and m.position("c")[0] == before["c"][0]
    assert m.position("f") == before["f"]  # (level with c, not in its way: stays)
    assert "1 other node moved out of its frame" in w.status_text()
    w.grouping.set_collapsed([gid], True)
    QApplication.processEvents()
    card = w.scene.folding.card(gid).sceneBoundingRect()
    assert not any(card.intersects(w.scene.node_item(n).sceneBoundingRect()) for n in others)
    w.undo_stack.undo()  # the fold
    w.undo_stack.undo()  # the group and the room it made: one entry
    QApplication.processEvents()
    assert not m.groups.ids() and {n: m.position(n) for n in m.nodes()} == before
    w.undo_stack.redo()
    assert m.groups.ids() == [gid] and m.position("c") != before["c"]
    # a group whose frame takes nothing else in moves nothing
    w.undo_stack.undo()
    w.scene.select_ids(["a", "b"])
    w.grouping.group_selection(label="inputs")
    assert {n: m.position(n) for n in m.nodes()} == before and "moved out" not in w.status_text()


def test_opening_a_group_of_a_graph_in_view_keeps_all_of_it_in_view(qtbot, window):
    """A trial: on the blog's graph, fitted, Collapse fitted again but
    Expand (and Ungroup) kept the zoom and scrolled the opened group to the
    middle, L off screen though all of it fitted before."""
    w = window
    w.resize(1600, 1000)  # (the trial's screen: the graph fits at 110 %)
    assert w.open_path(EX / "blog_L.mgraph")
    w.scene.select_ids(["a", "b", "e"])
    gid = w.grouping.group_selection(label="e term")
    trigger(w, "fit")
    w.grouping.set_collapsed([gid], True)
    QApplication.processEvents()
    assert w.view.is_fitted
    w.view.set_zoom(w.view.zoom * 0.95)  # a little out: every card in view, not "as Fit left it"
    QApplication.processEvents()
    assert w.view.shows_whole() and not w.view.is_fitted
    w.grouping.set_collapsed([gid], False)
    QApplication.processEvents()
    assert w.view.shows_whole()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert all(seen.contains(w.scene.node_item(n).sceneBoundingRect()) for n in w.model.nodes())


def test_collapse_all_from_a_view_of_what_then_folds_away_shows_the_cards(qtbot, window):
    """A trial: Expand All, zoomed in on a part, Collapse All: the view was
    left on empty canvas with a few loose wires."""
    from core.learn import templates

    w = window
    w.learning.insert(templates.mlp())
    trigger(w, "expand_all_groups")
    QApplication.processEvents()
    r = w.scene.graph_rect()
    w.view.set_zoom(0.67, center=QPointF(r.left() + r.width() * 0.4, r.bottom() - 200))
    QApplication.processEvents()
    w.grouping.collapse_all()
    QApplication.processEvents()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert any(c.sceneBoundingRect().intersects(seen) for c in w.scene.folding.cards())


def test_folding_the_one_group_in_view_far_from_where_its_card_goes_shows_the_card(qtbot, window):
    """A review: the vanishing chain all in one group, zoomed to 200 % on its
    rightmost node, Ctrl+[: the card went to the group's left end and the
    view stayed on empty canvas."""
    w = window
    assert w.open_path(EX / "vanishing_tanh.mgraph")
    QApplication.processEvents()
    m = w.model
    trigger(w, "expand_all_groups")
    w.scene.select_all()
    gid = w.grouping.group_selection(label="all")
    right = max(m.nodes(), key=lambda n: m.position(n)[0])
    w.view.set_zoom(2.0, center=QPointF(*m.position(right)))
    QApplication.processEvents()
    w.grouping.set_collapsed([gid], True)
    QApplication.processEvents()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.intersects(w.scene.folding.card(gid).sceneBoundingRect())


def test_layout_lays_folded_groups_out_as_their_cards(qtbot, window):
    """Opening a layer of the MLP shows its nodes where they were; Layout
    (Ctrl+L) then makes room: nothing on screen overlaps."""
    from core.learn import templates

    w = window
    w.learning.insert(templates.mlp(xs=templates.LECTURE_XS[:2], ys=templates.LECTURE_YS[:2]))
    gs = w.model.groups
    layer = next(g.id for g in gs if g.label == "layer 2 [1]")
    w.grouping.toggle(layer)  # open: its four neurons appear (as frames)
    assert w.scene.folding.card(layer) is None
    qtbot.waitUntil(w.action_layout.isEnabled)
    trigger(w, "layout")
    QApplication.processEvents()
    shown = [it.sceneBoundingRect() for it in w.scene.node_items() if it.isVisible()]
    shown += [c.sceneBoundingRect() for c in w.scene.folding.cards()]
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            assert not a.adjusted(6, 6, -6, -6).intersects(b.adjusted(6, 6, -6, -6))
    w.undo_stack.undo()  # the layout, one step
    w.undo_stack.undo()  # the opening
    assert w.scene.folding.card(layer) is not None


def test_expand_all_on_the_mlp_makes_room_for_every_layer(qtbot, window):
    """The MLP opens folded, laid out as cards; Expand All (the menu's
    shortcut, as a user presses it) opens every layer where its card was, so
    the layers' nodes would land on each other: room is made for all of them
    in the same undo step, and no card or layer frame overlaps another."""
    from core.learn import templates

    w = window
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    before = {n: w.model.position(n) for n in w.model.nodes()}
    n_undo = w.undo_stack.count()
    w.view.setFocus()
    qtbot.keyClick(
        w.view,
        Qt.Key.Key_BracketRight,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    QApplication.processEvents()
    gs = w.model.groups
    assert not any(g.collapsed for g in gs) and w.undo_stack.count() == n_undo + 1
    shown = [it.sceneBoundingRect() for it in w.scene.node_items() if it.isVisible()]
    assert len(shown) == len(w.model)
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            assert not a.adjusted(6, 15, -6, -6).intersects(b.adjusted(6, 15, -6, -6))
    frames = [w.scene.folding.frame(g.id).sceneBoundingRect() for g in gs if g.parent is None]
    for i, a in enumerate(frames):
        for b in frames[i + 1 :]:
            assert not a.intersects(b)
    w.undo_stack.undo()  # folded again, every node where it was
    assert all(g.collapsed for g in gs if g.parent is None or gs.get(g.parent).label == "loss")
    assert {n: w.model.position(n) for n in w.model.nodes()} == before


def test_expand_all_of_groups_folded_from_a_laid_out_graph_moves_nothing(qtbot, window):
    """Groups folded from a graph the user laid out open where they were:
    their nodes land on free space, so Expand All moves no node."""
    w = neuron(window)
    w.scene.select_ids(WEIGHTS)
    w.grouping.group_selection(label="weights")
    w.scene.select_ids(["x1w1x2w2", "n", "o"])
    w.grouping.group_selection(label="sum and tanh")
    before = {n: w.model.position(n) for n in w.model.nodes()}
    w.grouping.set_collapsed(w.model.groups.ids(), True)
    QApplication.processEvents()
    trigger(w, "expand_all_groups")
    QApplication.processEvents()
    assert not any(g.collapsed for g in w.model.groups)
    assert {n: w.model.position(n) for n in w.model.nodes()} == before


def test_a_wire_dropped_on_a_folded_card_is_refused_with_the_reason(qtbot, window):
    w = neuron(window)
    w.scene.select_ids(WEIGHTS)
    gid = w.grouping.group_selection(label="inputs")
    w.grouping.collapse()
    card = w.scene.folding.card(gid)
    w.view.ensureVisible(card)
    QApplication.processEvents()
    b = w.scene.node_item("b")
    vp = w.view.viewport()
    start = w.view.mapFromScene(b.output_pos())
    end = w.view.mapFromScene(card.mapToScene(card.rect().center()))
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for i in range(1, 8):
        qtbot.mouseMove(vp, start + (end - start) * i / 8)
    qtbot.mouseMove(vp, end)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=end)
    QApplication.processEvents()
    before = sorted(w.model.edges())
    assert "“inputs” is folded: open it first" in w.status_text()
    assert sorted(w.model.edges()) == before and w.model.consumers("b") == [("n", 1)]


def test_folding_routes_only_the_wires_that_stay_drawn_once(qtbot, window, monkeypatch):
    """Issue 10/14, scale: folding re-routes each wire that crosses a card's
    boundary once, and none of the wires hidden inside it."""
    from gui.canvas.wires.wire_item import EdgeItem

    w = neuron(window)
    w.scene.select_ids(WEIGHTS)
    gid = w.grouping.group_selection(label="inputs")
    routed: list = []
    real = EdgeItem.set_ends
    monkeypatch.setattr(EdgeItem, "set_ends", lambda self, a, b: (routed.append(self.key), real(self, a, b)))
    w.grouping.collapse()
    QApplication.processEvents()
    crossing = {(s, t, p) for s, t, p in w.model.edges() if (s in WEIGHTS) != (t in WEIGHTS)}
    assert set(routed) == crossing and len(routed) == len(crossing)
    assert w.scene.folding.card(gid) is not None


def test_an_edit_beside_a_folded_group_reroutes_none_of_its_wires(qtbot, window, monkeypatch):
    """Scale: a folded card follows values (its rows) without re-routing
    every wire it holds on each edit; a move of its nodes re-routes them."""
    from gui.canvas.wires.wire_item import EdgeItem

    w = neuron(window)
    w.scene.select_ids(WEIGHTS)
    gid = w.grouping.group_selection(label="inputs")
    w.grouping.collapse()
    qtbot.wait(10)
    routed: list = []
    real = EdgeItem.set_ends
    monkeypatch.setattr(EdgeItem, "set_ends", lambda self, a, b: (routed.append(self.key), real(self, a, b)))
    w.editor.set_value("x1", "3")
    qtbot.wait(10)
    card = w.scene.folding.card(gid)
    assert routed == [] and any(p.value == w.model.value("x1w1") for p in card.outputs)
    w.grouping.move_group(gid, 40.0, 0.0)
    qtbot.wait(10)
    assert {k for k in routed if k[0] in WEIGHTS and k[1] not in WEIGHTS}


def test_the_grouping_message_names_only_the_groups_that_came_along(qtbot, window):
    """The review: selecting all of one group and a node of another named
    both as "kept whole"; only the one with unpicked nodes came along."""
    w = neuron(window)
    w.scene.select_ids(["x1", "w1", "x1w1"])
    w.grouping.group_selection(label="first")
    w.scene.select_ids(["x2", "w2", "x2w2"])
    w.grouping.group_selection(label="second")
    w.scene.select_ids(["x1", "w1", "x1w1", "x2"])
    w.grouping.group_selection(label="both")
    assert "Grouped 6 nodes as “both” (with “second”, kept whole)" in w.status_text()


def test_undoing_an_insert_with_its_folded_card_selected(window):
    """Found by tests/test_action_sequences.py (Insert MLP, Find, Undo): the
    insert's undo takes its folded groups out one by one, and the group
    actions, told of each removal before the folding layer drops the card,
    asked the selected card's group of the model: GroupError."""
    from core.learn import templates

    window.learning.insert(templates.mlp())
    QApplication.processEvents()
    gs = window.model.groups
    folded = next(g.id for g in gs if gs.shown_as_card(g.id))
    window.scene.clearSelection()
    window.scene.folding.card(folded).setSelected(True)
    QApplication.processEvents()
    assert window.scene.folding.selected_groups() == [folded]
    window.undo_stack.undo()
    QApplication.processEvents()
    assert len(window.model) == 0 and len(gs) == 0
    assert window.scene.folding.selected_groups() == []


def test_cut_of_a_selected_folded_card_mid_pass(window):
    """Found by tests/test_action_sequences.py (group b, Backward, fold,
    Cut): the delete told the model's listeners before its groups forgot
    the node; the pass, cleared by the edit, asked for the selection, whose
    folded card still named the deleted node: KeyError in topological_order."""
    from core.files import fileio
    from gui.common import resources

    w = window
    w.set_document(fileio.load(resources.EXAMPLES / "accumulate_a_plus_a.mgraph"), None, "a + a")
    w.scene.select_ids(["b"])
    gid = w.grouping.group_selection(label="just b")
    assert gid is not None
    assert w.backward.run_backward(play=False)
    w.grouping.set_collapsed([gid], True)
    QApplication.processEvents()
    w.scene.clearSelection()
    w.scene.folding.card(gid).setSelected(True)
    QApplication.processEvents()
    trigger(w, "cut")
    assert "b" not in w.model and gid not in w.model.groups and w.scene.selected_ids() == []
    w.undo_stack.undo()
    QApplication.processEvents()
    assert "b" in w.model and gid in w.model.groups


def test_cutting_a_whole_folded_layer_and_undoing_it(qtbot, window):
    """Insert MLP, click a folded layer card, Ctrl+X: the layer goes whole
    (its neurons' groups emptied and dropped with it) with no error, and the
    card comes back folded with Undo (a fuzz: GroupError telling the graph's
    bounds about the card gone)."""
    from window_helpers import click_item

    w = window
    show_mlp(qtbot, w)
    gs = w.model.groups
    gid = next(g.id for g in gs if g.label == "layer 1 [2]" and g.collapsed)
    inside = [k for k in gs.ids() if gid in [k, *gs.ancestors(k)]]
    count = len(w.model)
    click_item(qtbot, w, w.scene.folding.card(gid))
    assert w.scene.folding.card(gid).isSelected()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not any(k in gs for k in inside) and len(w.model) < count
    assert w.scene.graph_rect() is not None
    w.undo_stack.undo()
    QApplication.processEvents()
    assert all(k in gs for k in inside) and len(w.model) == count
    card = w.scene.folding.card(gid)
    assert card is not None and card.isVisible() and gs.get(gid).collapsed
