"""Trial 58 #8: names shortened into nonsense. The neuron's gradient graph,
fitted and run to its end, read "w1…ad" and "w2…ad" beside a whole x1.grad
(the same length: "w" is wider) and "(1 … o)" for (1 − o)·(1 + o); the MLP
read "layer 1 wei…" on one line beside "layer 3 / weights" on two. A name
that does not fit its line is now written in the narrower regular face, or
on two lines, before it is cut, and a cut never reads as another name."""

from __future__ import annotations

import pytest
from test_gradient_graph_fit import _gradient_cards, _gradient_graph
from window_helpers import answers, run_to_end, show_mlp, tmp_settings, trigger, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX, cut_name, metrics
from gui.canvas.folding.group_card import GroupCard


def test_the_gradient_graphs_names_read_whole_at_fit_after_backward(qtbot, window):
    w = window
    _gradient_graph(w, "neuron")
    run_to_end(qtbot, w)
    z = w.view.zoom
    assert z < 0.43  # (the trial's 41 %: the cards compact, a line of text each)
    faces = {}
    for card in _gradient_cards(w):
        texts = [t for t in card.texts_at(z) if t.kind == "label"]
        assert texts, card.label
        assert all(t.px * z >= MIN_PX - 1e-6 for t in texts)  # (never smaller than readable)
        shown = " ".join(t.text for t in texts)
        assert "…" not in shown, (card.label, shown)  # whole: "w1.grad", not "w1…ad"
        assert shown.replace("· ", "·") == card.label, (card.label, shown)  # "(1 − o)·" over "(1 + o)"
        if card.label.endswith(".grad") and w.model.op(card.node_id) == "mul":
            faces[card.label] = texts[0].bold
    assert set(faces) >= {"x1.grad", "w1.grad", "x2.grad", "w2.grad"}
    assert len(set(faces.values())) == 1, faces  # x1.grad and w1.grad in one face


@pytest.mark.parametrize("text", ["w1.grad", "w2.grad", "(1 − o)·(1 + o)", "x1*w1 + x2*w2"])
def test_a_cut_name_never_reads_as_another(qapp, text):
    """At every width a cut keeps whole words at its end and pairs no
    brackets that were not a pair ("w1…ad", "(1 … o)")."""
    px = 24
    full = metrics(px, True).horizontalAdvance(text)
    for k in range(20, 100, 2):
        shown = cut_name(text, px, True, full * k / 100)
        if shown is None or shown == text:
            continue
        head, _, tail = shown.partition("…")
        assert text.startswith(head) and text.endswith(tail), shown
        cut_from = len(text) - len(tail)
        assert not (tail[:1].isalpha() and text[cut_from - 1].isalpha()), shown  # "…ad" of grad
        assert not (head.count("(") > head.count(")") and tail.count(")") > tail.count("(")), shown


def test_the_mlps_weights_cards_wrap_alike_at_the_trials_zoom(qtbot, window):
    """Insert MLP beside the tutorial and the Hessian panel, then Fit: 40 %."""
    w = window
    w.showNormal()
    w.resize(1600, 1000)
    show_mlp(qtbot, w)
    trigger(w, "tutorial")
    trigger(w, "hessian")
    trigger(w, "fit")
    z = w.view.zoom
    assert 0.38 < z < 0.41, z
    cards = {c.label: c for c in w.scene.items() if isinstance(c, GroupCard) and "weights" in c.label}
    assert set(cards) == {"layer 1 weights", "layer 2 weights", "layer 3 weights"}
    for label, card in cards.items():
        names = [t for t in card.texts_at(z) if t.kind == "name"]
        assert [t.text for t in names] == label.rsplit(" ", 1), (label, [t.text for t in names])
        assert all(t.px * z >= MIN_PX - 1e-6 for t in names)
        r = card.rect()
        assert all(r.contains(t.rect.center()) and t.rect.bottom() <= r.bottom() + 0.5 for t in names)
        assert r.width() == 232.0  # (no card wider)
