"""View › Gradient Flow (issue 10), driven as a user: the menu entry, Ctrl+B
and End on the canvas. Every wire is drawn as wide as the gradient it
carries back, the groups get strips and bars of their mean |grad|, and all
the numbers are the headless ``python main.py backward FILE --json``'s."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem
from window_helpers import answers, menu_action, show_mlp, tmp_settings, window  # noqa: F401

from core.explain.format import fmt
from core.files import fileio
from core.graph.gradient_flow import MAX_WIDTH, MIN_WIDTH
from gui.common import settings

ROOT = Path(__file__).resolve().parents[1]
VANISHING = ROOT / "resources" / "examples" / "vanishing_tanh.mgraph"
SHARED = ROOT / "resources" / "examples" / "accumulate_shared.mgraph"


def headless(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "main.py", "backward", str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def turn_on(w) -> None:
    act = menu_action(w.menus["view"], "gradient_flow")
    assert act.isCheckable() and not act.isChecked()
    act.trigger()
    QApplication.processEvents()
    assert act.isChecked() and w.gradient_flow.dock.isVisible()


def open_example(w, stem: str) -> None:
    menu_action(w.menus["file"], f"example_{stem}").trigger()
    QApplication.processEvents()


def backward_to_end(qtbot, w) -> None:
    """Ctrl+B on the canvas, then End: the pass shown to its last step."""
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert w.backward.animator.active
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert w.backward.animator.at_end
    QApplication.processEvents()  # the feature redraws once the event loop turns


@pytest.mark.parametrize("path", [VANISHING, SHARED], ids=["vanishing_tanh", "accumulate_shared"])
def test_wire_widths_follow_the_headless_gradients(qtbot, window, path):
    w = window
    turn_on(w)
    open_example(w, path.stem)
    backward_to_end(qtbot, w)
    ref = headless(path)["nodes"]
    m = w.model
    carried = {}
    for s, t, p in m.edges():
        e = w.scene.edge_item(s, t, p)
        assert e.width is not None, (s, t, p)
        carried[(s, t, p)] = w.gradient_flow.wires[(s, t, p)]
        tip, g = e.tooltip_text(m), carried[(s, t, p)]
        assert f"carries back {fmt(g)}" in tip and (
            repr(g).replace("-", "−") in tip or float(fmt(g).replace("−", "-")) == g
        )
    # what the wires carry out of a node adds up to its gradient; with one consumer it is it
    for n in m.nodes():
        outs = [carried[(n, t, p)] for t, p in m.consumers(n)]
        if len(outs) == 1:
            assert outs[0] == ref[n]["grad"], n
        elif outs:
            assert math.fsum(outs) == pytest.approx(ref[n]["grad"], rel=1e-12, abs=1e-300), n
    # wider means more gradient: widths ordered as |gradient|, from MIN to MAX
    ranked = sorted(carried, key=lambda k: abs(carried[k]))
    widths = [w.scene.edge_item(*k).width for k in ranked]
    assert widths == sorted(widths)
    assert widths[-1] == MAX_WIDTH and widths[0] >= MIN_WIDTH
    big, small = ranked[-1], ranked[0]
    if abs(carried[small]) < abs(carried[big]) / 10:  # a decade apart: visibly thinner
        assert w.scene.edge_item(*small).width < w.scene.edge_item(*big).width - 1


def test_group_strips_and_bars_are_the_mean_gradients_and_they_vanish(qtbot, window):
    w = window
    turn_on(w)
    open_example(w, "vanishing_tanh")
    title = w.gradient_flow.panel.groups_title
    assert title.isHidden()  # no pass: no heading over no bars (a trial saw one)
    backward_to_end(qtbot, w)
    assert not title.isHidden()
    ref = headless(VANISHING)["nodes"]
    gs = w.model.groups
    rows = w.gradient_flow.panel.bars.rows
    assert [r.label for r in rows] == [f"layer {k}" for k in range(1, 13)]  # inputs first
    for r in rows:
        nodes = gs.nodes_in(r.gid)
        assert len(nodes) == 5
        mean = math.fsum(abs(ref[n]["grad"]) for n in nodes) / len(nodes)
        assert r.magnitude == pytest.approx(mean, rel=1e-12)
        card = w.scene.folding.card(r.gid)
        assert card is not None and card.strip is not None and card.strip[0] == r.fraction
        assert w.gradient_flow.panel.bars.text_of(r) in card.strip[1]
    # the gradient shrinks layer by layer towards the input: bars and strips too
    mags = [r.magnitude for r in rows]
    assert mags == sorted(mags) and [r.fraction for r in rows] == sorted(r.fraction for r in rows)
    assert mags[0] / mags[-1] < 1e-3
    assert abs(ref["w1"]["grad"]) / abs(ref["w12"]["grad"]) < 1e-3
    assert rows[-1].fraction == 1.0 and 0 < rows[0].fraction < 0.1
    # of the wires between the cards, the one into layer 1 is the thinnest
    into_first = w.scene.edge_item("x", "m1", 0).width
    assert into_first == min(e.width for e in w.scene.edge_items() if e.isVisible())
    assert w.scene.edge_item("h11", "m12", 0).width > into_first + 5


def test_the_first_layer_gradient_matches_a_finite_difference():
    """The example's gradients are real: w1's tiny gradient by a central difference."""
    m = fileio.load(VANISHING)
    ref = headless(VANISHING)["nodes"]
    for leaf in ("w1", "b1", "w12"):
        x, h = m.value(leaf), 1e-4
        m.set_value(leaf, x + h)
        up = m.value("h12")
        m.set_value(leaf, x - h)
        down = m.value("h12")
        m.set_value(leaf, x)
        assert (up - down) / (2 * h) == pytest.approx(ref[leaf]["grad"], rel=1e-5), leaf


def test_the_legend_says_what_width_means(qtbot, window):
    w = window
    turn_on(w)
    legend = w.gradient_flow.panel.legend
    assert legend.samples() == []  # no pass yet: the panel says to run Backward
    assert "Backward" in w.gradient_flow.panel.status.text()
    open_example(w, "vanishing_tanh")
    backward_to_end(qtbot, w)
    samples = legend.samples()
    values = [v for v, _ in samples]
    widths = [px for _, px in samples]
    assert widths == sorted(widths, reverse=True) and widths[0] == MAX_WIDTH and widths[-1] == MIN_WIDTH
    largest = max(abs(g) for g in w.gradient_flow.wires.values())
    assert values[0] == pytest.approx(largest, rel=1e-12) and values[-1] < values[0] / 1000


def test_off_clear_and_edits_put_the_wires_back(qtbot, window):
    w = window
    turn_on(w)
    open_example(w, "accumulate_shared")
    backward_to_end(qtbot, w)
    assert all(e.width is not None for e in w.scene.edge_items())
    menu_action(w.menus["view"], "gradient_flow").trigger()  # off
    QApplication.processEvents()
    assert all(e.width is None for e in w.scene.edge_items()) and not w.gradient_flow.dock.isVisible()
    menu_action(w.menus["view"], "gradient_flow").trigger()  # on again: the pass is still shown
    QApplication.processEvents()
    assert all(e.width is not None for e in w.scene.edge_items())
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_B, mods)
    QApplication.processEvents()  # Backward › Clear Gradients
    assert not w.backward.animator.active
    assert all(e.width is None for e in w.scene.edge_items())


def test_the_option_is_remembered(qtbot, window):
    w = window
    assert not settings.gradient_flow()
    turn_on(w)
    assert settings.gradient_flow()
    from gui.window.main_window import MainWindow

    again = MainWindow()
    qtbot.addWidget(again)
    act = menu_action(again.menus["view"], "gradient_flow")
    assert act.isChecked()


def test_a_group_opened_during_the_pass_keeps_its_strip(qtbot, window):
    w = window
    turn_on(w)
    open_example(w, "vanishing_tanh")
    backward_to_end(qtbot, w)
    before = w.scene.folding.card("layer3").strip
    w.scene.clearSelection()
    w.scene.folding.card("layer3").setSelected(True)
    menu_action(w.menus["graph"], "expand_group").trigger()
    QApplication.processEvents()
    QApplication.processEvents()
    frame = w.scene.folding.frame("layer3")
    assert frame is not None and frame.isVisible()
    assert w.backward.animator.active  # opening a group is no edit: the pass stays
    assert frame.strip == before  # and the group's strip is on its frame's tab now


def test_the_panel_opens_tall_enough_for_the_examples_twelve_groups(qtbot, window):
    """A new user's trial: in a 1600×1000 window the panel opened as a slit
    between Order and the tutorial, three of the vanishing example's twelve
    group bars in view."""
    w = window
    w.resize(1600, 1000)
    w.show()
    QApplication.processEvents()
    turn_on(w)
    open_example(w, "vanishing_tanh")
    backward_to_end(qtbot, w)
    QApplication.processEvents()
    panel = w.gradient_flow.panel
    assert len(panel.bars.rows) == 12  # eight or more in view (the docks beside it keep their least heights)
    assert panel.bar_scroll.viewport().height() >= 8 / 12 * panel.bars.height()


def test_turned_on_mid_pass_it_leaves_the_order_list_its_rows(qtbot, window):
    """A trial at 1600×1000: turned on during Backward on the MLP, the panel
    took its height out of Order's, whose list kept two rows; then it was
    tabbed over Chain Rule (trial 44: the step's explanation hidden); now it
    opens under Chain Rule, both in view, and the list keeps its least rows
    (trial 47: it gives way before Chain Rule's page)."""
    from gui.backward.order_panel import MIN_ROWS, ROW_H

    w = window
    show_mlp(qtbot, w)
    w.backward.run_backward(play=False)
    QApplication.processEvents()
    table = w.backward.order_panel.table
    rows = table.viewport().height() // ROW_H
    turn_on(w)
    QApplication.processEvents()
    dock = w.gradient_flow.dock
    assert dock.isVisible() and not dock.visibleRegion().isEmpty()  # in front
    assert table.isVisible() and table.viewport().height() // ROW_H >= min(rows, MIN_ROWS)
    chain = w.backward.dock_chain
    assert not w.tabifiedDockWidgets(dock) and not chain.visibleRegion().isEmpty()
    assert dock.geometry().top() > chain.geometry().bottom()  # under it
    panel = w.gradient_flow.panel
    assert panel.bar_scroll.viewport().height() >= 6 * 18  # (its bars: a dozen rows of ~18 px)


def test_the_mlp_bars_read_from_the_inputs_to_the_loss_each_group_under_its_layer(qtbot, window):
    """Insert MLP: the bars listed the loss first (its targets are leaves,
    computed at the start) and mixed neurons with layers; now the outermost
    groups go from the weights and layer 1 to the loss, each followed by
    the groups inside it, indented."""
    from core.learn import templates

    w = window
    turn_on(w)
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    backward_to_end(qtbot, w)
    rows = w.gradient_flow.panel.bars.rows
    gs = w.model.groups
    assert len(rows) == len(gs)
    top = [r.label for r in rows if r.depth == 0]
    assert top[-1] == "loss"
    layer_of = [int(t.split()[1]) for t in top if t.startswith("layer ") and "[" in t]
    assert layer_of == sorted(layer_of) and layer_of[0] == 1 and layer_of[-1] == 3
    for i, r in enumerate(rows):  # each nested group right under its parent (or a sibling of it)
        parent = gs.get(r.gid).parent
        if parent is None:
            assert r.depth == 0
            continue
        above = next(a for a in reversed(rows[:i]) if a.depth < r.depth)
        assert above.gid == parent and r.depth == above.depth + 1


def test_the_flow_follows_the_steps_shown(qtbot, window):
    """A trial: two steps into the vanishing example's pass, layers 1–9
    already had their final bars and wire widths while their cards showed no
    gradient yet. Now a wire gets its width when its step runs (Back takes
    it away again), and each group's bar is its mean |grad| so far, over the
    whole group (the nodes not reached yet counted as 0): empty until the
    pass reaches it, its final length at the end."""
    from core.explain.replay import Replay
    from core.graph.backward import backward

    w = window
    turn_on(w)
    open_example(w, "vanishing_tanh")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    a = w.backward.animator
    a.pause()
    QApplication.processEvents()
    result = w.document.backward_pass
    rp = Replay(backward(w.model), w.model.label)  # the reference: the replay's gradients at each step
    flow, gs = w.gradient_flow, w.model.groups

    def check() -> None:
        pos = a.pos
        ran = {(s, st.node, p) for st in result.steps[:pos] for p, s in enumerate(st.inputs)}
        for e in w.scene.edge_items():
            assert (e.width is not None) == (e.key in ran), (pos, e.key)
        for r in flow.panel.bars.rows:
            nodes = gs.nodes_in(r.gid)
            have = [abs(rp.grad(n, pos)) for n in nodes if rp.grad(n, pos) is not None]
            want = math.fsum(have) / len(nodes) if have else 0.0  # (the nodes not reached yet: 0)
            assert r.magnitude == pytest.approx(want, rel=1e-9), (pos, r.label)  # (running sums)

    check()  # the start: no wire ran
    for _ in range(2):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        QApplication.processEvents()
        check()
    bars = {r.label: r for r in flow.panel.bars.rows}
    assert bars["layer 1"].fraction == 0.0 and bars["layer 12"].fraction > 0  # not reached / reached
    qtbot.keyClick(w.view, Qt.Key.Key_Left)  # Back: the last step's wires lose their width
    QApplication.processEvents()
    check()
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    check()
    assert {r.label: r.fraction for r in flow.panel.bars.rows}["layer 1"] > 0
    # Backward again from the end: the new pass starts with no wire widened
    # (its first position arrived before the flow had heard of the new pass)
    widened = []
    real = flow._width
    flow._width = lambda e, g: widened.append(e) or real(e, g)
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    a.pause()
    QApplication.processEvents()
    result = w.document.backward_pass
    assert a.pos == 0 and flow._result is result
    assert len(widened) == len(w.scene.edge_items())  # the new pass's refresh only, no walk of the old steps
    check()


def test_gradients_part_of_the_way_end_as_the_pass_bit_for_bit():
    """core's grads_upto adds each step's contributions in the pass's order:
    at the end of the pass every gradient is the pass's own, bit for bit."""
    from core.cli.templates import build
    from core.graph.backward import backward
    from core.graph.gradient_flow import grads_upto

    m = build("mlp")
    result = backward(m)
    end = grads_upto(result, len(result.steps))
    assert end.keys() == {n for n in result.order}
    assert all(end[n] == result.grads[n] for n in end)  # ==, not approx
    assert grads_upto(result, 0) == {result.root: 1.0}


def test_running_means_move_a_step_at_a_time_and_match_a_fresh_count(monkeypatch):
    """The bars' means part of the way through a pass are kept as the pass
    moves (a step touches its inputs' groups), not worked out from the start
    at every step; they equal a fresh count at every position, Back included."""
    import core.graph.gradient_flow as gf
    from core.cli.templates import build
    from core.graph.backward import backward

    m = build("mlp")
    result = backward(m)
    means = gf.RunningMeans(m, result)
    fresh = []
    real = gf.grads_upto
    monkeypatch.setattr(gf, "grads_upto", lambda r, k: fresh.append(k) or real(r, k))
    for pos in [*range(1, 40), 200, len(result.steps) - 1, 10]:
        means.at(pos)
        want = gf.group_magnitudes(m, result, real(result, pos))
        got = means.means()
        assert got.keys() == want.keys(), pos
        assert all(got[g] == pytest.approx(want[g], rel=1e-9) for g in want), pos
    assert fresh == [10]  # only the step back started again from the beginning


def gauge_colours(card, zoom: float) -> set[tuple[int, int, int]]:
    """The colours a folded card paints far out (where the card is its group's gauge)."""
    r = card.rect()
    img = QImage(int(r.width() * zoom) + 4, int(r.height() * zoom) + 4, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.translate(2, 2)
    p.scale(zoom, zoom)
    card.paint(p, QStyleOptionGraphicsItem())
    p.end()
    return {QColor(img.pixel(x, img.height() // 2)).getRgb()[:3] for x in range(4, img.width() - 4)}


def test_a_groups_gauge_has_no_sign_colour(qtbot, window):
    """|grad| has no sign: a layer whose gradient is negative got the sign
    scale's positive red as its gauge far out (it read as "positive")."""
    w = window
    turn_on(w)
    open_example(w, "vanishing_tanh")
    title = w.gradient_flow.panel.groups_title
    assert title.isHidden()  # no pass: no heading over no bars (a trial saw one)
    backward_to_end(qtbot, w)
    assert not title.isHidden()
    ref = headless(VANISHING)["nodes"]
    card = w.scene.folding.card("layer6")
    assert card is not None and card.strip is not None and card.strip[0] > 0.3
    assert ref["h6"]["grad"] < 0  # the layer's output: a negative gradient
    colours = gauge_colours(card, 0.12)
    filled = {c for c in colours if c != (255, 255, 255) and max(c) - min(c) > 8}
    assert filled, colours  # the gauge is drawn
    for r, g, b in filled:
        assert b >= r, (r, g, b)  # slate, not the orange-red of a positive gradient


def test_the_mlps_wires_are_told_apart_by_width(qtbot, window):
    """A trial: on Insert MLP after Backward nearly every wire was drawn
    6 to 10 px wide (its gradients, 0.01 to 3.4, all in the top of a scale
    reaching down to a handful at 5.5e-5), no large or small to be seen.
    Wires a decade apart in gradient now differ by a third of the widths'
    range at least, and the middle of the wires is well under the widest."""
    import statistics

    w = window
    turn_on(w)
    show_mlp(qtbot, w)
    backward_to_end(qtbot, w)
    carried = w.gradient_flow.wires
    width = {k: w.scene.edge_item(*k).width for k in carried}
    assert max(width.values()) == MAX_WIDTH
    assert statistics.median(width.values()) <= MIN_WIDTH + 0.55 * (MAX_WIDTH - MIN_WIDTH)
    a = next(k for k in carried if 0.2 <= abs(carried[k]) <= 0.5)
    b = next(k for k in carried if 0.02 <= abs(carried[k]) <= 0.05)
    assert width[a] - width[b] >= (MAX_WIDTH - MIN_WIDTH) / 3, (carried[a], width[a], carried[b], width[b])


def test_strips_go_when_it_is_turned_off_and_folds_without_them_touch_none(qtbot, window, monkeypatch):
    """Turned off, every strip goes; with none drawn, folding a group (which
    asks again) walks no card or frame to take strips away (500 of them at
    50,000 nodes, on every fold)."""
    from scene_checks import count_calls

    from gui.canvas.folding.group_card import GroupCard
    from gui.canvas.folding.group_items import GroupFrame

    w = window
    turn_on(w)
    open_example(w, "vanishing_tanh")
    backward_to_end(qtbot, w)
    fold = w.scene.folding
    assert fold.card("layer3").strip is not None
    menu_action(w.menus["view"], "gradient_flow").trigger()  # off
    QApplication.processEvents()
    assert all(c.strip is None for c in fold.cards())
    frames = [fold.frame(g.id) for g in w.model.groups]
    assert all(f.strip is None for f in frames if f is not None)
    on_cards = count_calls(monkeypatch, GroupCard, "set_strip")
    on_frames = count_calls(monkeypatch, GroupFrame, "set_strip")
    w.model.groups.set_collapsed("layer3", False)
    qtbot.wait(20)
    w.model.groups.set_collapsed("layer3", True)
    qtbot.wait(20)
    assert on_cards == [] and on_frames == []


def wire_colours(wire) -> set[tuple[int, int, int]]:
    """The colours a wire paints (the item drawn alone on white)."""
    r = wire.boundingRect()
    img = QImage(int(r.width()) + 8, int(r.height()) + 8, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.translate(4 - r.left(), 4 - r.top())
    opt = QStyleOptionGraphicsItem()
    opt.exposedRect = r
    wire.paint(p, opt)
    p.end()
    return {QColor(img.pixel(x, y)).getRgb()[:3] for x in range(img.width()) for y in range(img.height())}


def test_a_lit_wire_keeps_its_sign_colour_under_gradient_flow(qtbot, window):
    """Trial 50: with Gradient Flow on, the step's highlight painted a wire
    carrying −0.3748 in the step's orange, the legend's "positive". Now the
    wire keeps its sign colour and the step lights it with a halo."""
    from gui.common import grad_colors
    from gui.common import style as S

    w = window
    turn_on(w)
    open_example(w, "blog_L")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    a = w.backward.animator
    a.pause()
    QApplication.processEvents()
    wire = next(e for e in w.scene.edge_items() if e.key == ("b", "e", 1))
    while wire.flow is None:  # step until e passes its gradient back to a and b
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        QApplication.processEvents()
        assert not a.at_end
    assert w.document.backward_pass.grads["b"] == -4.0  # ∂L/∂b = f·a = −2·2: negative
    colours = wire_colours(wire)
    blue = grad_colors.wire_color(-1.0).getRgb()[:3]
    assert wire.width_color is not None and wire.width_color.getRgb()[:3] == blue
    assert any(b - r > 100 for r, g, b in colours)  # the wire: blue (over the halo)
    assert not any(r > 200 and g < 130 and b < 80 for r, g, b in colours)  # no step orange (234, 88, 12)
    assert any(r > 240 and g > 200 and b < 130 for r, g, b in colours)  # the halo: yellow
    assert S.WIRE_FLOW.getRgb()[:3] == (234, 88, 12)
