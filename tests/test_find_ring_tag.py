"""Find's ring around a match leaves the card's output tag readable: it went round the card
alone and its stroke crossed the "output" tag over h3999 (a big chain's end)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox
from test_navigation_gui import open_find, type_text
from window_helpers import action, answers, tmp_settings, type_formula, window  # noqa: F401

from gui.common import style as S


def h3999_typed(qtbot, w, answers):
    """A new graph typed in the f(x) bar: x = 3 and its output h3999 = x*x."""
    w.resize(1600, 1000)
    answers.save_changes = QMessageBox.StandardButton.Discard
    action(w, "new").trigger()
    type_formula(qtbot, w, "x = 3; h3999 = x*x", dialogs=False)
    return w


def test_the_find_ring_goes_round_the_output_tag_not_over_it(qtbot, window, answers):
    w = h3999_typed(qtbot, window, answers)
    open_find(qtbot, w)
    type_text(qtbot, w, "h3999")
    card = w.scene.node_item(w.model.output)
    tag = next(t for t in card.texts_at(w.view.zoom) if t.kind == "badge")
    assert tag.text == "output" and w.navigation.find.marker.isVisible()
    tag_box = card.mapRectToScene(tag.box)
    ring = w.navigation.find.marker.boundingRect()
    assert ring.contains(tag_box)
    # no pixel of the ring's colour on the tag (its stroke crossed the word)
    img = w.view.viewport().grab().toImage()
    box = w.view.mapFromScene(tag_box).boundingRect()
    mark = QColor(S.FIND_MARK)

    def ring_coloured(c: QColor) -> bool:
        return abs(c.red() - mark.red()) + abs(c.green() - mark.green()) + abs(c.blue() - mark.blue()) < 60

    dpr = img.devicePixelRatio()
    hits = [
        (x, y)
        for x in range(box.left(), box.right())
        for y in range(box.top(), box.bottom())
        if ring_coloured(img.pixelColor(int(x * dpr), int(y * dpr)))
    ]
    assert hits == []


def test_from_far_out_the_ring_takes_the_tag_drawn_at_the_zoom_it_comes_to(qtbot, window, answers):
    """Far out a card draws no tag and the ring goes round the card alone; Find from there
    comes to 100 %, where the tag is drawn: the ring goes round it."""
    w = h3999_typed(qtbot, window, answers)
    w.view.set_zoom(0.1)
    card = w.scene.node_item(w.model.output)
    assert not [t for t in card.texts_at(0.1) if t.kind == "badge"]
    open_find(qtbot, w)
    type_text(qtbot, w, "h3999")
    assert w.view.zoom == 1.0
    tag = next(t for t in card.texts_at(1.0) if t.kind == "badge")
    assert w.navigation.find.marker.boundingRect().contains(card.mapRectToScene(tag.box))
