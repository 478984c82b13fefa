"""Backward, animated, driven the way a user drives it: open an example,
trigger Backward, step, play, jump, edit; check what the canvas shows."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from animation_helpers import EXAMPLE_NAMES, EXAMPLES, drawn_card, engine_states, same
from leaf_question import answer_root_question
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox, QSlider
from window_helpers import action, answers, make_window, menu_action, tmp_settings, window  # noqa: F401

from core.graph.backward import backward
from core.graph.model import GraphModel
from gui.editing import commands as C

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ helpers
def open_example(w, name: str) -> None:
    act = menu_action(w.menus["file"], f"example_{name}")
    act.trigger()
    QApplication.processEvents()


def press(w, name: str) -> None:
    act = action(w, name)
    assert act.isEnabled(), f"action_{name} is disabled"
    act.trigger()
    QApplication.processEvents()


def hand_mode(w) -> None:
    """Untick Backward > Play Automatically, as a user who wants to step does."""
    auto = menu_action(w.menus["backward"], "autoplay")
    if auto.isChecked():
        auto.trigger()
    assert not auto.isChecked()


def example_pass(w, name: str, size: tuple[int, int], zoom: float | None = None) -> None:
    """The example ``name`` in a window of ``size``, at ``zoom`` if given,
    Backward pressed to step by hand (its start shown)."""
    w.showNormal()
    w.resize(*size)
    QApplication.processEvents()
    open_example(w, name)
    hand_mode(w)
    if zoom is not None:
        w.view.set_zoom(zoom)
    press(w, "backward")


def shown(w) -> dict:
    """Every node's displayed gradient (None: nothing shown)."""
    return {n: w.scene.node_item(n).grad for n in w.model.nodes()}


def looks(w) -> dict:
    out = {}
    for n in w.model.nodes():
        it = w.scene.node_item(n)
        out[n] = (it.grad, it.highlight, it.note)
    for s, t, p in w.model.edges():
        out[(s, t, p)] = w.scene.edge_item(s, t, p).flow
    return out


def current_nodes(w) -> list:
    return [n for n in w.model.nodes() if w.scene.node_item(n).highlight == "current"]


def headless(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "backward", str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    doc = json.loads(out)
    return {n: float(d["grad"]) for n, d in doc["nodes"].items()}


# ------------------------------------------------------------------ set-up
def test_actions_docks_and_shortcuts_exist(window):
    w = window
    for name in (
        "backward",
        "step",
        "step_back",
        "play",
        "restart",
        "skip_end",
        "faster",
        "slower",
        "clear_grads",
        "autoplay",
    ):
        act = w.findChild(QAction, f"action_{name}")
        assert act is not None, name
        if name != "autoplay":
            assert not act.shortcut().isEmpty(), name
    assert w.findChild(QDockWidget, "dock_order") is not None
    assert w.findChild(QDockWidget, "dock_chain") is not None
    assert w.findChild(QSlider, "speed_slider") is not None
    names = [a.objectName() for a in w.menus["backward"].actions()]
    assert "action_backward" in names and "action_step" in names
    assert w.findChild(QAction, "action_backward") in w.backward.toolbar.actions()


# ------------------------------------------------------------------ stepping
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_step_through_each_example(window, name):
    w = window
    open_example(w, name)
    hand_mode(w)
    if any(g.collapsed for g in w.model.groups):
        press(w, "expand_all_groups")  # every step on its own (a folded group is one step)
    press(w, "backward")
    rp = w.backward.replay
    states = engine_states(w.model, rp.root)
    # the start: every gradient cleared, only the root's 1
    assert shown(w) == {n: (1.0 if n == rp.root else None) for n in w.model.nodes()}
    assert current_nodes(w) == []
    for k, step in enumerate(rp.steps, start=1):
        press(w, "step")
        assert w.backward.animator.pos == k
        if k < rp.last:
            assert current_nodes(w) == [step.node]
        for n in w.model.nodes():
            assert same(w.scene.node_item(n).grad, states[k].get(n)), (k, n)
    assert not action(w, "step").isEnabled()
    # finished: exactly the headless command's numbers
    want = headless(EXAMPLES / f"{name}.mgraph")
    for n, g in shown(w).items():
        assert g == want[n] or (g is None and n not in rp.rank)
        assert not (n in rp.rank and g is None)


def test_lecture_numbers_on_the_canvas(window):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    press(w, "backward")
    press(w, "skip_end")
    g = shown(w)
    assert (g["a"], g["b"], g["c"], g["f"], g["L"]) == (6.0, -4.0, -2.0, 4.0, 1.0)
    # finished, with the last step (b, a leaf) still shown as current
    assert {n: w.scene.node_item(n).highlight for n in w.model.nodes()} == {
        n: ("current" if n == "b" else "done") for n in w.model.nodes()
    }

    open_example(w, "neuron_tanh")
    press(w, "backward")
    press(w, "skip_end")
    g = shown(w)
    assert g["x1"] == pytest.approx(-1.5) and g["w1"] == pytest.approx(1.0)
    assert g["x2"] == pytest.approx(0.5) and g["w2"] == 0.0


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_play_runs_to_the_end(window, qtbot, name):
    w = window
    open_example(w, name)
    hand_mode(w)
    slider = w.findChild(QSlider, "speed_slider")
    slider.setValue(slider.maximum())  # as a user drags it to the fast end
    assert w.backward.animator.interval <= 60
    press(w, "backward")
    with qtbot.waitSignal(w.backward.animator.finished, timeout=15000):
        press(w, "play")
    assert w.backward.animator.at_end and not w.backward.animator.playing
    res = backward(w.model)
    for n in w.model.nodes():
        if n in res.order:
            assert same(w.scene.node_item(n).grad, res.grads[n])


def test_backward_plays_by_itself_when_asked_to(window, qtbot):
    w = window
    open_example(w, "accumulate_a_plus_a")
    menu_action(w.menus["backward"], "autoplay").trigger()  # Play Automatically: on
    w.findChild(QSlider, "speed_slider").setValue(100)
    with qtbot.waitSignal(w.backward.animator.finished, timeout=10000):
        press(w, "backward")
    assert shown(w) == {"a": 2.0, "b": 1.0}


def test_keyboard_shortcuts_drive_the_animation(window, qtbot):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert w.backward.animator.active and w.backward.animator.pos == 0
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert w.backward.animator.pos == 2
    qtbot.keyClick(w.view, Qt.Key.Key_Left)
    assert w.backward.animator.pos == 1
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    assert w.backward.animator.at_end
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    assert w.backward.animator.pos == 0
    qtbot.keyClick(w.view, Qt.Key.Key_P)
    assert w.backward.animator.playing
    qtbot.keyClick(w.view, Qt.Key.Key_P)
    assert not w.backward.animator.playing
    before = w.backward.animator.speed
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight)
    assert w.backward.animator.speed > before


