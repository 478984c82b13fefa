"""Trial 72 #6: the lecture's neuron (File › Examples) on a 1366×768 screen with the Hessian
under the canvas, Presentation Mode, Ctrl+B, → →: fitted at 76 %, every card the pass had
reached read its name and gradient only ("x1*w1 / ∇ 0.5000"); the values (−6, 0.8814) were
gone, where the usual text at that zoom writes name, value and gradient on three lines (the
lecture's "data | grad" on each card). Now the mode writes those three lines as large as they
fit (never under the usual size), a formula's name on one line a little smaller."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_presentation_folded_rows import clear_of_ports
from test_presentation_mode import press, settle, toggle_presentation
from window_helpers import answers, open_file_at, step_by_hand, tmp_settings, trigger, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX, is_compact, needed_px
from gui.window.documents import example_files

#: Zooms the neuron is fitted at in the mode on a 1366×768 screen (76 % with the Hessian open),
#: and further out, where its sum's name takes two lines (as at the usual size: its value left out)
ZOOMS = (0.76, 0.74, 0.7, 0.65, 0.62)


def _neuron() -> str:
    return str(next(p for p, _title in example_files() if p.stem == "neuron_tanh"))


def _card_lines(w, node: str, zoom: float) -> dict[str, list[str]]:
    card = w.scene.node_item(node)
    out: dict[str, list[str]] = {}
    for t in card.texts_at(zoom):
        assert t.px * zoom >= MIN_PX - 1e-9, (node, zoom, t)  # each readable
        assert card.boundingRect().contains(t.rect), (node, zoom, t)
        out.setdefault(t.kind, []).append(t.text)
    return out


def test_the_neurons_cards_keep_their_values_in_a_pass_while_presenting(qtbot, window):
    w = window
    open_file_at(qtbot, w, _neuron(), (1366, 768))
    trigger(w, "hessian")  # (the trial's panel under the canvas)
    toggle_presentation(qtbot, w)
    assert w.presentation.on
    step_by_hand(w)
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(2):
        press(qtbot, w, Qt.Key.Key_Right)
    settle()
    assert w.backward.animator.pos == 2
    model = w.model
    reached = [n for n in model.nodes() if w.scene.node_item(n).texts_at(w.view.zoom)]
    for zoom in {round(w.view.zoom, 3), *ZOOMS}:
        assert is_compact(needed_px(zoom)), zoom  # (the compact cards: name, value and gradient stacked)
        passed = 0
        for node in reached:
            lines = _card_lines(w, node, zoom)
            if "grad" not in lines:
                continue
            passed += 1
            if zoom > 0.75 or len(lines.get("label", [])) == 1:
                assert "value" in lines, (zoom, model.label(node), lines)  # its data beside its grad
            label = "".join(lines.get("label", [])).replace("+x2", "+ x2")
            assert model.label(node) in label, (zoom, lines)  # whose: its name, whole
        assert passed >= 3, zoom  # (o, n, x1*w1 + x2*w2 and b reached at step 2)
        clear_of_ports(w, zoom)  # (its value and gradient clear of the port dots: trial 73 #7)
