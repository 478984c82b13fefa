"""The linked copies' pills as a user trial read them (issue 10): clear of
the column to their left, a gap between a card's two, inside their frames,
one readable size for all at a zoom with the label large far out, and the
cards' gradient colours and number format."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem
from window_helpers import answers, open_mlp_file, run_to_end, tmp_settings, window  # noqa: F401

from core.explain.format import fmt_card, number_forms
from core.graph.layout import LINK_ROOM
from gui.canvas.cards.card_text import MIN_PX, needed_px
from gui.canvas.cards.zoom_digits import grad_forms_at, tiny_grads
from gui.canvas.linked.copy_item import CLEAR, STUB, room_rect
from gui.canvas.painting import CARD_RECT
from gui.common import grad_colors

ZOOMS = (1.0, 0.6, 0.4, 0.28)


@pytest.fixture
def mlp_open(qtbot, window, tmp_path):
    open_mlp_file(qtbot, window, tmp_path)
    window.view.setFocus()
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.view, Qt.Key.Key_BracketRight, mods)  # Expand All
    QApplication.processEvents()
    window.view.set_zoom(1.0)
    window.view.centerOn(window.scene.node_item("m1_1_1_1"))
    QApplication.processEvents()
    window.scene.detail.reveal_all()
    QApplication.processEvents()
    return window


def _card(sc, n: str) -> QRectF:
    return CARD_RECT.translated(sc.node_item(n).scenePos())


def test_pills_leave_the_column_to_their_left_clear(mlp_open):
    """A pill sat on the output port of the card to its left (`b + w·x1`'s
    wire seemed to come out of the x3[1] pill): now Auto Layout leaves
    LINK_ROOM, and a pill at its widest keeps CLEAR from that card."""
    sc = mlp_open.scene
    cards = {n: _card(sc, n) for n, it in sc.node_map().items() if it.isVisible()}
    copies = sc.linked.copies()
    assert len(copies) == 212
    for c in copies:
        card = cards[c.key[1]]
        for z in ZOOMS:
            r = c.mapRectToScene(c.rect_at(z))
            assert r.right() + STUB == pytest.approx(card.left())
            # nothing within CLEAR of it on its left, level with it (an output port sticks out 5)
            reach = r.adjusted(-CLEAR + 6, 0, 0, 0)
            hits = [n for n, cr in cards.items() if n != c.key[1] and cr.intersects(reach)]
            assert not hits, (c.key, z, hits)
    # the room is the model's: Auto Layout's columns (core/graph/group_layout.py)
    x = {n: mlp_open.model.position(n)[0] for n in ("s1_1_1_1", "m1_1_1_3", "m1_1_1_2")}
    assert x["m1_1_1_3"] - x["s1_1_1_1"] - CARD_RECT.width() >= LINK_ROOM


def test_a_cards_two_pills_have_a_gap_and_others_are_clear(mlp_open):
    sc = mlp_open.scene
    copies = sc.linked.copies()
    by_card: dict[str, list] = {}
    for c in copies:
        by_card.setdefault(c.key[1], []).append(c)
    pairs = [cs for cs in by_card.values() if len(cs) == 2]
    assert pairs
    for z in ZOOMS:
        rects = [(c.key, c.mapRectToScene(c.rect_at(z))) for c in copies]
        for a, b in (sorted(cs, key=lambda c: c.key[2]) for cs in pairs):
            ra, rb = a.mapRectToScene(a.rect_at(z)), b.mapRectToScene(b.rect_at(z))
            assert (rb.top() - ra.bottom()) * z >= 4, (a.key, z)  # seen apart on screen
        for k, r in rects:
            assert not any(k2 != k and r.intersects(r2) for k2, r2 in rects), (k, z)


def test_frames_hold_their_cards_pills_and_badges(mlp_open):
    """Pills hung out of the neuron and layer frames, and badges straddled
    the weights frames' edge: a frame holds what its cards' copies reach."""
    sc, gs = mlp_open.scene, mlp_open.model.groups
    for c in sc.linked.copies():
        room = c.mapRectToScene(room_rect(c.arity, c.key[2]))
        g = gs.group_of(c.key[1])
        while g is not None:
            frame = sc.folding.frame(g)
            assert frame is not None and frame.outline().contains(room), (c.key, g)
            g = gs.get(g).parent
    badges = [sc.linked.badge(s) for s in ("w1_1_1", "w2_3_2", "b3_1")]
    for b in badges:
        assert b is not None
        frame = sc.folding.frame(gs.group_of(b.source))
        for z in ZOOMS:
            r, _px, _text = b.rect_at(z)
            assert frame.outline().contains(b.mapRectToScene(r)), (b.source, z)


def test_one_readable_size_for_every_pill_at_a_zoom_and_the_label_far_out(mlp_open):
    sc = mlp_open.scene
    copies = sc.linked.copies()
    for z in ZOOMS:
        sizes = {c.rect_at(z).size().toTuple() for c in copies}
        assert len(sizes) == 1, (z, sizes)  # each pill fitted its own text before
        pxs = set()
        for c in copies:
            lines, px = c.texts(z)
            assert lines, (c.key, z)  # far out an empty dashed box before
            pxs.add(px)
            assert px * z >= MIN_PX - 0.01, (c.key, z, px)  # as readable as the cards around
        assert len(pxs) == 1, (z, pxs)
    b = sc.linked.badge("w1_1_1")
    for z in (*ZOOMS, 0.22):  # the badge too: "×4" where "×4 copies" does not fit beside the card
        _r, px, text = b.rect_at(z)
        assert px * z >= MIN_PX - 0.01 and text in ("×4 copies", "×4"), z
        lines, px = copies[0].texts(z)
        assert not lines or px * z >= MIN_PX - 0.01  # never drawn too small to read (a chip then)
    # at 28 %, where the cards write their names or numbers large, the pills write the leaf's name
    assert all(c.texts(0.28)[0] == [mlp_open.model.label(c.source)] for c in copies)


def _painted(c, zoom: float) -> QImage:
    img = QImage(600, 300, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    r = c.rect_at(zoom)
    p.scale(zoom * 2, zoom * 2)
    p.translate(-r.left() + 5, -r.top() + 5)
    c.paint(p, QStyleOptionGraphicsItem())
    p.end()
    return img


def test_a_pills_gradient_is_coloured_as_the_cards_are(qtbot, mlp_open):
    w = mlp_open
    sc = w.scene
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    lk = sc.linked
    signs = {}
    for c in lk.copies():
        g = lk.carried(c.key)
        if g is not None and abs(g) > 0.05 * grad_colors.scale():
            signs.setdefault(g > 0, c)
    assert set(signs) == {True, False}
    # near, every pill writes its value and gradient as the cards do (four decimals; at 80 %,
    # three digits, as every card then; a gradient as every card at the zoom writes it: zoom_digits.py)
    for z in (1.0, 0.9, 0.85, 0.8):
        for c in lk.copies():
            v, g = w.model.value(c.source), lk.carried(c.key)
            uses = [lk.carried((c.source, t, p)) for t, p in w.model.consumers(c.source)]
            if "e" not in fmt_card(v) + fmt_card(g):  # (−5.465e−5: shorter, as on a card too narrow)
                line = c.texts(z)[0][1]
                grad = grad_forms_at(g, needed_px(z))[0]
                if z == 0.8 or abs(g) < 0.01:  # (its value shorter where it must be: a value is no
                    # gradient; under 0.01 a gradient in the zoom's digits, "0.00935" or "0.0093")
                    assert grad in (number_forms(g, True)[1], number_forms(g, True)[2]), (z, grad)
                    assert line in [f"{t} ∇{grad}" for t in number_forms(v)[:3]], line
                elif min(abs(x) for x in uses) < 0.01:  # (and where another copy's must: a leaf's
                    # copies write its value alike, verify 57: "5 ∇0.00296" beside "5.0000 ∇0.0338")
                    assert line in [f"{t} ∇{fmt_card(g)}" for t in number_forms(v)[:3]], line
                else:
                    assert line == f"{fmt_card(v)} ∇{fmt_card(g)}", (z, c.key)
    for c in signs.values():
        g = lk.carried(c.key)
        want = grad_colors.text_color(g)
        img = _painted(c, 1.0)
        colours = {img.pixelColor(x, y).rgb() for x in range(img.width()) for y in range(img.height())}
        near = [
            q
            for q in map(QColor.fromRgb, colours)
            if abs(q.red() - want.red()) + abs(q.green() - want.green()) + abs(q.blue() - want.blue()) < 30
        ]
        assert near, (c.key, g, want.name())  # blue for negative, red for positive (orange for both before)
        other = grad_colors.text_color(-g)
        assert not any(
            abs(q.red() - other.red()) + abs(q.green() - other.green()) + abs(q.blue() - other.blue()) < 30
            for q in map(QColor.fromRgb, colours)
        )


def test_the_tooltip_has_a_line_per_fact_in_the_cards_format(mlp_open):
    sc, m = mlp_open.scene, mlp_open.model
    c = next(c for c in sc.linked.copies() if c.source == "w1_1_1")
    tip = sc.linked.tooltip(c.key)
    lines = tip.split("<br>")
    assert lines[0].startswith("linked copy of <b>w1.1.1</b> (layer 1 weights) — used 4 times")
    assert lines[1].startswith("value: ")
    assert "click to go to it" in lines[-1] and "value" not in lines[-1]  # no run-on line
    v = c.texts(1.0)[0][1]
    assert v == fmt_card(m.value("w1_1_1"))  # the pill's number as the card writes it
    assert sc.node_item("w1_1_1").value_text == v


def test_a_lit_wire_passes_under_the_pills_it_crosses(mlp_open):
    """Backward lifts a lit wire over the cards (gui/canvas/zoom_detail.py),
    so it was drawn over the pills' text: it passes under them now."""
    from PySide6.QtGui import QPainterPath, QPainterPathStroker

    sc = mlp_open.scene
    pills = [(c, c.scene_rect()) for c in sc.linked.copies()]
    pair = None
    for e in sc.wires.made_items():
        if e.linked():
            continue
        line = QPainterPathStroker()
        line.setWidth(2)
        stroke = line.createStroke(e.path())
        for c, r in pills:
            inner = QPainterPath()
            inner.addRect(r.adjusted(4, 4, -4, -4))
            if c.key[1] != e.target and stroke.intersects(inner):
                pair = (e, r)
                break
        if pair:
            break
    assert pair is not None  # (a wire between a neuron's columns crosses a pill)
    e, r = pair
    e.set_flow("∂ carried back")
    img = QImage(round(r.width()) + 40, round(r.height()) + 40, QImage.Format.Format_ARGB32)
    img.fill(0)
    p = QPainter(img)
    p.translate(20 - r.left(), 20 - r.top())
    opt = QStyleOptionGraphicsItem()
    opt.exposedRect = r.adjusted(-20, -20, 20, 20)
    e.paint(p, opt)
    p.end()
    inside = [
        (x, y)
        for x in range(22, 18 + round(r.width()))
        for y in range(22, 18 + round(r.height()))
        if img.pixelColor(x, y).alpha() > 0
    ]
    outside = [
        (x, y) for x in range(img.width()) for y in range(img.height()) if img.pixelColor(x, y).alpha()
    ]
    assert outside and not inside  # drawn up to the pill, not over it