# ------------------------------------------------------------------ the lesson
def test_accumulation_shows_both_contributions_and_their_sum(window):
    w = window
    open_example(w, "accumulate_shared")  # f = (a*b) * (a+b), a = -2, b = 3
    hand_mode(w)
    press(w, "backward")
    rp = w.backward.replay
    a = w.scene.node_item("a")
    while rp.current(w.backward.animator.pos) is None or rp.current(w.backward.animator.pos).node != "e":
        press(w, "step")
    assert a.grad == -6.0 and a.note == "a.grad = −6"
    assert w.scene.edge_item("a", "e", 0).flow == "a.grad += e.grad × 1 = −6"
    press(w, "step")  # d: the second contribution
    assert current_nodes(w) == ["d"]
    assert a.grad == -3.0 and a.note == "a.grad = −6 + 3 = −3"
    assert w.scene.node_item("b").note == "b.grad = −6 + (−2) = −8"
    assert w.scene.edge_item("a", "d", 0).flow == "a.grad += d.grad × 3 = 3"
    assert w.scene.edge_item("a", "e", 0).flow is None  # only the current step's wires
    # the Chain rule panel, for the selected node, lists both and the sum
    w.scene.select_ids(["a"])
    QApplication.processEvents()
    text = w.backward.chain_panel.text()
    assert "from e: e.grad × ∂e/∂a = −6 × 1 = −6" in text
    assert "from d: d.grad × ∂d/∂a = 1 × 3 = 3" in text
    assert "a.grad = −6 + 3 = −3" in text
    press(w, "skip_end")
    assert a.note == "a.grad = −6 + 3 = −3"  # the sum stays on the finished picture


def test_a_plus_a_shows_one_plus_one(window):
    w = window
    open_example(w, "accumulate_a_plus_a")
    hand_mode(w)
    press(w, "backward")
    press(w, "step")
    a = w.scene.node_item("a")
    assert a.grad == 2.0 and a.note == "a.grad = 1 + 1 = 2"
    assert w.scene.edge_item("a", "b", 0).flow == "a.grad += b.grad × 1 = 1 (input 1)"
    assert w.scene.edge_item("a", "b", 1).flow == "a.grad += b.grad × 1 = 1 (input 2)"
    assert "a.grad += 1 × 1 = 1 via input 1;  a.grad += 1 × 1 = 1 via input 2" in w.backward.narration.text()


def test_chain_panel_follows_the_current_step(window):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    press(w, "backward")
    rp = w.backward.replay
    while rp.current(w.backward.animator.pos) is None or rp.current(w.backward.animator.pos).node != "e":
        press(w, "step")
    text = w.backward.chain_panel.text()
    assert "e = a × b = 2 × (−3) = −6" in text
    assert "a.grad += e.grad × ∂e/∂a = −2 × (−3) = 6" in text
    assert "b.grad += e.grad × ∂e/∂b = −2 × 2 = −4" in text


# ------------------------------------------------------------------ controls
def test_step_back_restores_every_previous_picture(window):
    w = window
    open_example(w, "neuron_exp")
    hand_mode(w)
    press(w, "backward")
    pictures = [looks(w)]
    while action(w, "step").isEnabled():
        press(w, "step")
        pictures.append(looks(w))
    for k in range(len(pictures) - 2, -1, -1):
        press(w, "step_back")
        assert looks(w) == pictures[k], k
    assert not action(w, "step_back").isEnabled()
    press(w, "skip_end")
    assert looks(w) == pictures[-1]
    press(w, "restart")
    assert looks(w) == pictures[0]


