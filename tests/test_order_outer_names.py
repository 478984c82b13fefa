"""The Order list's row for a neuron of the MLP's last layer names its
layer after it (a trial: "neuron 3.1 [4]  · … 3 [4]", the layer's name cut
at its start in the right column's width, said nothing the neuron's name
did not). The outer name keeps its start: "· layer 3" (its data point, the
row's own "[4]", dropped first), cut at its end only where even that does
not fit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication
from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.backward.order_delegate import fit

CTRL = Qt.KeyboardModifier.ControlModifier


def _drawn(monkeypatch, widget) -> list[str]:
    """The texts painted (by Python code: the delegate) as ``widget`` is drawn."""
    texts: list[str] = []
    draw = QPainter.drawText

    def spy(self, *args):
        texts.extend(a for a in args if isinstance(a, str))
        return draw(self, *args)

    monkeypatch.setattr(QPainter, "drawText", spy)
    widget.grab()
    monkeypatch.setattr(QPainter, "drawText", draw)
    return texts


def test_a_last_layer_neurons_row_names_its_layer_by_its_start(qtbot, window, monkeypatch):
    w = window
    show_mlp(qtbot, w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)  # Backward
    QApplication.processEvents()
    table = w.backward.order_panel.table
    table.resize(330, 300)  # the right column's width, as the trial's
    QApplication.processEvents()
    texts = _drawn(monkeypatch, table.viewport())
    assert "neuron 3.1 [4]" in texts, texts
    outer = [t for t in texts if t.lstrip().startswith("·")]
    assert "  · layer 3" in outer or "  · layer 3 [4]" in outer, outer
    assert not any("… 3 [4]" in t for t in outer), outer


def test_an_outer_name_is_cut_at_its_end_only_where_it_must(qtbot, window):
    fm = window.fontMetrics()
    label, group = "neuron 3.1 [4]", "layer 3 [4]"
    whole = fm.horizontalAdvance(f"{label}  · {group}")
    assert fit(label, group, fm, whole, outer=True) == (label, f"  · {group}")
    assert fit(label, group, fm, whole - 2, outer=True) == (label, "  · layer 3")
    short = fm.horizontalAdvance(f"{label}  · laye…") + 1
    tail = fit(label, group, fm, short, outer=True)[1]
    assert tail.startswith("  · la") and tail.endswith("…"), tail
    # the data point dropped only where the row's own name says it
    assert fit("neuron 3.1 [2]", group, fm, whole - 2, outer=True)[1] == "  · layer 3…"


def test_two_groups_alike_but_for_their_numbers_keep_them_in_the_row(qapp):
    """Trial 49's imported logistic regression: the rows of its two groups,
    "p1 = sigmoid(w*x1 + b)" and "p2 = sigmoid(w*x2 + b)", both read
    "x2 · … + b)" cut at the group's start; a cut that keeps a number is taken."""
    fm = QFontMetrics(QApplication.font())
    label = "x2"
    for room in range(30, 200, 6):
        width = fm.horizontalAdvance(label + "  · ") + room
        parts = [fit(label, f"p{i} = sigmoid(w*x{i} + b)", fm, width)[1] for i in (1, 2)]
        shown = [p for p in parts if p]
        assert len(set(shown)) == len(shown), (room, parts)
        assert len(shown) in (0, 2), (room, parts)  # both named, told apart, or neither
        assert all(any(c.isdigit() for c in p) for p in shown), (room, parts)