def test_what_the_copies_reach_follows_folds_worked_out_for_the_wires_that_changed(mlp_open):
    """A fold changes which wires are linked: what the cards' copies reach
    (the frames hold it) is worked out again for the cards at the ends of
    those wires only, and is then what a whole pass over the linked wires gives."""
    w = mlp_open
    lk, gs = w.scene.linked, w.model.groups
    rc = lk.copy_reach  # (gui/canvas/linked/reach.py)
    assert lk.reach() is not None and rc._ends == rc._whole_reach(lk.rule.every_key())
    calls: list[str] = []
    real = rc._reach_of
    rc._reach_of = lambda n: calls.append(n) or real(n)
    for gid, collapsed in (("params1", True), ("n2_1_1", True), ("params1", False), ("n2_1_1", False)):
        gs.set_collapsed(gid, collapsed)
        QApplication.processEvents()
        got = lk.reach()  # kept up to date in place: as one made afresh from the whole pass
        assert rc._ends == rc._whole_reach(lk.rule.every_key()), gid
        rc._reaches = None
        fresh = lk.reach()
        assert (got.lefts, got.lows) == (fresh.lefts, fresh.lows), gid
        sc_frames = w.scene.folding
        for g in gs:
            f = sc_frames.frame(g.id)
            if f is not None and f.isVisible():
                inner = [c for c in lk.copies() if gs.group_of(c.key[1]) == g.id and c.isVisible()]
                for c in inner:
                    assert f.outline().contains(c.mapRectToScene(room_rect(c.arity, c.key[2]))), (gid, g.id)
    assert 0 < len(calls) < 4 * 80  # the ends of the wires that changed, not every card's


