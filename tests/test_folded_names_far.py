"""Folded group cards' names at 20 to 31 % (issue 10; a new user's trial):
a card one row high has room for one line of ten characters or fewer at
the size that reads as 11 px, and "layer 1 weights" was cut at its end,
"layer 1…" (or nothing at 20 %): read as one more of the "layer 1 [k]"
cards beside it. Now the cut keeps what tells the card apart: its number
and its last word, "…1 weights" where that fits, else "1 weights" or
"1 weig…"; never the 11 px minimum given up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX


def test_weights_cards_keep_their_number_and_kind_when_zoomed_out(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    w.view.setFocus()
    cards = {c.label: c for c in w.scene.folding.cards()}
    seen_zooms = 0
    for _ in range(12):
        qtbot.keyClick(w.view, Qt.Key.Key_Minus)  # zoom out, as a user does, through 20-31 %
        QApplication.processEvents()
        z = w.view.transform().m11()
        if not 0.2 <= z <= 0.31 or w.scene.far:
            continue
        seen_zooms += 1
        for n in (1, 2):
            c = cards[f"layer {n} weights"]
            names = [t for t in c.texts_at(z) if t.kind == "name"]
            assert names, (z, n)
            shown = " ".join(t.text for t in names)
            # which layer, and what kind of card: its first words where they fit ("layer 1 w…")
            assert str(n) in shown and ("wei" in shown or shown.startswith(f"layer {n} w")), (z, shown)
            assert all(t.px * z >= MIN_PX - 1e-6 for t in names)
    assert seen_zooms >= 2


def test_folded_names_are_cut_at_word_boundaries_only(qtbot, window):
    """A trial at 26 % and 21 %: the layer 3 [k] cards read "…r 3 [1]", a
    word cut in its middle. Now a cut start drops whole words ("… 3 [1]"),
    keeps the card's number, and a card tall enough for two lines at 11 px
    gets two ("layer 2 / [1]")."""
    from gui.canvas.cards.card_text import line_height, needed_px

    w = window
    show_mlp(qtbot, w)
    w.view.setFocus()
    seen_zooms = 0
    for _ in range(14):
        qtbot.keyClick(w.view, Qt.Key.Key_Minus)
        QApplication.processEvents()
        z = w.view.transform().m11()
        if not 0.2 <= z <= 0.31 or w.scene.far:
            continue
        seen_zooms += 1
        for c in w.scene.folding.cards():
            names = [t.text for t in c.texts_at(z) if t.kind == "name"]
            shown = " ".join(names)
            if c.label.startswith("layer 3 ["):
                assert names and "3" in shown and c.label[-3:] in shown, (z, c.label, names)
            if shown.startswith("…"):  # cut at its start: whole words after the cut
                kept = shown.lstrip("…").lstrip(" ")
                assert c.label.endswith(" " + kept), (z, c.label, shown)
            room = (c.rect().height() - 6) // line_height(needed_px(z), True)
            if room >= 2 and " " in c.label and names != [c.label]:
                assert len(names) >= 2, (z, c.label, names)
    assert seen_zooms >= 2


def test_weights_cards_keep_their_first_word_at_a_third(qtbot, window):
    """A trial at 33 %: the folded weights cards read "1 weights" and "2
    weights", their first word cut. A name cut to fit keeps its start and
    loses its end ("layer 1 we…"), still at least 11 px on screen."""
    w = window
    show_mlp(qtbot, w)
    w.view.setFocus()
    seen_zooms = 0
    for _ in range(12):
        qtbot.keyClick(w.view, Qt.Key.Key_Minus)
        QApplication.processEvents()
        z = w.view.transform().m11()
        if not 0.3 <= z <= 0.45 or w.scene.far:
            continue
        seen_zooms += 1
        for c in w.scene.folding.cards():
            if not c.label.endswith("weights"):
                continue
            names = [t for t in c.texts_at(z) if t.kind == "name"]
            shown = " ".join(t.text for t in names)
            n = c.label.split()[1]
            assert shown.startswith(f"layer {n} w"), (z, c.label, shown)
            assert all(t.px * z >= MIN_PX - 1e-6 for t in names), (z, c.label)
    assert seen_zooms >= 2
