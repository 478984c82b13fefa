"""Trial 73 #6 and #7: the MLP (its file opened at 1600×1000, fitted at 56 %) in Presentation
Mode. Each folded layer card read only "layer 1 [1] / 4 values out" and the layer 3 cards their
names alone, where the usual text at that zoom lists every output with its value ("h1.1[1]
0.8042", "ypred[1] 0.4277"): the class saw names, not numbers. And the mode's larger text ran
under the ports: the leaves' "−1.0000" under their output dot, and at 1024×700 in a pass the
"layer 3 [4]" card's "ypred[4] ∇−1.1" from its input port to its output port. Now a folded card
lists its outputs as the usual size does, as large as they fit (never under the usual size), and
every number on a zoomed-out card keeps clear of the port dots beside it."""

from __future__ import annotations

from test_presentation_mode import toggle_presentation
from test_presentation_resized_order import mlp_step_14_presenting
from window_helpers import answers, open_mlp_file, step_by_hand, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import CENTER, LEFT, MIN_PX, Text, metrics
from gui.canvas.painting import W2
from gui.common import style as S


def _rows(w, zoom: float) -> dict[str, list[str]]:
    """Each shown folded card's rows at ``zoom``."""
    return {
        c.label: [t.text for t in c.texts_at(zoom) if t.kind == "row"]
        for c in w.scene.folding.cards()
        if c.isVisible()
    }


def _span(t: Text) -> tuple[float, float]:
    """Where ``t``'s glyphs run, left to right, in its item."""
    width = metrics(t.px, t.bold).horizontalAdvance(t.text)
    if t.align == CENTER:
        return t.rect.center().x() - width / 2, t.rect.center().x() + width / 2
    if t.align == LEFT:
        return t.rect.left(), t.rect.left() + width
    return t.rect.right() - width, t.rect.right()


def clear_of_ports(w, zoom: float) -> None:
    """Every number on a card and every row of a folded card, clear of the port dots."""
    for c in w.scene.folding.cards():
        for t in c.texts_at(zoom) if c.isVisible() else []:
            if t.kind == "row":
                left, right = _span(t)
                # (5 clear of the dot, as a full card's rows: 8 ran "from port to port" at 60 %)
                assert left >= S.PORT_R + 5 and right <= c.rect().width() - S.PORT_R - 5, (c.label, t)
    for node in w.model.nodes():
        card = w.scene.node_item(node)
        for t in card.texts_at(zoom) if card.isVisible() else []:
            if t.kind in ("value", "grad"):
                left, right = _span(t)
                inside = -W2 + (S.PORT_R if w.model.inputs(node) else 0) + 3  # (a leaf: no input port)
                assert left >= inside and right <= W2 - S.PORT_R - 3, (w.model.label(node), t)


def test_the_folded_mlp_keeps_its_outputs_values_while_presenting(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    usual = _rows(w, w.view.zoom)
    assert usual["layer 1 [1]"][0] == "h1.1[1] 0.8042" and usual["layer 3 [1]"] == ["ypred[1] 0.4277"]
    toggle_presentation(qtbot, w)
    assert w.presentation.on
    zoom = w.view.zoom
    shown = _rows(w, zoom)
    listed = [label for label, rows in usual.items() if len(rows) > 1 or label.startswith("layer 3 [")]
    assert len(listed) >= 13, usual  # (the twelve layer cards and the layer 3 weights)
    for label in listed:  # the outputs as the usual size lists them: named, in the zoom's digits
        assert shown[label] == usual[label], (zoom, label, shown[label])
    for c in w.scene.folding.cards():  # as large as they fit, never under the usual size
        for t in c.texts_at(zoom) if c.label in listed else []:
            assert t.px * zoom >= MIN_PX - 1e-9, (c.label, t)
    clear_of_ports(w, zoom)


def test_the_mode_keeps_the_mlps_numbers_clear_of_the_ports_at_1024x700_in_a_pass(qtbot, window, tmp_path):
    w = window
    mlp_step_14_presenting(qtbot, w, tmp_path)
    assert w.backward.animator.pos == 14 and w.presentation.on
    zoom = w.view.zoom
    (row,) = _rows(w, zoom)["layer 3 [4]"]
    assert row.startswith("ypred[4] ∇"), row  # (its gradient has come: step 14 is inside it)
    clear_of_ports(w, zoom)
    for z in (0.5, 0.45, 0.4):  # (zoomed out further with Ctrl+−)
        clear_of_ports(w, z)
