"""Trial 43, #3: inside Insert MLP sixteen partial sums were called
"… + w·x2" (and "b + w·x1", one per neuron and data point), the products
"w1.1.1·x1" without their data point, so the Backward banner's "Step 286
of 360: (… + w·x2).grad …" could be any of sixteen nodes. Every node of
the template now has a label of its own (n1.3.2[1]: neuron 1.3's sum of
its bias and first two terms, on data point 1; w1.3.2·x2[1]), and where a
graph does share a label (a file saved before) the banner and the Order
list's line say which node, by its innermost group: "(… + w·x2 in neuron
1.3 [1])". A graph whose labels are its own reads as before."""

from __future__ import annotations

import re
from collections import Counter

from kahn_files import kahn_ordered
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from test_window_files import open_blog_example
from window_helpers import (  # noqa: F401
    answers,
    expanded_mlp_pass,
    menu_action,
    open_expanded,
    open_mlp_file,
    show_mlp,
    tmp_settings,
    window,
)

from core.cli.templates import build
from core.files import fileio
from core.graph.backward import backward
from core.learn import templates
from gui.backward.order_delegate import fit
from gui.backward.order_tree import GROUP_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier


def test_every_node_of_the_mlp_has_a_label_of_its_own():
    m = build("mlp")
    labels = Counter(m.label(n) for n in m.nodes())
    assert len(m) == 360 and max(labels.values()) == 1, [k for k, v in labels.items() if v > 1]
    # neuron 1.3 on data point 1: n = b1.3 + w1.3.1·x1[1] + w1.3.2·x2[1] + w1.3.3·x3[1]
    by_label = {m.label(n): n for n in m.nodes()}
    n1, n2, n = (by_label[k] for k in ("n1.3.1[1]", "n1.3.2[1]", "n1.3[1]"))
    assert [m.label(s) for s in m.inputs(n1)] == ["b1.3", "w1.3.1·x1[1]"]
    assert [m.label(s) for s in m.inputs(n2)] == ["n1.3.1[1]", "w1.3.2·x2[1]"]
    assert [m.label(s) for s in m.inputs(n)] == ["n1.3.2[1]", "w1.3.3·x3[1]"]
    assert [m.label(s) for s in m.inputs(by_label["w1.3.2·x2[1]"])] == ["w1.3.2", "x2[1]"]
    assert [m.label(s) for s in m.inputs(by_label["w2.1.3·h1.3[4]"])] == ["w2.1.3", "h1.3[4]"]
    # each sum in the neuron's group, named for its data point
    assert m.groups.get(m.groups.group_of(n2)).label == "neuron 1.3 [1]"
    # one input: no partial sums, n straight away
    one = templates.mlp(1, (1,), [[2.0]], [1.0])
    assert [a["label"] for _, a in one.nodes if a["op"] == "add"] == ["n1.1[1]"]


def test_insert_mlp_builds_what_the_template_command_writes(qtbot, window, tmp_path):
    """Learn › Insert MLP… in an empty window and ``python main.py template
    mlp`` give the same nodes, labels and numbers (and a file of it opens
    to the same labels)."""
    w = window
    show_mlp(qtbot, w)
    headless = build("mlp")
    assert {n: w.model.label(n) for n in w.model.nodes()} == {n: headless.label(n) for n in headless.nodes()}
    assert w.model.values() == headless.values()
    path = tmp_path / "mlp.mgraph"
    fileio.save(headless, str(path))
    assert fileio.load(str(path)).label("s1_1_3_2") == "n1.3.2[1]"


def _step_of(w, label: str) -> int:
    rp = w.backward.replay
    node = next(n for n in w.model.nodes() if w.model.label(n) == label)
    return rp.step_of(node) + 1


def _go_to(qtbot, w, pos: int) -> None:
    """A row of the Order list clicked (its tab raised, the row's jump), then → as a user steps."""
    w.backward.dock_order.raise_()
    QApplication.processEvents()
    w.backward.order_panel.jump_requested.emit(pos - 1)
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()
    assert w.backward.animator.pos == pos


