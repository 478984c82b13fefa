"""Zoomed out, where a card gives its face to its name and numbers (a new
user's trial): cards with a negative value were blank beside positive
neighbours ("−1.5" is wider than "1.6"), names were cut to stubs that said
nothing and read alike ("x…]" on every input), and every layer's folded
card read "lay…"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX, short_name, wrap

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def vanishing_expanded(qtbot, w):
    """The vanishing-gradient example, every layer open, in a 1600×1000 window."""
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_path(EX / "vanishing_tanh.mgraph")
    w.grouping.expand_all()
    QApplication.processEvents()
    return w


@pytest.mark.parametrize("zoom", [0.21, 0.24, 0.28])
def test_every_card_of_the_vanishing_chain_shows_a_number_or_its_name(qtbot, window, zoom):
    w = vanishing_expanded(qtbot, window)
    negative = 0
    for n in w.model.nodes():
        it = w.scene.node_item(n)
        texts = [t for t in it.texts_at(zoom) if t.kind in ("label", "value")]
        assert texts, (w.model.label(n), w.model.value(n), zoom)  # never a blank block
        assert all(t.screen_px(zoom) >= MIN_PX for t in texts)
        if (w.model.value(n) or 0) < -1:
            negative += 1
            values = [t.text for t in texts if t.kind == "value"]
            assert not values or values[0].lstrip("−-")[:1].isdigit()
    assert negative >= 3  # the trial's h5·w6, h6·w7, h9·w10 among them


def test_a_stub_of_a_name_is_left_out_but_one_that_keeps_its_index_stays(qapp):
    from gui.canvas.cards.card_text import needed_px
    from gui.canvas.painting import CARD_RECT

    width = CARD_RECT.width() - 12
    assert short_name("x1[2]", needed_px(0.24), True, width) is None  # was "x…]"
    assert short_name("h1.1[1]", needed_px(0.28), True, width) is None  # was "h…]"
    kept = short_name("ypred − y [4]", needed_px(0.38), True, width)
    assert kept is not None and kept.endswith("4]") and "…" in kept
    assert short_name("x1[2]", needed_px(1.0), True, width) == "x1[2]"


def test_a_layers_folded_card_far_out_keeps_its_index(qapp):
    """ "layer 3 [4]" too wide for a far card's line: the end stays ("…3 [4]"),
    not "lay…" on all nine layers' cards alike; and never "… [4]", which
    layer 1's, 2's and 3's cards read alike (a trial: "… [1]" twice at 18 %):
    then no name at all."""
    from gui.canvas.cards.card_text import metrics

    px = 40
    fm = metrics(px, True)
    full = fm.horizontalAdvance("layer 3 [4]")
    (line,) = wrap("layer 3 [4]", px, True, full * 0.75, 1)
    assert line.startswith("…") and line.endswith("3 [4]"), line
    assert wrap("loss of the graph", px, True, full * 0.6, 1)[0].startswith("loss")  # no index: its start
    shown = [wrap("layer 3 [4]", px, True, full * k / 100, 1) for k in range(30, 101)]
    assert [] in shown  # too narrow for more than "… [4]": nothing
    for lines in shown:
        assert lines != ["… [4]"] and all("3" in t for t in lines), lines


def test_a_nested_frame_whose_name_cannot_be_read_draws_no_empty_tab(qtbot, window):
    """The MLP's layer opened at 32 %: its neurons' frames showed blank tab
    strips (their names too small to draw there)."""
    from PySide6.QtGui import QImage, QPainter, QTransform

    w = window
    show_mlp(qtbot, w)
    w.grouping.expand_all()
    w.view.set_zoom(0.32)  # near enough for tabs (not the far-out regions)
    QApplication.processEvents()
    assert not w.scene.far
    frame = next(
        f
        for g in w.model.groups
        if g.parent is not None and (f := w.scene.folding.frame(g.id)) is not None and f.depth > 0
    )
    zoom = 0.32
    assert frame.texts_at(zoom) == []  # no readable name on a nested tab there
    tab = frame.title_rect()
    img = QImage(400, 200, QImage.Format.Format_ARGB32)
    img.fill(0xFFFFFFFF)
    p = QPainter(img)
    p.setTransform(QTransform.fromScale(zoom, zoom).translate(-tab.left() + 20, -tab.top() + 20))
    frame.paint_frame(p)
    p.end()
    at = QTransform.fromScale(zoom, zoom).translate(-tab.left() + 20, -tab.top() + 20).map(tab.center())
    assert img.pixelColor(at.toPoint()).name() != "#d9dff5"


def test_where_no_tab_is_drawn_a_click_folds_nothing(qtbot, window):
    """The review: the tab drawn no more still took clicks, so a click on
    what looked like the frame's empty margin folded a neuron."""
    from PySide6.QtCore import QPointF, Qt

    w = window
    show_mlp(qtbot, w)
    w.grouping.expand_all()
    w.view.set_zoom(0.32)
    QApplication.processEvents()
    v = w.view
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    groups = w.model.groups
    g = next(
        g
        for g in groups
        if (f := w.scene.folding.frame(g.id)) is not None
        and f.depth > 0
        and f.isVisible()
        and seen.contains(f.outline().topLeft() + QPointF(40, 40))
    )
    f = w.scene.folding.frame(g.id)
    assert f.texts_at(0.32) == []
    where = f.outline().topLeft() + QPointF(14.0, 10.0)  # where its ▾ was
    assert w.scene.folding.at(where) is None or w.scene.folding.at(where) != ("tab", g.id)
    qtbot.mouseClick(v.viewport(), Qt.MouseButton.LeftButton, pos=v.mapFromScene(where))
    QApplication.processEvents()
    assert not groups.get(g.id).collapsed


def test_a_small_negative_weight_far_out_writes_its_digit_not_a_blank_block(qtbot, window):
    """The opened layer-2 weights laid out at 22 %: −0.0781 and −0.0857 were
    solid blocks among "−0.9", "0.33" (one digit, "−0.08", wider than the
    card); its leading zero goes first now: "-.08"."""
    from test_weights_open_column_t71 import open_weights

    w = window
    w.resize(1600, 1000)
    open_weights(qtbot, w)
    w.action_layout.trigger()
    QApplication.processEvents()
    zoom = w.view.zoom
    assert zoom < 0.26  # (the whole MLP with one group open, fitted)
    small = [n for n in w.model.nodes() if w.model.op(n) == "leaf" and -0.1 < (w.model.value(n) or 1) < -0.05]
    assert small
    for n in small:
        texts = [t for t in w.scene.node_item(n).texts_at(zoom) if t.kind in ("label", "value")]
        assert texts, (w.model.label(n), w.model.value(n), zoom)  # never a blank block
        v = w.model.value(n)
        shown = texts[0].text.replace("−", "-")
        assert shown in (f"{v:.1g}", f"{v:.1g}".replace("0.", ".", 1)), (shown, v)