def test_after_auto_layout_pills_and_badges_lie_in_frames_clear_of_each_other(mlp_open):
    """Auto Layout with the groups open leaves each pill and badge its room
    (LINK_ROOM): inside its frames, clear of the cards, and sibling frames
    holding them do not lie over one another."""
    w = mlp_open
    w.action_layout.trigger()
    QApplication.processEvents()
    sc, gs = w.scene, w.model.groups
    sc.detail.reveal_all()
    QApplication.processEvents()
    cards = {n: _card(sc, n) for n, it in sc.node_map().items() if it.isVisible()}
    for c in sc.linked.copies():
        room = c.mapRectToScene(room_rect(c.arity, c.key[2]))
        assert not [n for n, r in cards.items() if n != c.key[1] and r.intersects(room)], c.key
        g = gs.group_of(c.key[1])
        while g is not None:
            assert sc.folding.frame(g).outline().contains(room), (c.key, g)
            g = gs.get(g).parent
    for s in ("w1_1_1", "w2_3_2", "b3_1", "w1_4_3"):
        b = sc.linked.badge(s)
        r, _px, _text = b.rect_at(0.3)
        assert sc.folding.frame(gs.group_of(s)).outline().contains(b.mapRectToScene(r)), s
    for parent in {None, *(g.id for g in gs)}:
        kids = [sc.folding.frame(g).outline() for g in gs.children(parent)]
        for i, a in enumerate(kids):
            assert not any(a.intersects(b) for b in kids[i + 1 :]), parent


