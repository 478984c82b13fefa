"""Zoomed out after Backward, folded cards of one size say the same kind of
thing, and Gradient Flow's shading of a folded card is explained when it is
hovered (trial 50 at 36 %, Learn › Insert MLP, Ctrl+B, End, F: "∇−0.4 to
0.55" on "layer 1 [1]", "4 out" on "layer 1 [2]", whose range was a little
wider; each card "partly filled grey from the left", which nothing explained)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_gradient_flow import backward_to_end, turn_on
from window_helpers import answers, hover_tip, show_mlp, tmp_settings, window  # noqa: F401

from core.graph.backward import backward
from gui.canvas.folding import card_rows

NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?")
NEURON = re.compile(r"layer [12] \[\d\]")


def kind(text: str) -> str:
    """What a zoomed-out card's line under its name says."""
    if text.startswith("|∇| ≤ "):
        return "largest"
    if " to " in text:
        return "range"
    if text.endswith(" out"):
        return "count"
    return "rows"


def neuron_lines(w, zoom: float) -> dict[str, list[str]]:
    """The lines under the name of each of the eight neuron cards of layers 1 and 2 (four outputs each)."""
    out = {}
    for c in w.scene.folding.cards():
        if NEURON.fullmatch(c.label):
            assert len(c.outputs) == 4
            out[c.label] = [t.text for t in c.texts_at(zoom) if t.kind == "row"]
    assert len(out) == 8
    return out


def test_the_mlps_neuron_cards_say_one_kind_of_thing_at_each_zoom(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    turn_on(w)
    backward_to_end(qtbot, w)
    qtbot.keyClick(w.view, Qt.Key.Key_F)  # Fit, as the trial did
    QApplication.processEvents()
    grads = backward(w.model).grads
    kinds_seen = set()
    for zoom in (w.view.zoom, 0.30, 0.36, 0.40, 0.42, 0.45):
        lines = neuron_lines(w, zoom)
        kinds = {label: {kind(t) for t in texts} for label, texts in lines.items()}
        assert len({frozenset(k) for k in kinds.values()}) == 1, (zoom, lines)  # one kind on all eight
        for label, texts in lines.items():
            card = next(c for c in w.scene.folding.cards() if c.label == label)
            mine = [grads[n] for n in card_rows.nodes(card.outputs)]
            for t in texts:
                if kind(t) == "largest":  # the largest size, in two digits
                    (top,) = (float(x.replace("−", "-")) for x in NUMBER.findall(t))
                    assert abs(top - max(map(abs, mine))) <= 0.051 * max(map(abs, mine)), (label, t)
                elif kind(t) == "range":
                    lo, hi = (float(x.replace("−", "-")) for x in NUMBER.findall(t))
                    assert abs(lo - min(mine)) <= 0.051 * abs(min(mine)), (label, t)
                    assert abs(hi - max(mine)) <= 0.051 * abs(max(mine)), (label, t)
        kinds_seen |= set().union(*kinds.values())
    assert {"largest", "range"} <= kinds_seen  # (the zooms tried show gradients, not a count alone)


def test_hovering_a_folded_card_says_what_its_gradient_flow_shading_is(qtbot, window):
    w = window
    show_mlp(qtbot, w)
    turn_on(w)
    backward_to_end(qtbot, w)
    w.view.set_zoom(0.36)
    QApplication.processEvents()
    card = next(c for c in w.scene.folding.cards() if c.label == "layer 1 [1]")
    assert card.strip is not None and 0 < card.strip[0] < 1
    tip = hover_tip(w, card.mapToScene(card.rect().center()))
    mean = w.gradient_flow.groups[card.gid]
    assert f"mean |grad| {mean:.3g}" in tip.replace("−", "-"), tip
    assert "shading from the left" in tip and "Gradient by group" in tip, tip