def test_order_panel_lists_the_order_and_jumps(window, qtbot):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    press(w, "backward")
    panel = w.backward.order_panel
    model = panel.model
    rp = w.backward.replay
    assert model.rowCount() == rp.last + 1
    assert [model.node_at(r) for r in range(1, model.rowCount())] == rp.result.order
    assert model.data(model.index(0, 0)).startswith("▶")
    table = panel.table
    idx = model.index(3, 1)
    rect = table.visualRect(idx)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.backward.animator.pos == 3
    assert current_nodes(w) == [rp.steps[2].node]
    assert model.data(model.index(3, 0)).startswith("▶")
    assert not model.data(model.index(0, 0)).startswith("▶")


def test_editing_during_the_animation_reruns_it_or_stops_it_and_clears(window, qtbot):
    w = window
    open_example(w, "blog_L")
    w.findChild(QSlider, "speed_slider").setValue(0)  # slow: it is still playing
    press(w, "backward")
    press(w, "step")
    assert any(g is not None for n, g in shown(w).items() if n != "L")
    w.backward.animator.play()
    assert w.backward.animator.playing
    # moving a node is not an edit of the maths: the animation goes on
    old = w.model.position("a")
    w.undo_stack.push(C.MoveCommand(w.model, {"a": (old, (old[0] + 10, old[1] + 15))}))
    assert w.model.position("a") != old
    assert w.backward.animator.active
    # a new value for a: the pass runs again on it, playing on from its step (pass_rerun.py)
    pos = w.backward.animator.pos
    assert w.editor.set_value("a", "3")
    qtbot.waitUntil(lambda: "ran again" in w.status_text(), timeout=2000)
    assert w.backward.animator.active and w.backward.animator.playing and w.backward.animator.pos == pos
    hand_mode(w)
    press(w, "skip_end")
    assert shown(w)["b"] == -6.0  # a = 3: b.grad = f.grad * a = -2 * 3
    # an edit of the wiring makes every gradient stale: stopped and cleared
    assert w.editor.disconnect_port("d", 1)
    QApplication.processEvents()
    assert not w.backward.animator.active and not w.backward.animator.playing
    assert all(g is None for g in shown(w).values())
    assert all(
        w.scene.node_item(n).highlight is None and w.scene.node_item(n).note is None for n in w.model.nodes()
    )
    assert all(w.scene.edge_item(*e).flow is None for e in w.model.edges())
    assert not action(w, "step").isEnabled()


def test_opening_another_file_drops_the_old_pass(window):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    press(w, "backward")
    press(w, "step")
    open_example(w, "accumulate_a_plus_a")
    assert not w.backward.animator.active
    assert all(g is None for g in shown(w).values())
    press(w, "backward")
    press(w, "skip_end")
    assert shown(w) == {"a": 2.0, "b": 1.0}


# ------------------------------------------------------------------ the root
def two_sinks(w) -> None:
    m = GraphModel()
    m.add_node("leaf", "x", value=2.0, x=0, y=0)
    m.add_node("leaf", "y", value=5.0, x=0, y=120)
    m.add_node("mul", "p", x=240, y=0)
    m.add_node("add", "s", x=240, y=120)
    for t in ("p", "s"):
        m.connect("x", t, 0)
        m.connect("y", t, 1)
    w.set_document(m, None, "two sinks")
    QApplication.processEvents()


def test_several_sinks_use_the_selected_node(window):
    w = window
    two_sinks(w)
    hand_mode(w)
    w.scene.select_ids(["s"])
    press(w, "backward")
    assert w.backward.replay.root == "s"
    press(w, "skip_end")
    assert shown(w) == {"x": 1.0, "y": 1.0, "s": 1.0, "p": None}
    assert w.scene.node_item("p").highlight == "dim"


def test_several_sinks_ask_which(window, monkeypatch):
    w = window
    two_sinks(w)
    hand_mode(w)
    asked = []

    def get_item(parent, title, label, items, current=0, editable=True, *a, **k):
        asked.append(list(items))
        return items[[i.split()[0] for i in items].index("p")], True

    answer_root_question(monkeypatch, get_item)
    w.scene.select_ids([])
    press(w, "backward")
    assert asked and sorted(i.split()[0] for i in asked[0]) == ["p", "s"]
    assert w.backward.replay.root == "p"
    press(w, "skip_end")
    assert shown(w) == {"x": 5.0, "y": 2.0, "p": 1.0, "s": None}


def test_the_output_wins(window):
    w = window
    two_sinks(w)
    hand_mode(w)
    w.editor.set_output("p")
    w.scene.select_ids(["s"])
    press(w, "backward")
    assert w.backward.replay.root == "p"


def test_incomplete_graph_is_refused_with_a_message(window, qtbot):
    w = window
    m = GraphModel()
    m.add_node("leaf", "x", value=1.0)
    m.add_node("mul", "p", x=240)
    m.connect("x", "p", 0)
    w.set_document(m, None, "incomplete")
    press(w, "backward")
    err = w.backward.last_error
    assert err == "Cannot run backward from p: its input in₂ is empty (p = x × in₂). Wire a node into it."
    box = w.findChild(QMessageBox, "backward_error_box")
    assert box is not None and box.text() == err
    box.close()
    assert not w.backward.animator.active


