"""Groups on the canvas, driven as a user does (issue 10): Ctrl+G with a
name typed in the dialog, fold and open by clicking, drag a folded card,
undo/redo of each, and a file that opens with its groups folded."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio
from core.graph.backward import backward

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"
WEIGHTS = ["x1", "x2", "w1", "w2", "x1w1", "x2w2"]


def neuron(w):
    assert w.open_path(EX / "neuron_tanh.mgraph")
    QApplication.processEvents()
    return w


def type_name_soon(qtbot, text: str) -> None:
    """Answer the group-name dialog as a user: select all, type, Enter."""

    def answer():
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, QInputDialog) and dlg.objectName() == "group_name_dialog"
        focus = QApplication.focusWidget()  # the dialog's line edit
        qtbot.keyClick(focus, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(focus, text)
        qtbot.keyClick(focus, Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)


def click_scene(qtbot, w, scene_pos, double=False) -> None:
    vp = w.view.viewport()
    p = w.view.mapFromScene(scene_pos)
    if double:
        qtbot.mouseDClick(vp, Qt.MouseButton.LeftButton, pos=p)
    else:
        qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=p)
    QApplication.processEvents()


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
    w.undo_stack.undo()
    assert all(n in m for n in WEIGHTS) and m.groups.get(gid).members == set(WEIGHTS)
    assert not w.scene.node_item("x1").isVisible()  # back inside the folded group


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
