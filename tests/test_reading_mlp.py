"""The MLP template read as a user reads it at 1600×1000 (issue 10's
review): Expand All gives a picture about as tall as its tallest column of
layers, every group's name shown whole and readable."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX, metrics


def insert_expanded_mlp(qtbot, w) -> None:
    """Insert MLP in a 1600×1000 window, then Expand All, as a user does (keys)."""
    from core.learn import templates

    w.resize(1600, 1000)
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    w.view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl_shift)  # Expand All
    QApplication.processEvents()


def expanded_mlp(qtbot, w):
    insert_expanded_mlp(qtbot, w)
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit
    QApplication.processEvents()
    return [w.scene.folding.frame(g.id) for g in w.model.groups if g.parent is None]


def test_expanded_mlp_is_about_as_tall_as_its_tallest_column(qtbot, window):
    """A layer's frame pushes down only the frames that share its columns:
    the picture is not much taller than the tallest stack of frames that
    overlap across (before, every layer's growth was added to all below it,
    and the MLP fitted at 3 % as one tall narrow column)."""
    frames = [f.sceneBoundingRect() for f in expanded_mlp(qtbot, window)]
    columns: list[list] = []  # frames that overlap across, joined
    for r in sorted(frames, key=lambda r: r.left()):
        if columns and r.left() < max(c.right() for c in columns[-1]):
            columns[-1].append(r)
        else:
            columns.append([r])
    tallest = max(sum(r.height() + 24.0 for r in c) for c in columns)
    whole = window.view.graph_rect()
    assert whole.height() <= 1.7 * tallest
    assert window.view.transform().m11() >= 0.06  # fitted at 3.4 % before


def test_expanded_mlp_fitted_names_every_layer_whole_and_readable(qtbot, window):
    """Fitted far out, each layer is a labelled region: its name at 11 px or
    more on screen, inside its frame, whole or shortened with "…" (a name
    wider than its frame was clipped to "aye" for "layer 1 weights", two
    lines drawn over the next frame's name for "layer 3 [1]")."""
    frames = expanded_mlp(qtbot, window)
    zoom = window.view.transform().m11()
    for f in frames:
        texts = f.texts_at(zoom)
        assert texts, f.label
        shown = " ".join(t.text for t in texts)
        assert shown == f.label or f.label.startswith(shown.removesuffix("…"))
        for t in texts:
            assert t.px * zoom >= MIN_PX - 1e-6
            assert f.boundingRect().contains(t.rect), (f.label, t.text)
            assert metrics(t.px, t.bold).horizontalAdvance(t.text) <= t.rect.width()


def test_expand_all_opens_each_group_into_the_arrangement_layout_gives_it(qtbot, window):
    """Insert MLP's folded groups hold their nodes where Auto Layout puts them
    inside their frames, so Expand All opens a picture that reads: before, they
    kept the template's hand-written rows, the loss opened as a frame as tall
    as the whole MLP (5,118 units, its sums far apart) and the MLP fitted at 8.6 % (then 11.7 %;
    9.5 % since each neuron's first product sits level with the sum it feeds and the last product
    clear of the wire over its copies: trial 71 #4, no wire under a linked copy)."""
    frames = expanded_mlp(qtbot, window)
    loss = next(f for f in frames if f.label == "loss").sceneBoundingRect()
    assert loss.height() < 600
    assert window.view.transform().m11() >= 0.09
    assert max(f.sceneBoundingRect().height() for f in frames) < 0.25 * window.view.graph_rect().height()


def test_the_backward_banner_covers_no_card_of_the_finished_mlp(qtbot, window):
    """Backward on the MLP, Skip to End (the finished picture does not fit
    at a readable zoom): the banner sits above the canvas, so no card is
    under it (it floated over the view's top, over the top card)."""
    from core.learn import templates

    w = window
    w.resize(1600, 1000)
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Run Backward
    qtbot.keyClick(w.view, Qt.Key.Key_End)  # Skip to End
    QApplication.processEvents()
    banner = w.backward.narration
    assert banner.isVisible() and banner.text().startswith("Step 360 of 360")
    v = w.view
    vp = v.viewport().geometry()  # in the view's coordinates, as the banner's geometry
    cards = [it for it in v.scene().items() if it.isVisible() and it in _cards(w)]
    assert len(cards) > 10
    for it in cards:
        r = v.mapFromScene(it.sceneBoundingRect()).boundingRect().translated(vp.topLeft())
        shown = r.intersected(vp)
        assert shown.isEmpty() or not shown.intersects(banner.geometry()), it


def _cards(w) -> set:
    return set(w.scene.node_items()) | set(w.scene.folding.cards())


def test_the_sums_under_the_finished_mlp_read_at_11_px_inside_the_view(qtbot, window):
    """Skip to End on the MLP: the sums under the cards ("x.grad = a + … +
    d = total") are drawn at 11 px or more on screen (10 px at 85 % before)
    and none in view is cut at the view's left or right edge (the column of
    inputs at the left edge had its sums cut), nor runs past three cards'
    width (into the next column)."""
    from gui.canvas.cards.note_text import NOTE_MAX_W

    w = window
    show_mlp(qtbot, w, 1360, 860)
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    v = w.view
    assert v.transform().m11() < 0.6  # the finished picture: every leaf and the loss, cards read
    x = w.model.position("x1_1")[0]  # zoomed in on the inputs to read their sums (drawn from 60 %)
    v.set_zoom(0.85, center=QPointF(x + 250, v.mapToScene(v.viewport().rect().center()).y()))
    v.viewport().repaint()
    QApplication.processEvents()
    zoom = v.transform().m11()
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    notes = []
    for it in w.scene.node_items_in(seen):
        if it.note is None or not seen.left() <= it.scenePos().x() <= seen.right():
            continue
        for t in it.texts_at(zoom):
            if t.kind == "note":
                notes.append(t.text)
                assert t.px * zoom >= MIN_PX - 1e-6, t.text
                box = it.mapRectToScene(t.box)
                assert seen.left() <= box.left() and box.right() <= seen.right(), t.text
                assert box.width() <= NOTE_MAX_W
                assert metrics(t.px, False).horizontalAdvance(t.text) <= box.width()
    assert len(notes) >= 6
    assert any(" + " in n and n.count(" = ") == 2 for n in notes)  # sums, shortened or not


def test_a_long_sum_keeps_its_name_its_ends_and_its_total():
    from gui.canvas.cards.note_text import note_for_width

    note = "x2[1].grad = −0.0001442 + 0.06134 + (−0.02608) + 0.01283 = 0.04796"
    assert note_for_width(note, 12, 2000.0) == note
    short = note_for_width(note, 12, 360.0)
    assert short == "x2[1].grad = −0.0001442 + … + 0.01283 = 0.04796"
    assert metrics(12, False).horizontalAdvance(short) <= 360.0
    assert note_for_width(note, 12, 200.0) == "x2[1].grad = Σ of 4 = 0.04796"


def test_a_node_is_named_alike_in_the_banner_the_order_list_the_chain_rule_and_properties(qtbot, window):
    """x1[1] is written x1[1] everywhere (the banner, the Chain Rule panel and
    the Order rows wrote "(x1[1])", Properties x1[1]): one rule names a
    node in what the app says (core/explain/names.py)."""
    from core.learn import templates

    w = window
    w.resize(1600, 1000)
    w.learning.insert(templates.mlp())
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)  # the last step is x1[1], a leaf
    QApplication.processEvents()
    ctl = w.backward
    banner = ctl.narration.text()
    assert "x1[1] is a leaf: x1[1].grad = " in banner and "(x1[1])" not in banner
    order = ctl.order_panel
    model = order.model
    row = model.index_of(model.steps() - 1, 1)
    assert model.data(row).startswith("x1[1]")
    assert "x1[1] is a leaf" in order.status.text()
    chain = ctl.chain_panel.text()
    assert "x1[1].grad" in chain and "(x1[1])" not in chain
    n = next(n for n in w.model.nodes() if w.model.label(n) == "x1[1]")
    w.scene.select_ids([n])
    QApplication.processEvents()
    assert w.properties.label_edit.text() == "x1[1]"


