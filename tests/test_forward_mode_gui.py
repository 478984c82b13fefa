"""Backward › Forward Mode…, Compare Forward and Reverse and Build Gradient
Graph, driven the way a user drives them: open an example, click a leaf,
press the keys and buttons; check what the canvas and the panels show."""

from __future__ import annotations

from animation_helpers import EXAMPLES
from canvas_helpers import click
from leaf_question import answer_leaf_question
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFormLayout
from window_helpers import (  # noqa: F401
    Button,
    action,
    answers,
    make_window,
    menu_action,
    tmp_settings,
    type_formula,
    window,
)

from core.files import fileio
from core.graph.backward import backward
from core.graph.forward_mode import forward_mode
from core.graph.hessian import hessian


def open_example(w, name: str) -> None:
    menu_action(w.menus["file"], f"example_{name}").trigger()
    QApplication.processEvents()


def hand_mode(w) -> None:
    auto = menu_action(w.menus["backward"], "autoplay")
    if auto.isChecked():
        auto.trigger()


def click_card(w, qtbot, node: str) -> None:
    it = w.scene.node_item(node)
    w.view.ensureVisible(it)
    r = it.sceneBoundingRect()
    click(w.view, r.center() - (r.center() - r.topLeft()) * 0.5)  # on the card's body, off its ports
    QApplication.processEvents()


def start_forward(qtbot, w, example: str, leaf: str) -> None:
    """Open ``example``, Play off, click the card ``leaf``, press Shift+F5: forward mode from it at step 0."""
    open_example(w, example)
    hand_mode(w)
    click_card(w, qtbot, leaf)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)


def looks(w) -> dict:
    return {n: (w.scene.node_item(n).grad, w.scene.node_item(n).highlight) for n in w.model.nodes()}


def test_the_menu_has_the_new_entries(window):
    m = window.menus["backward"]
    names = [a.objectName() for a in m.actions()]
    i = names.index("action_backward")
    assert names[i + 1 : i + 4] == ["action_forward_mode", "action_compare_modes", "action_gradient_graph"]
    assert action(window, "forward_mode").shortcut().toString() == "Shift+F5"


def test_forward_mode_from_a_clicked_leaf_with_backwards_controls(window, qtbot):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    click_card(w, qtbot, "a")
    assert w.scene.selected_ids() == ["a"]
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    ctl = w.backward
    rp = ctl.replay
    assert ctl.animator.active and ctl.animator.pos == 0 and rp.wrt == "a"
    # the start: only da/da = 1; the nodes that do not depend on a are dimmed
    assert looks(w)["a"] == (1.0, "input")
    assert all(looks(w)[n] == (None, "dim") for n in "bcf")
    assert w.scene.node_item("a").grad_name == "d/da"
    assert "a" in ctl.narration.text() or ctl.status_text(0).startswith("Forward mode with respect to a")
    # → steps: e, then d, then L, each tangent made from its inputs'
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    assert looks(w)["e"] == (-3.0, "current") and w.scene.node_item("a").highlight == "input"
    flow = w.scene.edge_item("a", "e", 0).flow
    assert flow == "de/da += ∂e/∂a · da/da = −3 × 1 = −3"
    assert w.scene.edge_item("b", "e", 1).flow is None  # b does not depend on a: nothing flows
    assert "de/da" in ctl.chain_panel.text() and "−3" in ctl.chain_panel.text()
    qtbot.keyClick(w.view, Qt.Key.Key_Right)
    qtbot.keyClick(w.view, Qt.Key.Key_Left)
    assert ctl.animator.pos == 1
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    assert ctl.animator.at_end
    want = forward_mode(w.model, "a").tangents
    assert {n: g for n, (g, _) in looks(w).items() if g is not None} == {n: want[n] for n in "aedL"}
    # the forward tangent of the root is Backward's gradient of a
    assert looks(w)["L"][0] == backward(w.model).grads["a"] == 6.0
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    assert ctl.animator.pos == 0
    qtbot.keyClick(w.view, Qt.Key.Key_P)
    assert ctl.animator.playing
    qtbot.waitUntil(lambda: ctl.animator.at_end, timeout=15000)
    # the Order list names the tangent
    order = ctl.order_panel.model
    assert order.headerData(3, Qt.Orientation.Horizontal) == "d/da"
    assert [order.node_at(r) for r in range(order.rowCount())] == ["a", "e", "d", "L"]


