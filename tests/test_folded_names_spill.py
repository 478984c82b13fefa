"""fix60's leftover of issue 10 (every label and value on screen at 11 px or more with the MLP fitted
in 1600×1000): zoomed out to 26–36 % (the keys' steps from the fit; End after opening a layer
mid-pass lands at 27 %), a folded card of one row had no room for two lines of 11 px, so its
name was cut: "layer 1 wei…", "1 weig…", "… 3 [1]". Now such a short card's name takes its two
lines over the card's top and bottom edges (on a light back, within the card's bounds): whole."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX
from gui.common import style as S

#: The zooms where the MLP's folded cards draw their own names (26–36 %, by the hundredth).
ZOOMS = [z / 100 for z in range(26, 37)]


def test_no_folded_cards_name_is_cut_at_26_to_36_percent_and_every_text_reads_at_11_px(qtbot, window):
    w = window
    show_mlp(qtbot, w)  # Graph › Insert MLP: its layers folded, fitted in 1600×1000
    QApplication.processEvents()
    cards = [c for c in w.scene.folding.cards() if c.isVisible()]
    assert len(cards) == 16
    seen = set()
    for z in ZOOMS:
        w.view.set_zoom(z)
        QApplication.processEvents()
        assert S.FAR_ZOOM_FEW <= w.view.zoom < 0.37 and not any(c.far for c in cards)
        for c in cards:
            texts = c.texts_at(z)
            names = [t for t in texts if t.kind == "name"]
            assert names, (z, c.label)  # its name drawn, and whole: no "…", every word of it
            said = " ".join(t.text for t in names)
            assert "…" not in said and said.split() == c.label.split(), (z, c.label, said)
            for t in texts:  # every text it draws at 11 px or more on screen
                assert t.px * z >= MIN_PX - 0.05, (z, c.label, t.text, t.px * z)
            for t in names:  # within what the card paints (its bounds): not cut by them
                assert c.boundingRect().contains(t.rect), (z, c.label, t.text)
            seen.add((c.label, len(names)))
    assert ("layer 1 weights", 2) in seen and ("layer 3 [1]", 2) in seen  # (the short cards, on two lines)
