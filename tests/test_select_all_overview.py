"""Select All at 50,000 cards: the scene knows every card is selected, so
neither the far overview nor Properties makes a pass over the selected ids
to learn it (each ≈ 15-25 ms at 50,000: a set compared with every node), and
the set of ids is handed on, not copied. Counted, never timed; the pixels
stay those of a direct paint as cards come and go under the selection."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_overview_cache import differing, direct, far_canvas, frame
from test_select_all_costs import select_all_counting
from window_helpers import answers, tmp_settings, window  # noqa: F401


class CountingDict(dict):
    """A dict that counts the passes over it (a set compared with it is one)."""

    passes = 0

    def __iter__(self):
        CountingDict.passes += 1
        return super().__iter__()


def test_the_overview_learns_every_card_is_selected_without_a_pass(qtbot, monkeypatch):
    scene, view, _ = far_canvas(qtbot, 800)
    layer = scene._layer
    layer._color = CountingDict(layer._color)  # the overview's cards
    CountingDict.passes = 0
    scene.select_all()
    shown = frame(view)
    assert CountingDict.passes == 0
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))


def test_cards_coming_and_going_under_select_all_are_drawn_right(qtbot, monkeypatch):
    scene, view, editor = far_canvas(qtbot, 800)
    m = scene.model
    scene.select_all()
    frame(view)
    cards = scene._sel.cards()
    m.remove_node("v5")  # the overview's selected set loses it: the selection's own is not changed
    shown = frame(view)
    assert "v5" in cards and len(cards) == 800
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))
    scene.select_all()
    frame(view)
    m.add_node("leaf", "new", value=1.0, x=300.0, y=-400.0)  # a card not selected
    shown = frame(view)
    assert not scene.all_selected()
    assert shown == direct(view, monkeypatch), differing(shown, direct(view, monkeypatch))


def test_properties_counts_select_all_without_a_pass(window, monkeypatch):
    _m, tables = select_all_counting(window, monkeypatch, "attr_table")
    assert tables == []
    assert "600 nodes selected" in window.properties._empty.text()
    window.scene.select_ids(["v1", "v2"])  # not every card: checked as ever
    QApplication.processEvents()
    window.properties.refresh()
    assert tables and "2 nodes selected" in window.properties._empty.text()
