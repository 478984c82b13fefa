"""Zoomed out, cards of one kind write the same kind of text (a new user's
trial): the expanded MLP at 27 % showed layer 1's products as values beside
layer 2's as names ("w…2"), b2.1 its name beside the weights' values; the
vanishing chain at 21 % named w1 … w9 and gave w10 … w12 in numbers, and a
card was a blank block among readable ones at 26 %; after Backward and End
one leaf showed "∇-0.2" (a hyphen, not the minus sign) among leaves showing
their values."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from test_far_card_texts import vanishing_expanded
from test_semantic_zoom import on_screen
from window_helpers import answers, open_mlp_file, tmp_settings, trigger, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX
from gui.canvas.cards.node_item import NodeItem

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def _look(w, zoom: float, at=None) -> dict[str, dict[str, list[str]]]:
    """At ``zoom``: for each kind of card on screen, the kind of text each
    card's first line is ("label", "value" or "grad") -> their texts."""
    w.view.set_zoom(zoom)
    w.view.centerOn(at if at is not None else w.view.graph_rect().center())
    QApplication.processEvents()
    assert not w.scene.far
    out: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for it in on_screen(w):
        if isinstance(it, NodeItem):
            texts = it.texts_at(zoom)
            assert texts, f"{it.label} is a blank block at {zoom}"
            assert all(t.screen_px(zoom) >= MIN_PX for t in texts)
            out[it.op].setdefault(texts[0].kind, []).append(texts[0].text)
    return out


def _count(by: dict[str, list[str]]) -> int:
    return sum(len(v) for v in by.values())


@pytest.mark.parametrize("zoom", [0.21, 0.24, 0.26])
def test_the_vanishing_chains_cards_of_a_kind_write_alike(qtbot, window, zoom):
    w = vanishing_expanded(qtbot, window)
    seen = _look(w, zoom)
    assert _count(seen["leaf"]) >= 24  # every w and b on screen
    for op, by in seen.items():
        assert len(by) == 1, (op, dict(by))  # names, or values, not both


def test_the_expanded_mlps_cards_of_a_kind_write_alike(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.grouping.expand_all()
    QApplication.processEvents()
    for zoom in (0.27, 0.35):
        seen = _look(w, zoom)
        assert _count(seen["mul"]) >= 20
        for op, by in seen.items():
            assert len(by) == 1, (zoom, op, {k: v[:6] for k, v in by.items()})


def test_after_backward_the_leaves_write_alike_with_the_minus_sign(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    trigger(w, "backward")
    trigger(w, "skip_end")
    QApplication.processEvents()
    x = w.scene.node_item(next(n for n in w.model.nodes() if w.model.label(n) == "x1[1]"))
    for zoom in (0.26, 0.3, 0.4):
        seen = _look(w, zoom, at=x.sceneBoundingRect().center())
        assert _count(seen["leaf"]) >= 6
        assert len(seen["leaf"]) == 1, (zoom, dict(seen["leaf"]))
        for it in on_screen(w):
            if isinstance(it, NodeItem):
                grads = [t.text for t in it.texts_at(zoom) if t.kind == "grad"]
                assert not [g for g in grads if "-" in g], grads  # "∇−0.2", not "∇-0.2"


def test_the_finished_mlps_leaves_give_their_gradients_in_one_precision(qtbot, window, tmp_path):
    """A trial: after Backward › End at 48 % the MLP's leaves read "∇ 0.4545" beside
    "∇ −0.344" and "∇ −0.01" (the minus sign cost a positive neighbour nothing,
    and −0.0100 lost its zeros): a leaf chooses its form as if its gradient
    were negative, in as many digits as the form says: the leaves' numbers
    line up, one number of decimals."""
    import re

    w = window
    open_mlp_file(qtbot, w, tmp_path)
    trigger(w, "backward")
    trigger(w, "skip_end")
    w.view.set_zoom(0.48)
    QApplication.processEvents()
    z = w.view.zoom
    cards = [it for it in on_screen(w) if isinstance(it, NodeItem)]
    grads = [t.text for it in cards for t in it.texts_at(z) if "∇" in t.text]
    leaves = [g for g in grads if re.fullmatch(r"∇ −?\d\.\d+", g)]
    assert len(leaves) >= 12, grads
    assert len({len(g.split(".")[1]) for g in leaves}) == 1, leaves  # "∇ −0.010" beside "∇ 0.027"
