"""Far out a linked copy still says whose copy it is. The micrograd README's
example, imported (Insert's linked copies of a and b: 'a' is used eight
times), fitted at 21 % in a trial's window: each of its eight copies was a
blank dashed chip, the cards beside them writing their names and values
large. Between 20 % (where the overview draws the graph) and 26 % (where
the pill's one line fits inside it) a copy writes its label and value at the
readable size, its capitals within the pill."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from snippets import MICROGRAD_README
from window_helpers import answers, drop_code, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX, metrics
from gui.canvas.linked.copy_item import CopyItem


def copies(w) -> list[CopyItem]:
    return [it for it in w.scene.items() if isinstance(it, CopyItem) and it.isVisibleTo(None)]


def test_the_readme_s_copies_say_their_names_zoomed_out(window, tmp_path):
    w = window
    drop_code(w, tmp_path, MICROGRAD_README)
    shown = copies(w)
    assert len(shown) == 8
    for zoom in (0.2, 0.21, 0.23, 0.25, 0.27):
        w.view.set_zoom(zoom)  # (as the zoom box or Ctrl+wheel does)
        QApplication.processEvents()
        assert not w.scene.far, zoom  # (the cards draw themselves)
        z = w.view.zoom
        for c in shown:
            lines, px = c.texts(z)
            label = w.model.label(c.source)
            assert lines and lines[0].split(" ")[0] == label, (zoom, label, lines)
            assert px * z >= MIN_PX - 1e-6, (zoom, px)
            pill = c.rect_at(z)
            cap = metrics(px, True).capHeight()
            assert cap <= pill.height(), (zoom, cap, pill.height())
            assert metrics(px, True).horizontalAdvance(lines[0]) <= pill.width(), (zoom, lines)
