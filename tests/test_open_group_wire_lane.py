"""Opening a group in place on the vanishing-gradient example (trial 52,
finding 5): Gradient Flow on, Ctrl+B, End, the "layer 10" card selected,
Ctrl+]. Its frame rose into the gap between the bands, where the wire from
h8 (the end of the band above) back to layer 9 (the start of layer 10's
band) runs, and that wire crossed the frame's name tab and the w10 card.
Opening makes room: the band above moves up until the wire runs clear."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, click_item, open_file_at, run_to_end, tmp_settings, trigger, window  # noqa: F401

EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "vanishing_tanh.mgraph"


def test_the_wire_back_between_the_bands_clears_a_group_opened_in_its_band(qtbot, window):
    w = window
    open_file_at(qtbot, w, EXAMPLE)
    trigger(w, "gradient_flow")
    run_to_end(qtbot, w)
    sc = w.scene
    click_item(qtbot, w, sc.folding.card("layer10"))
    assert sc.folding.selected_groups() == ["layer10"]
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not w.model.groups.get("layer10").collapsed
    frame = sc.folding.frame("layer10")
    keep_off = [frame.outline()]
    keep_off += [sc.node_item(n).sceneBoundingRect() for n in w.model.groups.nodes_in("layer10")]
    path = sc.edge_item("h8", "m9", 0).path()
    pts = [path.pointAtPercent(t / 200) for t in range(201)]
    under = [(r, p) for r in keep_off for p in pts if r.contains(p)]
    assert under == []
