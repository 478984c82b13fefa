"""Text shortened to a width without cutting a number (or any word) in two.

Qt's elision cuts where the width runs out: a caption read "1.05e−" and a
folded card's row "∇0…11" for 0.00011 (trial 52), numbers that mislead on a
slide. Here a text loses whole words from its end, and "…" says so."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QFontMetricsF


def elide_words(text: str, fm: QFontMetrics | QFontMetricsF, width: float) -> str:
    """``text`` if it fits ``width``; else its first whole words and " …"
    (or "…" alone where not even one word fits): never a word or a number cut."""
    if fm.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    for n in range(len(words) - 1, 0, -1):
        head = " ".join(words[:n])  # (a prefix of the text, as it is: its tooltip starts so)
        if head and fm.horizontalAdvance(head + " …") <= width:
            return head + " …"
    return "…"