def test_forward_mode_asks_which_leaf_and_backward_comes_back(window, monkeypatch):
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    w.scene.select_ids([])
    asked = []

    def get_item(parent, title, label, items, current=0, editable=True, *a, **k):
        asked.append(list(items))
        return items[[i.split()[0] for i in items].index("f")], True

    answer_leaf_question(monkeypatch, get_item)
    action(w, "forward_mode").trigger()
    QApplication.processEvents()
    assert [i.split()[0] for i in asked[0]] == ["a", "b", "c", "f"]
    assert w.backward.replay.wrt == "f"
    action(w, "skip_end").trigger()
    assert w.scene.node_item("L").grad == 4.0 and w.scene.node_item("L").grad_name == "d/df"
    # Backward replaces it, and the cards say grad again
    action(w, "backward").trigger()
    QApplication.processEvents()
    assert w.backward.replay.root == "L" and w.scene.node_item("L").grad_name == "grad"
    # an edit of the wiring clears forward mode as it clears Backward (one of numbers keeps it:
    # tests/test_forward_kept_on_edit.py)
    action(w, "forward_mode").trigger()
    w.model.remove_node("c")
    QApplication.processEvents()
    assert not w.backward.animator.active and w.scene.node_item("L").grad is None


def test_forward_mode_from_an_operator_selection_asks_for_a_leaf(window, monkeypatch):
    w = window
    open_example(w, "blog_L")
    w.scene.select_ids(["e"])
    answer_leaf_question(monkeypatch, lambda *a, **k: ("", False))
    action(w, "forward_mode").trigger()
    QApplication.processEvents()
    assert not w.backward.animator.active  # cancelled: nothing shown