def test_names_are_written_as_they_are_expressions_in_parentheses():
    from core.explain.names import node_name

    for name in ("a", "x1", "w1.2.3", "x1[1]", "h1.4[4]", "ypred[12]", "t[1,2]"):
        assert node_name(name) == name
    exprs = ("x1*w1 + x2*w2", "(ypred − y)² [1]", "a+b", "x[1] + 1", "exp(a)*exp(b)", "-y", "exp(x).grad")
    for expr in exprs:
        assert node_name(expr) == f"({expr})"
    # a call has its brackets already (trial 50: "f = (tanh(add1)) × (exp(-y))")
    for call in ("f(x)", "exp(-y)", "tanh(x*y + x**2)", "sigmoid(w*x1 + b)"):
        assert node_name(call) == call
    for number in ("2", "2.0", "1.5", ".5", "1e5", "−3"):  # constants from imported code: "(2).grad"
        assert node_name(number) == f"({number})"
    for name in ("x2", "_2", "h2.1", "2a"):
        assert node_name(name) == name
    for name in ("c′", "d″", "c′[2]"):  # a trial: imported ``c += …`` read "(c′)" beside plain "c"
        assert node_name(name) == name


def test_an_imported_constant_reads_as_a_constant_in_the_pass():
    """``d = a * 2`` imported: the constant's gradient is "(2).grad" in the
    banner's and the Chain Rule's text (it read "2.grad", like a number)."""
    from core.code.codeadd import import_code
    from core.explain.replay import Replay
    from core.explain.step_text import explain
    from core.graph.backward import backward

    m, _ = import_code("a = Value(3.0, label='a')\nd = a * 2\nd.backward()")
    two = next(n for n in m.nodes() if m.label(n) == "2")
    d = next(n for n in m.nodes() if m.label(n) == "d")
    rp = Replay(backward(m), m.label)
    pos = rp.rank[d] + 1
    assert "(2).grad += d.grad × 3 = 3" in [txt for *_, txt in rp.flows(pos)]
    assert "(2).grad" in explain(m, rp, two, pos).text() and " 2.grad" not in explain(m, rp, two, pos).text()