def _near_colour(img: QImage, want: QColor) -> bool:
    colours = {img.pixelColor(x, y).rgb() for x in range(img.width()) for y in range(img.height())}
    return any(
        abs(q.red() - want.red()) + abs(q.green() - want.green()) + abs(q.blue() - want.blue()) < 30
        for q in map(QColor.fromRgb, colours)
    )


def _forms_of(v: float) -> list[str]:
    """What a pill may write of ``v``: number_forms's, with a hyphen for the minus sign too."""
    forms = list(number_forms(v))
    return forms + [t.replace("−", "-") for t in forms]


def test_at_half_zoom_a_pill_writes_its_number_after_its_label(qtbot, mlp_open):
    """A trial: at the folded MLP's zoom (52 %, a layer opened in it) the
    pills wrote the leaf's name alone. One line now holds the name and a
    short number: the value, and during a pass this use's gradient in the
    cards' gradient colours. Never in one digit, always with its leading zero
    (trial 49: "w ∇−.05"; number_forms)."""
    w = mlp_open
    lk, m = w.scene.linked, w.model
    for c in lk.copies():
        (line,), px = c.texts(0.52)
        label, _sep, number = line.rpartition(" ")
        assert label == m.label(c.source) and px * 0.52 >= MIN_PX - 0.01, line
        assert number in _forms_of(m.value(c.source)), line
        # a little further out, every pill still ("w2.4.2 −0.09": to hundredths, as its
        # neighbours' two digits), not some with their names alone among others with values
        # (a trial, at 47 %)
        (line,), px = c.texts(0.47)
        label, _sep, number = line.rpartition(" ")
        assert label == m.label(c.source), line
        assert number in _forms_of(m.value(c.source)), line
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    big = [c for c in lk.copies() if abs(lk.carried(c.key)) > 0.05 * grad_colors.scale()]
    assert big
    written = []
    for c in big:
        (line,), _px = c.texts(0.52)
        label, sep, number = line.rpartition(" ∇")
        if not sep:  # ("w2.4.3 ∇−0.86" is wider than its pill: every copy its name alone, trial 71 #3)
            assert line == m.label(c.source), line
            continue
        assert label == m.label(c.source), line
        assert number in {*number_forms(lk.carried(c.key)), *number_forms(lk.carried(c.key), True)}, line
        written.append(c)
    # (every copy its part, or none: trial 71 saw x1[1]'s largest part left out beside others written)
    assert len(written) in (0, len(big)), (len(written), len(big))
    if written:
        c = written[0]
        assert _near_colour(_painted(c, 0.52), grad_colors.text_color(lk.carried(c.key)))


