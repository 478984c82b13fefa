"""Verify 51 N-h: an Order row's group tag cut to a part that says nothing:
"x*y + x**2  · … + x**2" (the group "inner c = x*y + x**2": the row's own
label again), "1 (in e - 1)  · … 16)" (the statement's group "o (line 16)",
cut inside its brackets), "ypred[4]  · … [4]" (its neuron's "[4]", the row's
own). A cut tag keeps what tells its group, its start where its end does
not ("· inner c…"), or is left out."""

from __future__ import annotations

from kahn_files import save_kahn_ordered
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from test_duplicate_groups import CTRL, keys
from test_order_outer_names import _drawn
from test_view_digits import group_inner, open_f
from window_helpers import answers, run_to_end, tmp_settings, window  # noqa: F401

from gui.backward.order_delegate import SEP, fit


def kahn_reopened(w, tmp_path) -> None:
    """The open graph saved with its nodes in Kahn's order and opened again:
    its pass runs x*y + x**2 apart from the rest of its group (verify 51's
    order), so that row is tagged with it."""
    path = tmp_path / "f_kahn.mgraph"
    save_kahn_ordered(w.model, path)
    assert w.open_path(str(path))
    QApplication.processEvents()


def test_a_rows_tag_is_not_its_own_label_again(qtbot, window, tmp_path, monkeypatch):
    w = window
    w.show()
    qtbot.waitExposed(w)
    open_f(qtbot, w, tmp_path)
    kahn_reopened(w, tmp_path)
    group_inner(qtbot, w)
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL)  # fold it, as verify 51 did
    run_to_end(qtbot, w)
    table = w.backward.order_panel.table
    label = "x*y + x**2"
    tags = set()
    for width in range(240, 480, 8):  # the right column dragged narrower and wider
        w.resizeDocks([w.properties_dock], [width], Qt.Orientation.Horizontal)
        QApplication.processEvents()
        texts = _drawn(monkeypatch, table.viewport())
        if label in texts and texts.index(label) + 1 < len(texts):
            after = texts[texts.index(label) + 1]
            if after.startswith(SEP):
                tags.add(after)
    assert tags, "its group never named"
    for tag in tags:  # its group's start, or whole: never "… + x**2"
        assert tag.startswith(f"{SEP}inner"), tags
    assert any(t.endswith("…") for t in tags) and f"{SEP}inner c = x*y + x**2" in tags, tags


def test_a_cut_tag_keeps_what_tells_its_group_or_is_left_out(qapp):
    fm = QFontMetrics(QApplication.font())
    cases = {  # (row, group): what a cut must not read
        ("1 (in e - 1)", "o (line 16)"): "… 16)",
        ("ypred[4]", "neuron 3.1 [4]"): "… [4]",
        ("x*y + x**2", "inner c = x*y + x**2"): "+ x**2",
    }
    for (label, group), never in cases.items():
        seen = set()
        for room in range(0, fm.horizontalAdvance(group) + 12, 2):
            tail = fit(label, group, fm, fm.horizontalAdvance(label + SEP) + room)[1]
            assert tail == f"{SEP}{group}" or never not in tail, (label, group, room, tail)
            seen.add(tail)
        assert "" in seen and f"{SEP}{group}" in seen, seen
    # what the end tells is kept: "… 3.1 [4]", the neuron and its data point
    room = fm.horizontalAdvance(f"ypred[4]{SEP}… 3.1 [4]") + 1
    assert fit("ypred[4]", "neuron 3.1 [4]", fm, room)[1] == f"{SEP}… 3.1 [4]"
    # the statement's group cut at its end: its line whole, "(line 16)", never "… 16)"
    room = fm.horizontalAdvance(f"1 (in e - 1){SEP}(line 16)") + 1
    assert fit("1 (in e - 1)", "o (line 16)", fm, room)[1] == f"{SEP}(line 16)"