def test_nonfinite_gradient_is_flagged_with_its_origin(window):
    w = window
    m = GraphModel()
    m.add_node("leaf", "x", value=0.0, x=0, y=0)
    m.add_node("log", "y", x=240, y=0)
    m.connect("x", "y", 0)
    w.set_document(m, None, "log0")
    hand_mode(w)
    press(w, "backward")
    press(w, "skip_end")
    x = w.scene.node_item("x")
    assert x.grad == math.inf
    assert (
        x.note == "x.grad = inf  (final: a leaf passes nothing on)  ⚠ log of zero at 'y'"
    )  # x: the last step
    tip = x.tooltip_text()  # what hovering the card shows
    assert "grad: inf" in tip and "log of zero at" in tip
    w.scene.select_ids(["x"])
    QApplication.processEvents()
    assert (
        "⚠ not finite: inf came from 'y': local derivative inf × y.grad 1 (log of zero at 'y')"
        in w.backward.chain_panel.text()
    )


# ------------------------------------------------------------------ pictures
def _orange_pixels(img) -> int:
    n = 0
    for yy in range(0, img.height(), 2):
        for xx in range(0, img.width(), 2):
            c = img.pixelColor(xx, yy)
            if c.red() > 200 and 60 < c.green() < 130 and c.blue() < 60:
                n += 1
    return n


def test_screenshots_mid_animation_and_finished(window, tmp_path):
    w = window
    w.resize(1400, 900)
    open_example(w, "accumulate_shared")
    hand_mode(w)
    press(w, "backward")
    rp = w.backward.replay
    while rp.current(w.backward.animator.pos) is None or rp.current(w.backward.animator.pos).node != "d":
        press(w, "step")
    QApplication.processEvents()
    mid = w.grab()
    assert mid.save(str(tmp_path / "backward_mid.png"))
    press(w, "skip_end")
    QApplication.processEvents()
    done = w.grab()
    assert done.save(str(tmp_path / "backward_finished.png"))
    view_mid = w.view.grab().toImage()
    view_done = w.view.grab().toImage()
    press(w, "restart")
    press(w, "step")
    press(w, "step")
    press(w, "step")
    view_mid = w.view.grab().toImage()
    press(w, "skip_end")
    view_done = w.view.grab().toImage()
    # the lit wires and their captions are orange while a step runs, gone at
    # the end (where only the last step's card stays marked current)
    assert not any(e.flow for e in w.scene.edge_items())
    assert [n for n in w.model.nodes() if w.scene.node_item(n).highlight == "current"] == [rp.steps[-1].node]
    assert _orange_pixels(view_mid) > _orange_pixels(view_done) + 100
    print(f"screenshots in {tmp_path}")


def test_typing_in_a_text_field_does_not_step(window, qtbot):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    press(w, "backward")
    press(w, "step")
    from PySide6.QtWidgets import QLineEdit

    field = w.palette_panel.findChild(QLineEdit) if w.palette_panel.findChild(QLineEdit) else None
    assert field is not None
    field.setFocus()
    qtbot.keyClicks(field, "pow")
    qtbot.keyClick(field, Qt.Key.Key_Left)
    qtbot.keyClick(field, Qt.Key.Key_Right)
    assert field.text() == "pow"
    assert w.backward.animator.pos == 1 and not w.backward.animator.playing


