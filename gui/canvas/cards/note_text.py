"""A note under a card (the finished pass's ``x.grad = a + b + … = total``)
shortened to a width its neighbours leave it: the name, the first and last
terms and the total stay, the middle terms become "…" (or the terms their
count: "Σ of 4"); another note loses whole words at its end.
The whole sum stays in the card's tooltip and the Chain Rule panel."""

from __future__ import annotations

from gui.canvas.cards.card_text import metrics
from gui.common import style as S
from gui.common.whole_words import elide_words

#: The widest a note is drawn (scene units): three cards, so the sums under
#: a column of cards do not run under the next column (the MLP's columns).
NOTE_MAX_W = 3 * S.NODE_W
#: Room around a note's text in its box (scene units, both sides together).
NOTE_PAD = 14.0


def note_forms(note: str) -> list[str]:
    """``note`` and its shorter sums, longest first: the middle terms left
    out, then the terms their count (a note that is no sum: itself)."""
    head, eq, rest = note.partition(" = ")
    terms_text, eq2, total = rest.rpartition(" = ")
    terms = terms_text.split(" + ") if eq and eq2 else []
    if len(terms) > 2:
        middle_out = f"{head} = {terms[0]} + … + {terms[-1]} = {total}"
        return [note, middle_out, f"{head} = Σ of {len(terms)} = {total}"]
    return [note]


def note_for_width(note: str, px: int, width: float = NOTE_MAX_W - NOTE_PAD) -> str:
    """``note`` if it fits ``width`` at ``px``; else its sum with the middle
    terms left out; else its first whole words (a number never cut: "1.05e−", trial 52)."""
    m = metrics(px, False)
    for form in note_forms(note):
        if m.horizontalAdvance(form) <= width:
            return form
    return elide_words(note, m, width)