def test_the_banner_names_a_partial_sum_apart_from_the_fifteen_others(qtbot, window, answers, tmp_path):
    w = window
    expanded_mlp_pass(qtbot, w, tmp_path)
    pos = _step_of(w, "n1.3.2[1]")
    _go_to(qtbot, w, pos)
    banner = w.backward.narration.text()
    assert banner.startswith(f"Step {pos} of 360: n1.3.2[1].grad = ")
    assert "so n1.3.2[1] passes it back" in banner
    assert "n1.3.1[1].grad += " in banner and "(w1.3.2·x2[1]).grad += " in banner
    assert "… + w" not in banner and " in neuron" not in banner  # (its own label: nothing added)
    assert w.backward.order_panel.status.text() == f"Step {pos} of 360: n1.3.2[1] passes its gradient back."
    # a small graph, every label its own, reads as it did
    answers.save_changes = QMessageBox.StandardButton.Discard  # (the MLP opened is not kept)
    open_blog_example(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()
    assert w.backward.narration.text() == (
        "Step 1 of 7: L.grad = 1 is complete, so L passes it back, times each local derivative: "
        "d.grad += 1 × (−2) = −2;  f.grad += 1 × 4 = 4."
    )


def _old_labels(m) -> None:
    """The labels the template gave before trial 43 (a file saved then)."""
    for n in m.nodes():
        lab = m.label(n)
        if s := re.fullmatch(r"n(\d)\.(\d)\.(\d)\[\d\]", lab):
            layer, i = int(s.group(1)), int(s.group(3))
            inp = f"x{i}" if layer == 1 else f"h{layer - 1}.{i}"
            m.set_label(n, f"b + w·{inp}" if i == 1 else f"… + w·{inp}")
        elif p := re.fullmatch(r"(w[\d.]+·[xh][\d.]+)\[\d\]", lab):
            m.set_label(n, p.group(1))


def test_a_shared_label_is_told_apart_by_its_group_in_the_banner(qtbot, window, tmp_path):
    old = build("mlp")
    _old_labels(old)
    assert Counter(old.label(n) for n in old.nodes())["… + w·x2"] == 16
    w = window
    # (in Kahn's order, as another program may list its nodes: the four data points'
    # visits to one neuron run side by side, their rows told apart by their neurons)
    open_expanded(qtbot, w, kahn_ordered(old, tmp_path), tmp_path)
    auto = menu_action(w.menus["backward"], "autoplay")
    if auto.isChecked():
        auto.trigger()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    QApplication.processEvents()
    node = "s1_1_3_2"  # neuron 1.3's "… + w·x2" on data point 1
    assert w.model.label(node) == "… + w·x2"
    pos = w.backward.replay.step_of(node) + 1
    _go_to(qtbot, w, pos)
    banner = w.backward.narration.text()
    me = "(… + w·x2 in neuron 1.3 [1])"
    assert banner.startswith(f"Step {pos} of 360: {me}.grad = ")
    said = "… + w·x2 (in neuron 1.3 [1])"  # (where no .grad follows: verify 50)
    assert f"so {said} passes it back" in banner
    assert "(b + w·x1 in neuron 1.3 [1]).grad += " in banner
    assert "(w1.3.2·x2 in neuron 1.3 [1]).grad += " in banner
    # the group's name is never split over two lines of the banner
    assert "in neuron\u00a01.3\u00a0[1]" in w.backward.narration.displayed()
    assert w.backward.order_panel.status.text() == f"Step {pos} of 360: {said} passes its gradient back."
    # the Order list's rows of this visit to layer 1 [1]: four neurons' "(… + w·x2)", each with
    # its neuron's name beside it, cut to its last words ("… 1.3 [1]"), never to "neur… [1]" alike
    om, table = w.backward.order_panel.model, w.backward.order_panel.table
    table.resize(320, 300)  # (the right column's width)
    QApplication.processEvents()
    rows = []
    for p in range(pos - 3, pos + 4):
        i = om.index_of(p, 1)
        group, rect = om.data(i, GROUP_ROLE), table.visualRect(i)
        if group and w.model.label(om.node_at(p)) == "… + w·x2" and rect.height() > 0:
            shown, tail = fit("(… + w·x2)", group, table.fontMetrics(), rect.width() - 8)
            assert shown == "(… + w·x2)" and tail, (group, rect)
            rows.append(tail)
    assert len(rows) == 4 and len(set(rows)) == 4, rows
    # its neuron renamed mid-pass (its frame's tab clicked, the name typed in Properties)
    frame = w.scene.folding.frame("n1_1_3")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_0, CTRL)  # 100 %
    w.view.centerOn(frame)
    QApplication.processEvents()
    tab = w.view.mapFromScene(frame.mapToScene(frame.title_rect().center()))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=tab)
    qtbot.wait(10)
    page = w.properties.group_page
    assert page.name_edit.text() == "neuron 1.3 [1]"
    page.name_edit.setFocus()
    qtbot.keyClick(page.name_edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(page.name_edit, "the third neuron")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)
    qtbot.wait(10)
    assert w.backward.animator.pos == pos
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Left)
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()
    assert w.backward.narration.text().startswith(f"Step {pos} of 360: (… + w·x2 in the third neuron).grad")


def test_a_shared_label_outside_any_group_is_told_by_its_id():
    from core.explain.replay import Replay
    from core.explain.step_text import narrate
    from core.files.fileio import loads

    m = loads(fileio.dumps(build("neuron")))
    for g in list(m.groups.ids()):
        m.groups.remove(g)
    m.set_label("w2", "w1")  # two weights called w1
    rp = Replay.of(backward(m, m.output), m)
    texts = " ".join(narrate(rp, p) for p in range(1, rp.last + 1))
    assert "(w1, id w1).grad" in texts and "(w1, id w2).grad" in texts
    assert "x1.grad" in texts and "x1, id" not in texts  # (its own label: as before)


def test_the_cards_of_a_neuron_still_read_apart_when_shortened(qtbot, window, tmp_path):
    """A card shortens a long label (card_text.cut_name): the product
    w1.3.2·x2[1] reads whole at 100 % (its × pill left out: the name says
    the product), its weight "w1.3.2·…" further out; the sums n1.3.1[1],
    n1.3.2[1] whole. At every zoom the cards of one neuron say different
    names."""
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Expand All
    m = w.model
    neuron = sorted(m.groups.nodes_in("n1_1_3"))
    by_label = {m.label(n): n for n in neuron}
    qtbot.keyClick(w.view, Qt.Key.Key_0, CTRL)  # 100 %
    for zooms in range(4):
        QApplication.processEvents()
        z = w.view.zoom
        names = {}
        for n in neuron:
            texts = [t.text for t in w.scene.node_item(n).texts_at(z) if t.kind == "label"]
            if texts:
                names[n] = texts[0]
        shown = list(names.values())
        assert len(shown) == len(set(shown)), (z, shown)
        if zooms == 0:
            assert names[by_label["w1.3.2·x2[1]"]] == "w1.3.2·x2[1]"
            assert names[by_label["n1.3.2[1]"]] == "n1.3.2[1]"
            assert len(names) == len(neuron)  # every card named
        qtbot.keyClick(w.view, Qt.Key.Key_Minus, CTRL)