def test_arrows_nudge_without_an_animation_and_step_during_one(window, qtbot):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    w.scene.select_ids(["a"])
    w.view.setFocus()
    x0 = w.model.position("a")[0]
    qtbot.keyClick(w.view, Qt.Key.Key_Right)  # no backward shown: the canvas nudges
    assert w.model.position("a")[0] > x0
    press(w, "backward")
    w.scene.select_ids(["a"])
    w.view.setFocus()
    x1 = w.model.position("a")[0]
    qtbot.keyClick(w.view, Qt.Key.Key_Right)  # a pass is shown: → steps it
    assert w.backward.animator.pos == 1 and w.model.position("a")[0] == x1
    # not even Shift+arrow edits while a pass is shown (issue 11: "never"); a drag still moves cards
    qtbot.keyClick(w.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert w.model.position("a")[0] == x1 and w.backward.animator.active


def test_typing_in_the_canvas_editor_does_not_drive_the_animation(window, qtbot):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    press(w, "backward")
    press(w, "step")
    ed = w.interaction.edit("a", "label")
    assert ed is not None
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    qtbot.keyClick(w.view, Qt.Key.Key_P)
    qtbot.keyClick(w.view, Qt.Key.Key_Left)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert w.interaction.inline_editor.text() == "ap"
    assert w.backward.animator.pos == 1 and not w.backward.animator.playing


def test_speed_and_autoplay_are_remembered(qtbot, answers):
    w = make_window(qtbot, answers)
    w.findChild(QSlider, "speed_slider").setValue(80)
    hand_mode(w)
    w.close()
    w2 = make_window(qtbot, answers)
    assert w2.findChild(QSlider, "speed_slider").value() == 80
    assert w2.backward.animator.speed == 80
    assert not menu_action(w2.menus["backward"], "autoplay").isChecked()


def test_follow_zooms_in_to_read_and_keeps_the_step_in_view(window):
    w = window
    w.resize(900, 700)
    open_example(w, "neuron_exp")
    hand_mode(w)
    w.view.set_zoom(1.0)
    press(w, "backward")
    assert w.view.zoom >= 0.8  # gradients and captions are drawn at this size
    v = w.view
    for _ in range(6):
        press(w, "step")
        step = w.backward.replay.current(w.backward.animator.pos)
        seen = v.mapToScene(v.viewport().rect()).boundingRect()
        assert seen.intersects(w.scene.node_item(step.node).sceneBoundingRect())
    # a user who zooms out on purpose is not zoomed back in by the next step
    v.set_zoom(0.3)
    press(w, "step")
    assert v.zoom == pytest.approx(0.3)
    # and with Follow off, stepping leaves the view alone
    menu_action(w.menus["backward"], "follow").trigger()
    before = v.mapToScene(v.viewport().rect()).boundingRect()
    press(w, "step")
    assert v.mapToScene(v.viewport().rect()).boundingRect() == before


def test_narration_stays_put_when_the_canvas_scrolls(window):
    w = window
    open_example(w, "neuron_exp")
    hand_mode(w)
    press(w, "backward")
    press(w, "step")
    banner = w.backward.narration
    assert banner.isVisible() and banner.text().startswith("Step 1 of 17")
    before = banner.geometry()
    w.view.horizontalScrollBar().setValue(w.view.horizontalScrollBar().value() + 150)
    w.view.verticalScrollBar().setValue(w.view.verticalScrollBar().value() + 80)
    QApplication.processEvents()
    assert banner.geometry() == before
    vp = w.view.viewport().geometry()  # the banner sits above the picture, over none of it
    assert w.view.rect().contains(banner.geometry()) and banner.geometry().bottom() < vp.top()
    assert vp.left() <= banner.geometry().left() and banner.geometry().right() <= vp.right()
    press(w, "clear_grads")
    assert not banner.isVisible()
    assert w.view.viewport().geometry() == w.view.contentsRect()  # the strip given back


def _caption_side(edge) -> str:
    box = edge.caption_rect()
    mid = edge.path().pointAtPercent(0.5)
    return "above" if box.center().y() < mid.y() else "below"


def test_wire_captions_sit_apart(window):
    w = window
    open_example(w, "accumulate_a_plus_a")  # two level wires a -> b
    hand_mode(w)
    press(w, "backward")
    press(w, "step")
    assert _caption_side(w.scene.edge_item("a", "b", 0)) == "above"
    assert _caption_side(w.scene.edge_item("a", "b", 1)) == "below"
    open_example(w, "neuron_exp")  # e + 1: one comes from above, the other from below
    press(w, "backward")
    rp = w.backward.replay
    w.backward.animator.go_to(rp.rank["den"] + 1)
    QApplication.processEvents()
    ins = w.model.inputs("den")
    low, high = sorted(ins, key=lambda s: -w.model.position(s)[1])  # (scene y grows downwards)
    assert w.model.position(low)[1] > w.model.position(high)[1]
    # the caption of the wire from below does not climb over the other wire's, nor the other's under it
    assert _caption_side(w.scene.edge_item(low, "den", ins.index(low))) == "below"
    assert _caption_side(w.scene.edge_item(high, "den", ins.index(high))) == "above"
    caps = [w.scene.edge_item(s, t, p).caption_rect() for s, t, p in w.model.edges() if t == "den"]
    assert len(caps) == 2 and not caps[0].intersects(caps[1])


def test_play_with_no_pass_shown_runs_backward_and_plays(window, qtbot):
    w = window
    w.set_document(GraphModel(), None, "empty")
    QApplication.processEvents()
    assert not action(w, "play").isEnabled()  # nothing to run
    open_example(w, "accumulate_a_plus_a")
    hand_mode(w)
    w.findChild(QSlider, "speed_slider").setValue(100)
    assert action(w, "play").isEnabled()
    with qtbot.waitSignal(w.backward.animator.finished, timeout=10000):
        press(w, "play")
    assert shown(w) == {"a": 2.0, "b": 1.0}


def test_chain_panel_shows_a_selected_node_without_a_pass(window, qtbot):
    w = window
    open_example(w, "blog_L")
    w.scene.select_ids(["e"])
    QApplication.processEvents()
    text = w.backward.chain_panel.text()
    assert "e = a × b = 2 × (−3) = −6" in text and "Run Backward" in text
    assert w.editor.set_value("a", "5")  # an edit: the panel's numbers follow
    QApplication.processEvents()
    assert "e = a × b = 5 × (−3) = −15" in w.backward.chain_panel.text()
    # a click on the empty canvas (the view's corner, in the fit's margin):
    # no node selected, no pass, so the panel no longer explains e
    w.view.fit_all()
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
    QApplication.processEvents()
    assert w.scene.selected_ids() == [] and w.backward.chain_panel.node is None
    assert "e = a × b" not in w.backward.chain_panel.text()


def test_toolbar_buttons_work_with_the_mouse(window, qtbot):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    tb = w.backward.toolbar
    qtbot.mouseClick(tb.widgetForAction(action(w, "backward")), Qt.MouseButton.LeftButton)
    assert w.backward.animator.active and w.backward.animator.pos == 0
    qtbot.mouseClick(tb.widgetForAction(action(w, "step")), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tb.widgetForAction(action(w, "step")), Qt.MouseButton.LeftButton)
    assert w.backward.animator.pos == 2
    qtbot.mouseClick(tb.widgetForAction(action(w, "step_back")), Qt.MouseButton.LeftButton)
    assert w.backward.animator.pos == 1
    qtbot.mouseClick(tb.widgetForAction(action(w, "skip_end")), Qt.MouseButton.LeftButton)
    assert w.backward.animator.at_end
    assert w.backward.step_label.text() == "step 7 / 7"


def test_random_jumps_keep_the_canvas_exact(window):
    """The canvas is updated by diffs; after any sequence of moves it must
    look exactly as a fresh drawing of that position would."""
    import random

    w = window
    open_example(w, "neuron_exp")
    hand_mode(w)
    press(w, "backward")
    rp = w.backward.replay
    anim = w.backward.animator
    rnd = random.Random(7)
    for _ in range(80):
        move = rnd.choice(["step", "back", "jump", "jump", "end", "restart"])
        if move == "step" and not anim.at_end:
            press(w, "step")
        elif move == "back" and anim.pos > 0:
            press(w, "step_back")
        elif move == "jump":
            w.backward.order_panel.jump_requested.emit(rnd.randrange(rp.last + 1))
        elif move == "end" and not anim.at_end:
            press(w, "skip_end")
        elif move == "restart" and anim.pos > 0:
            press(w, "restart")
        pos = anim.pos
        flows = {(s, t, p): txt for s, t, p, txt in rp.flows(pos)}
        for n in w.model.nodes():
            it = w.scene.node_item(n)
            assert same(it.grad, rp.grad(n, pos)) and it.highlight == rp.highlight(n, pos), (pos, n)
            assert it.note == rp.note(n, pos), (pos, n)
        for e in w.model.edges():
            assert w.scene.edge_item(*e).flow == flows.get(e), (pos, e)


def test_chain_panel_at_the_end_explains_the_last_step(window):
    """The finished pass keeps the last step's node in the Chain rule panel
    (its gradient is the last sum made), not the root again."""
    w = window
    open_example(w, "accumulate_shared")
    hand_mode(w)
    press(w, "backward")
    rp = w.backward.replay
    while not w.backward.animator.at_end:
        press(w, "step")
    assert w.backward.chain_panel.node == rp.steps[-1].node == "b"
    assert "b.grad = −6 + (−2) = −8" in w.backward.chain_panel.text()
    press(w, "step_back")
    press(w, "skip_end")
    assert w.backward.chain_panel.node == "b"


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_captions_cover_no_card_and_no_other_caption(window, name):
    """At every step, every wire caption is clear of every card (with its
    ports, badges and note) and of the other captions, in scene coordinates.
    (A wire folded into a group's card is not drawn, nor is its caption.)
    What a card draws (``drawn_card``), not its bounding rect."""
    w = window
    open_example(w, name)
    hand_mode(w)
    press(w, "backward")
    rp = w.backward.replay
    cards = {n: w.scene.node_item(n) for n in w.model.nodes()}
    for pos in range(rp.last + 1):
        w.backward.animator.go_to(pos)
        QApplication.processEvents()
        caps = []
        for s, t, p in w.model.edges():
            e = w.scene.edge_item(s, t, p)
            if e.flow is not None and e.isVisible():
                assert e.caption_item is not None and e.caption_item.isVisible()
                caps.append((e.flow, e.caption_rect()))
        shown = [f for f in rp.flows(pos) if not w.scene.folding.wire_hidden(f[0], f[1])]
        assert len(caps) == len(shown)
        for text, r in caps:
            for n, it in cards.items():
                assert not (it.isVisible() and any(r.intersects(d) for d in drawn_card(it))), (pos, text, n)
        for i in range(len(caps)):
            for j in range(i + 1, len(caps)):
                assert not caps[i][1].intersects(caps[j][1]), (pos, caps[i][0], caps[j][0])


def _seen(v):
    return v.mapToScene(v.viewport().rect()).boundingRect()


def test_a_pass_starts_with_the_whole_graph_in_view_and_keeps_it(window):
    """Zoomed in on a corner, Backward fits the graph (it fits at a readable
    size), and no later step scrolls the output off the edge."""
    w = window
    w.resize(1100, 800)
    open_example(w, "accumulate_shared")
    hand_mode(w)
    v = w.view
    v.set_zoom(2.5)
    v.centerOn(w.scene.node_item("a").sceneBoundingRect().center())
    QApplication.processEvents()
    graph = v.graph_rect()
    assert not _seen(v).contains(graph)
    press(w, "backward")
    assert _seen(v).contains(graph)
    rp = w.backward.replay
    for _ in range(rp.last):
        press(w, "step")
        assert _seen(v).contains(w.scene.node_item("f").sceneBoundingRect())
        assert _seen(v).contains(graph)


def test_follow_shows_the_current_card_whole_at_every_step(window):
    """Stepping a graph too big to read when fitted keeps each current card
    fully on screen; at the end, the finished picture: there the root and
    every leaf do not fit, the parameters (no constant) do, with their gradients."""
    from core.learn.training import is_trainable

    w = window
    w.resize(900, 700)
    open_example(w, "neuron_exp")
    hand_mode(w)
    press(w, "backward")
    v = w.view
    rp = w.backward.replay
    for k in range(rp.last):
        press(w, "step")
        node = rp.steps[k].node
        if k < rp.last - 1:
            assert _seen(v).contains(w.scene.node_item(node).sceneBoundingRect()), (k, node)
    params = [n for n in rp.ends()[1:] if is_trainable(w.model, n)]
    assert params and all(_seen(v).contains(w.scene.node_item(n).sceneBoundingRect()) for n in params)


def test_a_readable_zoom_on_a_big_graph_is_kept(window):
    """A graph too big to read when fitted is not fitted: the user's readable
    zoom stays, and the view only scrolls to the root."""
    w = window
    w.resize(900, 700)
    open_example(w, "neuron_exp")
    hand_mode(w)
    v = w.view
    v.set_zoom(1.5)
    v.centerOn(w.scene.node_item("x1").sceneBoundingRect().center())
    press(w, "backward")
    assert v.zoom == pytest.approx(1.5)
    assert _seen(v).contains(w.scene.node_item(w.backward.replay.root).sceneBoundingRect())


def test_wire_tooltips_number_the_inputs(window):
    """b = a + a: the two wires say input 1 and input 2, never 'input a'."""
    w = window
    open_example(w, "accumulate_a_plus_a")
    tips = [w.scene.edge_item("a", "b", p).tooltip_text(w.model) for p in (0, 1)]
    assert "(input 1 of 2)" in tips[0] and "(input 2 of 2)" in tips[1]
    assert not any("input a" in t or "input b" in t for t in tips)


def test_captions_move_out_of_the_way_of_a_moved_card(window, qtbot):
    """Moving a card during the animation lays the captions out again."""
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    press(w, "backward")
    press(w, "step")
    press(w, "step")  # d passes back to e and c
    lit = [
        w.scene.edge_item(s, t, p)
        for s, t, p in w.model.edges()
        if w.scene.edge_item(s, t, p).flow is not None
    ]
    cap = lit[0].caption_rect()
    a = w.scene.node_item("a")
    # drop card a right where the first caption is
    w.model.set_position("a", cap.center().x(), cap.center().y())
    QApplication.processEvents()

    def clear():
        for e in lit:
            assert not e.caption_rect().intersects(a.sceneBoundingRect())

    qtbot.waitUntil(clear, timeout=2000)


def test_the_last_step_is_seen_before_finished(window):
    """The last step (b in blog_L, a leaf) shows its node as current with its
    final gradient and says so, with "Finished", at step 7 / 7; Step back is
    exact and Order's current row is that step's."""
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    press(w, "backward")
    ctl = w.backward
    rp = ctl.replay
    assert rp.steps[-1].node == "b" and rp.last == 7
    for _ in range(rp.last - 1):
        press(w, "step")
    before = {n: (it.grad, it.highlight, it.note) for n in w.model.nodes() for it in [w.scene.node_item(n)]}
    press(w, "step")
    assert ctl.animator.at_end and not action(w, "step").isEnabled()
    b = w.scene.node_item("b")
    assert b.highlight == "current" and b.grad == -4.0
    assert b.note == "b.grad = −4  (final: a leaf passes nothing on)"
    assert ctl.step_label.text() == "step 7 / 7"
    said = ctl.narration.text()
    assert "b is a leaf: b.grad = −4 is final." in said and "Finished" in said
    assert ctl.chain_panel.node == "b"
    assert ctl.order_panel.model.current_row() == 7
    press(w, "step_back")
    assert ctl.step_label.text() == "step 6 / 7"
    assert {
        n: (it.grad, it.highlight, it.note) for n in w.model.nodes() for it in [w.scene.node_item(n)]
    } == before


def test_arrow_keys_never_edit_the_graph_while_a_pass_is_shown(qtbot, window):
    """Issue 11, bug 1: at the start or the end of a pass, Left/Right moved
    the selected card (an "Undo Move L" entry, the card under a panel)."""
    w = window
    open_example(w, "blog_L")
    w.scene.select_ids(["L"])
    w.view.setFocus()
    before = w.model.position("L")
    press(w, "backward")
    ctl = w.backward
    ctl.animator.pause()
    entries = w.undo_stack.count()
    ctl.animator.skip_to_end()
    for _ in range(3):
        qtbot.keyClick(w.view.viewport(), Qt.Key.Key_Right)
    ctl.animator.restart()
    for _ in range(3):
        qtbot.keyClick(w.view.viewport(), Qt.Key.Key_Left)
    qtbot.keyClick(w.view.viewport(), Qt.Key.Key_Up)
    assert w.model.position("L") == before and w.undo_stack.count() == entries
    ctl.clear()  # no pass shown: the arrows move the card again
    qtbot.keyClick(w.view.viewport(), Qt.Key.Key_Right)
    assert w.model.position("L") != before


def test_backward_starts_paused_with_a_hint_and_step_takes_the_wheel(qtbot, window):
    """Issue 11, bug 2: Backward played by itself, so a learner had to press P
    before they could step."""
    w = window
    open_example(w, "blog_L")
    assert not menu_action(w.menus["backward"], "autoplay").isChecked()  # the default
    press(w, "backward")
    a = w.backward.animator
    assert a.active and not a.playing and a.pos == 0
    assert "Step →" in w.backward.status_text(0) and "Play P" in w.backward.status_text(0)
    press(w, "play")
    assert a.playing
    press(w, "step")  # Step while playing pauses, then steps
    assert not a.playing and a.pos >= 1


@pytest.mark.parametrize("name", ["neuron_tanh", "neuron_exp", "blog_L"])
def test_stepping_does_not_nudge_the_view(window, name):
    """Issue 11, bug 12: the view drifted 10-18 px between steps as captions
    grew out of the graph's edges. A pass moves the view seldom, and never
    by a few pixels; the last step may move it once more, clearly, for the
    finished picture (the root and every leaf in view: neuron_exp's root
    was cut at the view's right edge)."""
    w = window
    w.showNormal()
    w.resize(1600, 1000)
    QApplication.processEvents()
    open_example(w, name)
    hand_mode(w)
    press(w, "backward")
    origins = []
    while w.backward.action_step.isEnabled():
        press(w, "step")
        QApplication.processEvents()
        p = w.view.mapToScene(0, 0)
        origins.append((p.x(), p.y()))
    moves = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(origins, origins[1:]) if a != b]
    last = [(b[0] - a[0], b[1] - a[1]) for a, b in [origins[-2:]] if a != b]
    z = w.view.transform().m11()
    assert len(moves) - len(last) <= 1, moves
    for dx, dy in moves:
        assert math.hypot(dx, dy) * z >= 24, moves  # one clear move, not a nudge


