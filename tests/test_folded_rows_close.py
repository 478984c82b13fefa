"""A zoomed-out folded card sets its lines closer where that keeps its rows
(a trial of issue 10: Backward, End, then Fit at 49 %: the MLP's layer
cards showed their names only, their four outputs' gradients dropped for
want of a fifth line's height). Each text stays at 11 px or more."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX, line_height, needed_px
from gui.canvas.folding.group_card import GroupCard

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_finished_mlp_fitted_shows_each_layers_outputs(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)  # Backward
    qtbot.keyClick(w.view, Qt.Key.Key_End)  # to its end
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit
    QApplication.processEvents()
    z = w.view.zoom
    assert 0.46 < z < 0.53  # (where five lines of a layer's card did not fit)
    layers = [c for c in w.scene.folding.cards() if c.isVisible() and c.label.startswith("layer 1 [")]
    assert len(layers) == 4
    for c in layers:
        texts = c.texts_at(z)
        rows = [t for t in texts if t.kind == "row"]
        assert [t.text.split(" ")[0] for t in rows] == [p.name for p in c.outputs], (c.label, texts)
        assert all("∇" in t.text for t in rows)
        assert [t.text for t in texts if t.kind == "name"] == [c.label]
        for i, t in enumerate(texts):
            assert t.px * z >= MIN_PX - 1e-9
            assert c.rect().contains(t.rect)
            assert all(not t.rect.intersects(o.rect) for o in texts[i + 1 :])


def test_lines_come_closer_only_where_the_rows_need_it(qapp):
    """A card with room for its name and rows at their usual spacing keeps
    it; a card a little short of it sets its rows closer under its name,
    never closer than 0.9 of a line; shorter still, the range of their gradients under its name."""
    from gui.canvas.folding.group_rows import Port

    card = GroupCard("g", lambda _g: None, lambda *_a: None, lambda _g: None)
    outs = [Port(f"n{i}", f"h1.{i}[1]", 0.5, -0.25 * i) for i in range(1, 5)]
    card.set_content("layer 1 [1]", 28, [], outs)
    box_h = card.rect().height() - 6
    for need in range(16, 30):
        texts = card._layout(need)
        lh = line_height(need, True)
        rows = [t for t in texts if t.kind == "row"]
        if box_h >= 5 * lh:  # room at the usual spacing
            assert len(rows) == 4 and all(t.rect.height() == lh for t in texts)
        elif box_h >= lh + 4 * 0.9 * lh:  # (the name a whole line)
            assert len(rows) == 4 and all(0.9 * lh <= t.rect.height() < lh for t in rows)
            assert [t.rect.height() for t in texts if t.kind == "name"] == [lh]  # (its descenders clear)
        else:  # too short for them: under the name the range of their gradients (in two
            # digits each, "−1.0" beside "−0.25"), or narrower their largest size
            assert [t.text for t in rows] in (["∇−1.0000 to −0.2500"], ["∇−1.0 to −0.25"], ["|∇| ≤ 1.0"]), (
                need
            )
    assert needed_px(0.49) in range(16, 30)


def test_the_finished_picture_of_the_mlp_shows_each_layers_outputs(qtbot, window):
    """A trial: Backward, End: the finished picture framed the MLP with room
    for the notes under its cards (at 47 %, where no note is drawn) and the
    layer cards showed their names alone. No room is kept for notes where
    none is drawn: the layers' outputs and their gradients are shown (the
    trial's canvas: 1,030 px wide beside the tutorial's and the panels' docks)."""
    w = window
    show_mlp(qtbot, w, width=1426)
    QApplication.processEvents()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)  # Backward
    qtbot.keyClick(w.view, Qt.Key.Key_End)  # to its end: the finished picture
    QApplication.processEvents()
    z = w.view.zoom
    layers = [c for c in w.scene.folding.cards() if c.isVisible() and c.label.startswith("layer 1 [")]
    assert len(layers) == 4
    for c in layers:
        rows = [t for t in c.texts_at(z) if t.kind == "row"]
        assert len(rows) == 4 and all("∇" in t.text for t in rows), (c.label, z, w.view.viewport().width())