def test_comparison_counts_passes_and_wire_visits(window, qtbot):
    w = window
    open_example(w, "neuron_tanh")
    action(w, "compare_modes").trigger()
    QApplication.processEvents()
    panel = w.backward.forward.panel
    assert w.backward.forward.dock.isVisible()
    c = panel.result
    assert c is not None and c.forward_passes == 5 and c.reverse_passes == 1
    assert c.reverse_edge_visits == len(w.model.edges())
    assert c.forward_edge_visits > c.reverse_edge_visits and c.all_agree
    text = panel.summary.text()
    assert "forward mode" in text and "reverse mode" in text and "✓ all 5 agree" in text
    t = panel.table
    assert t.rowCount() == 5
    grads = backward(w.model).grads
    for r in range(5):
        leaf = t.item(r, 0).data(Qt.ItemDataRole.UserRole)
        assert t.item(r, 3).text() == "✓"
        assert float(t.item(r, 2).toolTip().replace("−", "-")) == grads[leaf]
    # double-click a leaf: its forward pass starts
    rect = t.visualItemRect(t.item(1, 0))
    qtbot.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(t.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()
    assert w.backward.replay.wrt == t.item(1, 0).data(Qt.ItemDataRole.UserRole)
    # an edit makes the numbers stale
    w.model.set_value("x1", 1.0)
    QApplication.processEvents()
    assert panel.summary.text().startswith("Out of date") and not t.isEnabled()


def test_build_gradient_graph_opens_a_graph_whose_backward_is_a_hessian_row(window):
    w = window
    open_example(w, "blog_L")
    before = fileio.load(EXAMPLES / "blog_L.mgraph")
    action(w, "gradient_graph").trigger()
    QApplication.processEvents()
    m = w.model
    a_grad = m.output
    assert m.label(a_grad) == "a.grad" and m.value(a_grad) == 6.0
    assert {m.label(n) for n in m.nodes()} >= {"a.grad", "b.grad", "f.grad", "L.grad"}
    assert w.scene.node_item(a_grad) is not None
    # the card that is c's and e's gradient too is named where it is made; the status says so
    said = w.status_text()
    assert "d.grad is also c.grad and e.grad (an add passes it on unchanged)." in said, said
    action(w, "backward").trigger()
    action(w, "skip_end").trigger()
    QApplication.processEvents()
    row = hessian(before).hessian[0]
    # a.grad = e.grad · b = (L.grad · f) · b: it depends on b and f only
    assert [w.scene.node_item(n).grad for n in "bf"] == [row[1], row[3]] == [-2.0, -3.0]
    assert [w.scene.node_item(n).grad for n in "ac"] == [None, None] and row[0] == row[2] == 0.0


def test_show_hessian_tabulates_it_beside_the_gradient(window, monkeypatch):
    from gui.backward import forward_mode as fm

    monkeypatch.setattr(fm, "AUTO_LEAVES", 4)  # (its 5 leaves: a table that waits for Compute)
    w = window
    open_example(w, "neuron_tanh")
    menu_action(w.menus["backward"], "hessian").trigger()
    QApplication.processEvents()
    fwd = w.backward.forward
    assert fwd.hessian_dock.isVisible()
    t = fwd.hessian_panel.table
    want = hessian(w.model)
    n = len(want.leaves)
    assert (t.rowCount(), t.columnCount()) == (n, n + 1)
    assert [t.verticalHeaderItem(i).text() for i in range(n)] == [w.model.label(x) for x in want.leaves]
    for i in range(n):
        assert float(t.item(i, 0).toolTip().split(" = ")[1].replace("−", "-")) == want.gradient[i]
        for j in range(n):
            tip = t.item(i, j + 1).toolTip()
            assert tip.startswith("∂²o/∂")
            assert float(tip.split(" = ")[1].replace("−", "-")) == want.hessian[i][j]
    # colour: a positive entry reddish, a zero one clear
    i, j = next((i, j) for i in range(n) for j in range(n) if want.hessian[i][j] > 0)
    bg = t.item(i, j + 1).background().color()
    assert bg.red() > bg.blue() and bg.alpha() > 0
    assert "Symmetric" in fwd.hessian_panel.summary.text()
    # the matrix reads as a grid: its columns one width (w2's zeros were a sliver), each whole
    widths = {t.columnWidth(j + 1) for j in range(n)}
    assert len(widths) == 1 and widths.pop() >= t.sizeHintForColumn(1)
    w.model.set_value("x1", 0.5)
    QApplication.processEvents()
    assert fwd.hessian_panel.summary.text().startswith("Out of date") and not t.isEnabled()
    # stale: the colours faded, so the greyed numbers stay readable on them (a trial)
    assert t.item(i, j + 1).background().color().alpha() <= bg.alpha() // 4
    fwd.hessian_panel.button.click()
    QApplication.processEvents()
    assert t.isEnabled() and fwd.hessian_panel.result.hessian == hessian(w.model).hessian


def test_big_graphs_are_not_compared_or_tabulated_in_the_window(window, monkeypatch):
    from gui.backward import forward_mode as fm

    w = window
    open_example(w, "neuron_tanh")
    monkeypatch.setattr(fm, "MAX_WORK", 20)  # 5 leaves × 10 nodes is "big" now
    action(w, "compare_modes").trigger()
    QApplication.processEvents()
    panel = w.backward.forward.panel
    assert panel.result is None and "forward mode would need 5 passes" in panel.summary.text()
    action(w, "hessian").trigger()
    QApplication.processEvents()
    hp = w.backward.forward.hessian_panel
    assert hp.result is None and "python main.py hessian FILE --json" in hp.summary.text()


def test_a_folded_card_writes_forward_modes_tangent_not_a_gradient(qtbot, window, tmp_path):
    """A trial: in forward mode the folded "layer 1 weights" card said
    "∇1.0000" of a tangent. Its rows write the tangent's name, as the
    cards do (d/dw1.1.1), and ∇ again once Backward shows gradients."""
    from window_helpers import open_mlp_file

    w = window
    open_mlp_file(qtbot, w, tmp_path)
    fold = w.scene.folding
    gid = w.model.groups.group_of("w1_1_1")
    outer = w.model.groups.folded_into("w1_1_1")
    card = fold.card(outer if outer is not None else gid)
    assert card is not None
    w.backward.forward.run_forward("w1_1_1")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()

    def texts() -> str:
        return " ".join(t.text for t in card.texts_at(1.0) + card.texts_at(0.4))

    assert "d/dw1.1.1" in texts() and "∇" not in texts()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert "∇" in texts() and "d/dw" not in texts()


def test_the_end_of_a_forward_pass_in_a_folded_group_reads_as_one_sentence(qtbot, window, tmp_path):
    """The MLP's forward pass ends inside the folded loss: the banner said
    "…as one Step (…); the last: Finished: every node …"."""
    from window_helpers import open_mlp_file

    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.backward.forward.run_forward("w1_1_1")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    text = w.backward.narration.text()
    assert "the last: Finished" not in text
    # the last step said, then the end (as Backward's: trial 65 #2)
    assert "to step through each); the last: d" in text
    assert "is the sum over its inputs" in text and "Finished: every node that depends on w1.1.1" in text


def test_forward_mode_starts_from_the_ringed_leaf_when_nothing_is_selected(window, qtbot, monkeypatch):
    """A trial: Backward finished with its ring round a leaf, nothing
    selected, and Forward Mode… still asked "which leaf?"."""
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    asked = []

    def get_item(*a, **k):
        asked.append(a)
        return "", False

    answer_leaf_question(monkeypatch, get_item)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    ctl = w.backward
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    w.scene.select_ids([])
    ringed = ctl.replay.steps[-1].node
    assert ctl.animator.at_end and w.model.op(ringed) == "leaf"
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert asked == [] and ctl.replay.wrt == ringed
    assert w.scene.selected_ids() == [ringed]  # (the leaf it starts from is selected: trial 52)
    # mid-pass too: Backward again, stepped until its ring is on a leaf
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    w.scene.select_ids([])
    pos = next(i + 1 for i, s in enumerate(ctl.replay.steps) if w.model.op(s.node) == "leaf")
    for _ in range(pos):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    leaf = ctl.replay.steps[pos - 1].node
    assert ctl.animator.pos == pos and not ctl.animator.at_end and w.scene.selected_ids() == []
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert asked == [] and ctl.replay.wrt == leaf
    # the ring on an operator (Backward's start, on L): asked, as before
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    w.scene.select_ids([])
    assert ctl.animator.pos == 0 and ctl.replay.root == "L"
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert len(asked) == 1 and ctl.replay.root == "L"


def _says_itself(line: str) -> bool:
    """A line whose "=" joins a formula to itself ("dL/da = dL/da")."""
    parts = [p.strip() for p in line.split("(")[0].split(" = ")]
    return any(a == b for a, b in zip(parts, parts[1:], strict=False))


def test_the_chain_rule_panel_says_what_a_tangent_is_never_a_formula_equal_to_itself(window, qtbot):
    """A trial: the headings read "Its tangent dL/da = dL/da" and "d(a*b)/da = d(a*b)/da"."""
    w = window
    start_forward(qtbot, w, "blog_L", "a")
    texts = [w.backward.chain_panel.text()]
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
        texts.append(w.backward.chain_panel.text())
    assert "Its tangent da/da: how much a moves per unit nudge of a" in texts[0]
    assert "Its tangent de/da: how much e moves per unit nudge of a (step 1 of 3)" in texts[1]
    assert "Its tangent dL/da: how much L moves per unit nudge of a" in texts[3] and "dL/da = 6" in texts[3]
    assert not [line for t in texts for line in t.splitlines() if _says_itself(line)]


def test_the_finished_forward_pass_shows_its_end_the_root_not_only_the_leaf(window, qtbot):
    """A trial (an engineer explaining forward mode): on the written-out
    neuron, x1 clicked, Shift+F5 then End, the view stayed at 85 % round
    x1, and o, whose tangent is the answer (do/dx1 = Backward's x1.grad, what
    the Chain Rule panel was explaining), was off screen. The finished
    picture of Backward takes in the root and the leaves; forward mode's
    takes in the seeded leaf and the nodes its pass ends on."""
    from gui.backward.camera_moves import seen
    from gui.backward.replay_canvas import _rect

    w = window
    w.showNormal()
    w.resize(1400, 900)
    QApplication.processEvents()
    start_forward(qtbot, w, "neuron_exp", "x1")
    ctl = w.backward
    assert ctl.replay.wrt == "x1"
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert ctl.animator.at_end
    room = seen(w.view, ctl.narration.height(), margin=0)
    for node in ("x1", w.model.output):
        assert room.contains(_rect(w.scene, [node], cards_only=True)), (node, w.view.zoom)


def test_the_finished_forward_pass_is_placed_as_backwards_finished_picture(window, qtbot):
    """A trial: on neuron_tanh, Shift+F5 then End left the graph in the lower
    half of the canvas, about 250 px empty above it: the finished picture
    centred its ends, the seeded leaf x1 (the graph's top card) and o, not
    the graph. It is placed as Backward's End places it: the graph centred
    below the banner."""
    from test_code_panel_gui import laid_out_as_at_first_start

    w = window
    w.showNormal()
    laid_out_as_at_first_start(w, 1600, 1000)
    start_forward(qtbot, w, "neuron_tanh", "x1")
    assert w.backward.replay.wrt == "x1"
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert w.backward.animator.at_end

    def gaps() -> tuple[float, float]:
        """The empty pixels above the graph (below the banner) and below it."""
        v, g = w.view, w.view.graph_rect()
        top = v.mapFromScene(g.topLeft()).y() - w.backward.narration.geometry().bottom()
        return top, v.viewport().height() - v.mapFromScene(g.bottomRight()).y()

    above, below = gaps()
    assert above < below + 60, (above, below)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward, End
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert w.backward.animator.at_end and w.backward.replay.root == "o"
    # as far from centred (each pass's banner as tall as its own tallest sentence, t72 #10: the
    # canvases differ in height, the 4-line forward "Finished" reserved from that pass's start)
    after = gaps()
    assert abs((after[0] - after[1]) - (above - below)) / 2 < 30, (after, above, below)


def test_the_hessians_headers_tell_the_constants_apart_and_mark_them(window):
    """A trial: the written-out neuron's Hessian had columns headed "2",
    "1" and "1" (the code's numbers): two columns of the same name, and
    nothing said they were constants, as the CLI's table says."""
    w = window
    open_example(w, "neuron_exp")
    menu_action(w.menus["backward"], "hessian").trigger()
    QApplication.processEvents()
    panel = w.backward.forward.hessian_panel
    t = panel.table
    n = t.rowCount()
    cols = [t.horizontalHeaderItem(j + 1).text() for j in range(n)]
    rows = [t.verticalHeaderItem(i).text() for i in range(n)]
    assert cols == rows and len(set(cols)) == n, cols
    # (a constant named by where it is used, as the Order list and the CLI: trial 68 #7)
    assert "1 (in e - 1)" in cols and "1 (in e + 1)" in cols and "2 (in 2n)" in cols
    consts = {"x1", "x2", "2 (in 2n)", "1 (in e - 1)", "1 (in e + 1)"}  # the file's "trainable": false leaves
    for j, name in enumerate(cols):
        assert t.horizontalHeaderItem(j + 1).font().italic() == (name in consts), name
        assert t.verticalHeaderItem(j).font().italic() == (name in consts), name
    said = panel.summary.text()  # (the code's numbers constants, the file's inputs data: trial 65 #7)
    assert "2 (in 2n), 1 (in e - 1) and 1 (in e + 1) are constants" in said and "x1 and x2 are data" in said


def test_compact_cards_write_a_tangent_as_a_derivative_not_a_gradient(window, qtbot):
    """A trial: zoomed out to the finished forward pass (47 %), where cards
    are compact, each wrote its tangent "∇ −3.00", the sign of a gradient,
    though the full cards say "d/dx1" and folded cards "d/dx1" too."""
    w = window
    w.showNormal()
    w.resize(1400, 900)
    QApplication.processEvents()
    start_forward(qtbot, w, "neuron_exp", "x1")
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    z = w.view.zoom
    cards = {n: w.scene.node_item(n) for n in w.model.nodes()}
    shown = {n: [t.text for t in card.texts_at(z) if t.kind == "grad"] for n, card in cards.items()}
    tangents = {n: texts for n, texts in shown.items() if texts}
    assert len(tangents) >= 5, (z, shown)
    for n, texts in tangents.items():
        assert all(not t.startswith("∇") and t.startswith(("d/dx1", "∂")) for t in texts), (n, texts, z)
    # Backward's compact cards keep ∇
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    z = w.view.zoom
    grads = [t.text for n in w.model.nodes() for t in w.scene.node_item(n).texts_at(z) if t.kind == "grad"]
    assert grads and all(t.startswith(("∇", "grad")) for t in grads), (grads, z)


def test_the_hessian_table_holds_the_leaves_the_root_depends_on(window, qtbot):
    """A trial: L = a*b*b beside M = c*c, Show Hessian on L said "for its 3
    leaves" and gave c a row and a column of zeros; the CLI's table shows a
    and b and says c does not affect L."""
    w = window
    type_formula(
        qtbot,
        w,
        "a = Value(2.0); b = Value(3.0); c = Value(4.0); L = a*b*b; M = c*c; L.backward()",
        dialogs=False,
    )
    assert len(w.model) == 6 and w.model.output is not None
    menu_action(w.menus["backward"], "hessian").trigger()
    QApplication.processEvents()
    panel = w.backward.forward.hessian_panel
    t = panel.table
    assert [t.horizontalHeaderItem(j).text() for j in range(t.columnCount())] == ["∂L/∂leaf", "a", "b"]
    assert [[t.item(i, j).text() for j in range(3)] for i in range(2)] == [["9", "0", "6"], ["12", "6", "4"]]
    text = panel.summary.text()
    assert "for the 2 leaves it depends on" in text and "c does not affect it" in text, text


def test_properties_names_a_tangent_a_tangent(window, qtbot):
    """A trial: in forward mode from a, e clicked, Properties said
    "Gradient −3.0", which is de/da (the card said d/da); e's gradient
    dL/de is −2. And b, dimmed (not depending on a), "not reached yet"."""
    w = window
    start_forward(qtbot, w, "blog_L", "a")
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    p = w.properties

    def row(node: str) -> tuple[str, str]:
        click_card(w, qtbot, node)
        p.refresh()  # (as its timer does)
        form = next(f for f in p.findChildren(QFormLayout) if f.labelForField(p.grad_label) is not None)
        return form.labelForField(p.grad_label).text(), p.grad_label.text()  # the row's name, as shown

    assert row("e") == ("Tangent d/da", "−3.0")
    assert row("b") == ("Tangent d/da", "0 (it does not depend on a)")
    assert w.backward.animator.at_end  # (clicks do not end the pass)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    assert row("e") == ("Gradient", "−2.0")
    qtbot.keyClick(w.view, Qt.Key.Key_Escape)


def test_a_long_message_ends_in_an_ellipsis_and_is_whole_in_its_tooltip(window, qtbot, answers):
    """A trial: Build Gradient Graph on z = x**3*y + tanh(x*y) said "... z.grad
    is also x**3 * y.grad and tanh" and stopped at the status bar's edge,
    nothing saying there was more."""
    w = window
    w.showNormal()
    w.resize(1000, 700)
    type_formula(qtbot, w, "x = Value(2.0); y = Value(-1.5); z = x**3*y + tanh(x*y)", dialogs=False)
    answers.save_changes = Button.Discard
    menu_action(w.menus["backward"], "gradient_graph").trigger()
    QApplication.processEvents()
    said = w.status_text()
    assert "is also" in said and said.endswith("."), said  # whole where asked
    label = w.status_line.hint_label
    room = label.contentsRect().width()
    assert label.fontMetrics().horizontalAdvance(said) > room  # (the case is met: too long for the bar)
    assert label.text().endswith("…") and said.startswith(label.text()[:-1]), label.text()
    assert label.fontMetrics().horizontalAdvance(label.text()) <= room
    assert label.toolTip() == said
    w.status_line.end_message()  # the hint again: short, whole, no tooltip
    assert label.text() == w.status_text() and label.toolTip() == ""


def test_the_hessian_copies_as_a_table_for_slides(window, qtbot):
    """A trial preparing slides: the Hessian selected, Ctrl+C copied "6" (the current cell).
    Now the cells go to the clipboard as tab-separated text with their rows'
    and columns' names (the whole table when no cell is selected)."""
    w = window
    open_example(w, "blog_L")
    menu_action(w.menus["backward"], "hessian").trigger()
    QApplication.processEvents()
    t = w.backward.forward.hessian_panel.table
    t.setFocus()
    QApplication.clipboard().clear()
    qtbot.keyClick(t, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(t, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == (
        "\t∂L/∂leaf\ta\tb\tc\tf\n"
        "a\t6.0\t0.0\t-2.0\t0.0\t-3.0\n"  # every digit, each float's repr (trial 68)
        "b\t-4.0\t-2.0\t0.0\t0.0\t2.0\n"
        "c\t-2.0\t0.0\t0.0\t0.0\t1.0\n"
        "f\t4.0\t-3.0\t2.0\t1.0\t0.0\n"
    )
    rect = t.visualRect(t.model().index(0, 2))  # a's row, b's column (after the gradient's): ∂²L/∂a∂b
    qtbot.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(t, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "\tb\na\t-2.0\n"
    # the Forward vs Reverse table too (no row names there)
    menu_action(w.menus["backward"], "compare_modes").trigger()
    QApplication.processEvents()
    c = w.backward.forward.panel.table
    c.setFocus()
    c.clearSelection()
    qtbot.keyClick(c, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QApplication.clipboard().text().splitlines()
    assert lines[0].startswith("leaf\t") and len(lines) == 1 + 4 and lines[1].startswith("a\t6.0\t6.0\t")


def test_the_hessian_panel_opens_tall_enough_for_every_row(window, tmp_path):
    """A trial: eight leaves' Hessian opened showing six rows, the rest a
    scroll away, though the window had the room. (The graph above, wholly in
    view when it opened, stays so, as for any panel: gui/canvas/resize_cause.py.)"""
    from test_cli import run

    src, path = tmp_path / "h8.py", tmp_path / "h8.mgraph"
    src.write_text(
        "".join(f"{c} = Value({0.3 * (i + 1) - 1.1})\n" for i, c in enumerate("abcdefgh"))
        + "L = ((a*b + c*d).tanh() * (e*f + g*h)).tanh()\n",
        encoding="utf-8",
    )
    assert run("import", src, "-o", path).returncode == 0
    w = window
    w.showNormal()
    w.resize(1600, 1000)
    QApplication.processEvents()
    assert w.open_path(str(path))
    QApplication.processEvents()
    menu_action(w.menus["backward"], "hessian").trigger()
    for _ in range(3):
        QApplication.processEvents()
    t = w.backward.forward.hessian_panel.table
    assert t.rowCount() == 8
    last = t.visualItemRect(t.item(7, 0))
    assert t.viewport().rect().contains(last), (last, t.viewport().rect())
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert all(seen.contains(it.sceneBoundingRect()) for it in w.scene.node_items())


def test_the_hessians_size_limit_counts_the_leaves_of_the_root_only(window, monkeypatch):
    """The table holds the leaves the root depends on; leaves elsewhere in
    the file made it refuse ("N leaves make an N×N table") though its
    table would be 2×2 (a review)."""
    import gui.backward.forward_mode as fm
    from core.graph.model import GraphModel

    m = GraphModel()
    for n, v in (("a", 2.0), ("b", 3.0), ("c", 4.0), ("d", 5.0)):
        m.add_node("leaf", n, value=v)
    m.add_node("mul", "L")
    m.connect("a", "L", 0)
    m.connect("b", "L", 1)
    m.add_node("add", "M")
    m.connect("c", "M", 0)
    m.connect("d", "M", 1)
    m.set_output("L")
    w = window
    assert w.open_model(m, "two parts")
    monkeypatch.setattr(fm, "MAX_LEAVES", 2)  # the file's 4 leaves are "too many"; L's 2 are not
    action(w, "hessian").trigger()
    QApplication.processEvents()
    hp = w.backward.forward.hessian_panel
    assert hp.result is not None and hp.table.rowCount() == 2
    assert hp.table.item(0, 2).text() == "1"  # ∂²(a·b)/∂a∂b


def test_the_hessian_of_a_small_part_computes_only_its_table(window):
    """With the size limit counting the root's leaves, a file's other leaves
    (here 3,000) still made the Hessian a table of every leaf squared, rows
    of zeros: 9 million numbers for a 2×2 table (at 20,000 leaves gigabytes,
    the app frozen). Its table and its summary are as before."""
    from core.graph.model import GraphModel

    m = GraphModel()
    for n, v in (("a", 2.0), ("b", 3.0)):
        m.add_node("leaf", n, value=v)
    m.add_node("mul", "L")
    m.connect("a", "L", 0)
    m.connect("b", "L", 1)
    m.add_node("leaf", "c", value=1.0)
    for i in range(3000):
        m.add_node("leaf", f"z{i}", value=0.5)
    m.set_output("L")
    w = window
    assert w.open_model(m, "a product and many leaves")
    action(w, "hessian").trigger()
    QApplication.processEvents()
    hp = w.backward.forward.hessian_panel
    assert hp.result is not None and hp.table.rowCount() == 2
    assert len(hp.result.hessian) == 2 and all(len(row) == 2 for row in hp.result.hessian)
    assert [hp.table.verticalHeaderItem(i).text() for i in range(2)] == ["a", "b"]
    assert hp.table.item(0, 2).text() == "1"  # ∂²(a·b)/∂a∂b
    assert "c, z0, z1" in hp.summary.text() and "do not affect it" in hp.summary.text()


def test_the_gradient_graphs_status_is_read_whole_in_a_1600_wide_window(qtbot, window, tmp_path):
    """Verify 50: the teacher's f = tanh(x*y + x**2)·exp(−y) gradient graph said
    what it is in a status line cut with "…" (its end only in a tooltip)."""
    from core.graph.model import GraphModel

    w = window
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    m = GraphModel.from_records(
        {"format": "micrograd-studio", "version": 1, "output": "f"},
        [
            ("x", {"op": "leaf", "value": 0.7}),
            ("y", {"op": "leaf", "value": -0.3}),
            ("xy", {"op": "mul", "label": "x*y"}),
            ("x2", {"op": "pow", "exponent": 2.0, "label": "x**2"}),
            ("s", {"op": "add", "label": "x*y + x**2"}),
            ("t", {"op": "tanh", "label": "tanh(x*y + x**2)"}),
            ("ny", {"op": "neg", "label": "-y"}),
            ("e", {"op": "exp", "label": "exp(-y)"}),
            ("f", {"op": "mul", "label": "f"}),
        ],
        [("x", "xy", 0), ("y", "xy", 1), ("x", "x2", 0), ("xy", "s", 0), ("x2", "s", 1), ("s", "t", 0),
         ("y", "ny", 0), ("ny", "e", 0), ("t", "f", 0), ("e", "f", 1)],
    )  # fmt: skip
    path = tmp_path / "f.mgraph"
    fileio.save(m, str(path))
    assert w.open_path(str(path))
    w.scene.select_ids(["x"])  # (Backward's root: the output, f)
    action(w, "gradient_graph").trigger()
    QApplication.processEvents()
    said = w.status_text()
    assert said.startswith("Each gradient is a node now; x.grad is the output"), said
    assert "(x*y + x**2).grad is also (x*y).grad and (x**2).grad" in said, said  # (the file's order)
    label = w.status_line.hint_label
    assert label.text() == said and "…" not in label.text(), label.text()  # whole, not cut


def test_gradient_flow_says_forward_mode_carries_no_gradient_back(window, qtbot):
    """A trial: with View › Gradient Flow on, forward mode left its panel saying
    only "Run Backward (Ctrl+B)…", as if nothing ran."""
    w = window
    open_example(w, "blog_L")
    hand_mode(w)
    menu_action(w.menus["view"], "gradient_flow").trigger()
    click_card(w, qtbot, "a")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    status = w.gradient_flow.panel.status  # (one line of it when the panel is short, the rest its tooltip)
    assert status.text().startswith("No gradients in forward mode")
    assert "Ctrl+B" in status.text() + status.toolTip()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward: the widths
    QApplication.processEvents()
    assert not status.text().startswith("No gradients")