def test_each_step_shows_its_node_its_inputs_and_its_consumers(window):
    """Issue 10, camera during Backward: the current node, its inputs and its
    consumers are in view whenever they fit."""
    from gui.backward.camera_moves import seen as _seen
    from gui.backward.replay_canvas import FULL_ZOOM, _rect

    w = window
    example_pass(w, "neuron_tanh", (1000, 700), 1.0)
    rp = w.backward.replay
    m = w.model
    checked = 0
    while w.backward.action_step.isEnabled():
        press(w, "step")
        step = rp.current(w.backward.animator.pos)
        if step is None:
            continue
        near = [step.node, *step.inputs, *(t for t, _p in m.consumers(step.node))]
        # (with the notes under the cards where they are drawn: not below FULL_ZOOM, the end's fit here)
        want = _rect(w.scene, near, cards_only=w.view.zoom < FULL_ZOOM)
        room = _seen(w.view)
        if want.width() <= room.width() and want.height() <= room.height():
            assert _seen(w.view, margin=0).contains(want), step.node
            checked += 1
    assert checked >= 1


@pytest.mark.parametrize("width", [1350, 1400, 1500])
def test_the_finished_picture_keeps_whole_cards_where_they_fit(window, width):
    """A trial: the neuron finished at 76 %, where cards are compact (no
    "tanh" on o, no notes), though its cards fit at the pass's 79 %: the room
    for notes beside them cost the very notes. Where the root and leaves fit
    whole at FULL_ZOOM, the finished picture is no further out than that."""
    from gui.backward.camera_moves import fit_zoom
    from gui.backward.camera_moves import seen as _seen
    from gui.backward.replay_canvas import FULL_ZOOM, _rect

    w = window
    example_pass(w, "neuron_tanh", (width, 900))
    while action(w, "step").isEnabled():
        press(w, "step")
    rp = w.backward.replay
    assert w.backward.animator.at_end
    ends = _rect(w.scene, rp.ends(), cards_only=True)
    top = w.backward.narration.height()
    if width == 1500:  # (wide enough: the case is met, not skipped)
        assert fit_zoom(w.view, ends, top) >= FULL_ZOOM
    if fit_zoom(w.view, ends, top) >= FULL_ZOOM:
        assert w.view.zoom >= FULL_ZOOM - 1e-9, (width, w.view.zoom)
        assert _seen(w.view, top, margin=0).contains(ends), width
        o = w.scene.node_item(rp.root)
        assert any("tanh" in t.text for t in o.texts_at(w.view.zoom)), "the operator stays on the root's card"