def test_a_pill_with_a_tiny_gradient_still_writes_it_after_its_label(qtbot, mlp_open):
    """A trial: at 49 % after Backward, pills whose gradient is tiny (a
    saturated neuron's, near 1e−4) said their names alone among others with
    gradients. Trial 71 #3: then "w1.4.2 ∇≈0" (−5.2e−4) beside "x3[1] ∇1e−4".
    At one zoom every pill writes its part in one form or every pill says its
    name alone (never "≈0", never "∇−.006"); where two lines fit, a tiny one
    writes its two digits ("∇−1.7e−4"), as a larger one does."""
    w = mlp_open
    lk, m = w.scene.linked, w.model
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    tiny = 0
    for zoom in (0.52, 0.49, 0.47, 0.8):
        said = set()
        for c in lk.copies():
            g = lk.carried(c.key)
            if not g:
                continue
            lines, _px = c.texts(zoom)
            label, sep, number = lines[-1].rpartition("∇")
            said.add(bool(sep))
            if not sep:
                assert lines == [m.label(c.source)], (zoom, lines, g)
                continue
            assert (lines[0] if len(lines) == 2 else label.rstrip()) == m.label(c.source), (zoom, lines, g)
            assert number != "≈0", (lines, g)
            tiny += zoom == 0.8 and abs(g) < 0.01
            forms = [*number_forms(g), *number_forms(g, True), *(t[1:] for t in tiny_grads(g))]
            assert number in forms, (lines, g)
        assert len(said) == 1, zoom  # (all, or none)
    assert tiny >= 3, tiny


def test_the_tooltip_says_a_use_is_one_part_of_the_gradients_sum(mlp_open):
    """A trial read "its 1 copies' add up to its gradient" on a weight used 4
    times: the tooltip says this use's part is one of the 4 that add up to
    the gradient (and what that is now), or that it has sent nothing yet."""
    from core.explain.format import fmt_full
    from core.graph.backward import backward

    w = mlp_open
    lk = w.scene.linked
    c = next(c for c in lk.copies() if c.source == "w1_1_1")
    w.view.setFocus()
    QTest.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Backward
    QApplication.processEvents()
    assert "this use has sent nothing back so far" in lk.tooltip(c.key).split("<br>")
    QTest.keyClick(w.view, Qt.Key.Key_End)  # Skip to End
    QApplication.processEvents()
    lines = lk.tooltip(c.key).split("<br>")
    g = lk.carried(c.key)
    total = backward(w.model).grads["w1_1_1"]
    assert g is not None and f"this use sends back: {fmt_full(g)}" in lines
    assert f"one of the 4 parts that add up to w1.1.1.grad (now {fmt_full(total)})" in lines
    parts = [lk.carried(("w1_1_1", t, p)) for t, p in w.model.consumers("w1_1_1")]
    assert len(parts) == 4 and abs(sum(parts) - total) < 1e-12


def test_the_copies_of_one_leaf_write_its_value_in_one_form(qtbot, mlp_open):
    """Verify 57: x1[1] set to 5 after a whole pass, at 70 % its copies read
    "5 ∇0.00296" in neuron 1.1 [1] and "5.0000 ∇0.0338" in neuron 1.2 [1]: each
    shortened the value by the width of its own gradient. The copies of a leaf
    write its value alike: as short as the one with the widest gradient needs."""
    w = mlp_open
    run_to_end(qtbot, w)
    w.scene.select_ids(["x1_1"])  # (the card clicked) and 5 typed as its value in Properties
    QApplication.processEvents()
    field = w.properties.value_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "5")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert w.model.value("x1_1") == 5.0
    w.view.set_zoom(0.7)
    w.view.centerOn(w.scene.node_item("m1_1_1_1"))
    QApplication.processEvents()
    w.scene.detail.reveal_all()
    lk = w.scene.linked
    for source in ("x1_1", "x2_1", "x3_1"):
        pills = [c for c in lk.copies() if c.source == source]
        assert len(pills) == 4 and all(lk.carried(c.key) is not None for c in pills)
        lines = [c.texts(0.7)[0][1] for c in pills]
        values = {line.partition(" ∇")[0] for line in lines}
        assert len(values) == 1 and all(" ∇" in t for t in lines), lines
        (value,) = values
        assert value in _forms_of(w.model.value(source)), lines
        for c, line in zip(pills, lines, strict=True):  # each its own use's gradient, in the zoom's form
            g = lk.carried(c.key)
            assert line.partition(" ∇")[2] in {*number_forms(g), *number_forms(g, True)}, line