def test_the_captions_on_the_wires_read_at_11_px(qtbot, window):
    """Mid-pass on the neuron, stepped with the arrow key: each lit wire's
    caption ("x2.grad += (x2*w2).grad × 1 = 0.5") is drawn at 11 px or more
    on screen (10 px at 79 % before), inside the box kept for it."""
    from pathlib import Path

    from gui.canvas.wires.wire_caption import caption_px
    from gui.canvas.wires.wire_item import EdgeItem

    w = window
    w.resize(1360, 860)
    assert w.open_path(Path(__file__).resolve().parents[1] / "resources" / "examples" / "neuron_tanh.mgraph")
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(4):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()
    zoom = w.view.transform().m11()
    lit = [e for e in w.scene.items() if isinstance(e, EdgeItem) and e.flow and e.caption_rect() is not None]
    assert len(lit) == 2
    for e in lit:
        px = caption_px(zoom)
        assert px * zoom >= MIN_PX - 1e-6
        assert metrics(px, False).horizontalAdvance(e.flow) <= e.caption_rect().width()


def test_the_chain_rule_panel_says_which_neuron_and_data_point_a_node_is_in(qtbot):
    """The MLP had sixteen nodes labelled "… + w·h2.3" (one per neuron of
    layer 3 and data point): the Chain Rule panel's heading alone did not
    say which one it explained; a line under it names the node's groups.
    (Since trial 43 the label says it too: n3.1.3[1] … [4].)"""
    from core.cli.templates import build
    from gui.backward.chain_panel import ChainPanel

    m = build("mlp")
    same = [n for n in m.nodes() if m.label(n).startswith("n3.1.3[")]
    assert len(same) == 4  # layer 3's one neuron, on each of the four data points
    panel = ChainPanel()
    qtbot.addWidget(panel)
    texts = set()
    for n in same:
        panel.show_node(m, None, n, 0)
        text = panel.text()
        assert text.startswith(m.label(n))
        texts.add(text.splitlines()[1])
    assert texts == {f"in ▸ layer 3 [{d}] › neuron 3.1 [{d}]" for d in range(1, 5)}
    leaf = next(n for n in m.nodes() if m.groups.group_of(n) is None)
    panel.show_node(m, None, leaf, 0)
    assert not panel.text().splitlines()[1].startswith("in ")  # no group: no line


def test_end_on_the_folded_mlp_shows_the_loss_and_every_leaf_readable(qtbot, window, tmp_path):
    """A new user's trial: End on the MLP opened from its file left the view
    at 85 % on x1[1] in a corner, the loss and most leaves off screen, though
    all of them fit at 49 % where the cards still read (semantic zoom). The
    finished picture shows them, every text at 11 px or more."""
    from test_semantic_zoom import laid_out_texts
    from window_helpers import open_mlp_file

    from gui.canvas.cards.card_text import MIN_PX
    from gui.canvas.cards.node_item import NodeItem

    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    v, sc = w.view, w.scene
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    ends = w.backward.replay.ends()
    assert len(ends) == 57 + 1  # 41 parameters, 12 inputs, 4 targets and the loss
    for n in ends:
        it = sc.node_item(n)
        card = sc.folding.card(sc.folding.card_of(n)) if not it.isVisible() else it
        assert seen.contains(card.sceneBoundingRect()), n
    zoom = v.transform().m11()
    assert 0.4 <= zoom < 0.6
    texts = laid_out_texts(w)
    assert any(isinstance(it, NodeItem) for it, _t in texts)
    for _it, t in texts:
        assert t.screen_px(zoom) >= MIN_PX, (t.kind, t.text)


def test_stepping_back_from_the_finished_picture_reads_the_steps_again(qtbot, window, tmp_path):
    """The review: after End zoomed out to show every leaf (51 %), Step Back
    and jumps from the Order list stayed there, where captions and the
    folded cards' rows are not drawn. Leaving the last step, the view goes
    back to the zoom it had; a zoom the user made meanwhile is kept."""
    from window_helpers import open_mlp_file

    w = window
    open_mlp_file(qtbot, w, tmp_path)
    v, ctl = w.view, w.backward
    v.setFocus()
    qtbot.keyClick(v, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(v, Qt.Key.Key_Right)  # (pauses the play, one step)
    QApplication.processEvents()
    reading = v.transform().m11()
    assert reading >= 0.6
    qtbot.keyClick(v, Qt.Key.Key_End)
    QApplication.processEvents()
    assert v.transform().m11() < 0.6
    ctl.action_step_back.trigger()
    QApplication.processEvents()
    assert abs(v.transform().m11() - reading) < 1e-9
    qtbot.keyClick(v, Qt.Key.Key_End)
    QApplication.processEvents()
    v.set_zoom(0.45)  # the user looks from farther out
    ctl.action_step_back.trigger()
    QApplication.processEvents()
    assert abs(v.transform().m11() - 0.45) < 1e-9