@pytest.mark.parametrize("width", [1350, 1400, 1500])
def test_a_leafs_note_at_the_graphs_edge_does_not_push_cards_out_of_view(window, width):
    """A trial: at the neuron's step 9 (x1, a leaf in the first column) x1's
    note, centred under it and wider than it, reached left of every card; the
    view scrolled for it and the output card went half out on the right.
    The note slides along its card into the graph instead."""
    from gui.backward.camera_moves import seen as _seen
    from gui.canvas.painting import CARD_RECT

    w = window
    example_pass(w, "neuron_tanh", (width, 900))
    cards = {n: CARD_RECT.translated(w.scene.node_item(n).scenePos()) for n in w.model.nodes()}
    whole = _seen(w.view, margin=0)
    assert all(whole.contains(r) for r in cards.values())  # (the start shows the whole graph)
    left = min(r.left() for r in cards.values())
    notes = 0
    while action(w, "step").isEnabled():
        press(w, "step")
        view = _seen(w.view, margin=0)
        out = [n for n, r in cards.items() if not view.contains(r)]
        assert not out, (width, w.backward.animator.pos, out)
        for n in w.model.nodes():
            it = w.scene.node_item(n)
            if it.placed_note is not None:
                notes += 1
                assert it.mapRectToScene(it.placed_note).left() >= left - 8, n  # (no further out than a port)
    assert notes
