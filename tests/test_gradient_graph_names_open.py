"""Backward › Build Gradient Graph opens with its gradients' names whole
(trial 65 #5: on ``f = x*y + exp(x)*y**2`` built by hand, Fit's 43 % wrote
"ad…·y", "pow1.…", "exp1.…" and numbers alone, and at 88 % the constant's card
read "add1.gr…" beside its "const"): the view opens at the least zoom at which
every gradient card writes its name, on one line or a product on two, the
gradients wholly in view; where Fit's zoom does already (the blog's), it
opens fitted as before. The power rule's card reads ``2·y``
(test_gradient_graph_powers.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from test_gradient_graph_powers import trial_model
from window_helpers import answers, menu_action, tmp_settings, window  # noqa: F401


def _build(w, size: tuple[int, int], model=None) -> list[str]:
    """``model`` (the trial's hand-built graph; None: the blog's example) in a window of
    ``size``, then Backward › Build Gradient Graph; the gradient cards' ids."""
    w.showNormal()
    w.resize(*size)
    QApplication.processEvents()
    if model is None:
        menu_action(w.menus["file"], "example_blog_L").trigger()
    else:
        w.open_model(model, "trial")
    QApplication.processEvents()
    before = set(w.model.nodes())
    menu_action(w.menus["backward"], "gradient_graph").trigger()
    QApplication.processEvents()
    QApplication.processEvents()
    return [n for n in w.model.nodes() if n not in before]


def _drawn_name(card, zoom: float) -> str:
    """The card's name as drawn at ``zoom``: its lines joined (a product on two:
    "exp1.grad·" over "exp1"), after its op's sign ("+ x.grad")."""
    lines = [t.text for t in card.texts_at(zoom) if t.kind == "label"]
    text = "".join(lines)
    sign = card.symbol_text
    return text[len(sign) + 1 :] if sign and text.startswith(f"{sign} ") else text


@pytest.mark.parametrize("size", [(1366, 768), (1600, 1000), (1200, 760)])
def test_the_hand_built_gradients_open_with_their_names_whole(window, size):
    w = window
    made = _build(w, size, trial_model())
    v, z = w.view, w.view.zoom
    seen = v.mapToScene(v.viewport().rect()).boundingRect()
    cards = [w.scene.node_item(n) for n in made]
    assert {c.label for c in cards} >= {"add1.grad", "exp1.grad·exp1", "add1.grad·y", "2·y", "x.grad"}
    assert [c.label for c in cards if not seen.contains(c.sceneBoundingRect())] == [], z
    assert [(c.label, _drawn_name(c, z)) for c in cards if _drawn_name(c, z) != c.label] == [], z
    assert not any("^" in t.text for c in cards for t in c.texts_at(z))


def test_the_constant_gradient_keeps_its_name_whole_beside_const(window):
    """At 88 % (the trial zoomed in) the seed's card reads "add1.grad", not "add1.gr…"."""
    w = window
    made = _build(w, (1366, 768), trial_model())
    w.view.set_zoom(0.88)
    QApplication.processEvents()
    (seed,) = [w.scene.node_item(n) for n in made if w.model.label(n) == "add1.grad"]
    assert _drawn_name(seed, 0.88) == "add1.grad"
    assert [t.text for t in seed.texts_at(1.0) if t.kind == "tag"] == ["const"]  # (the seed: not "data")
    names = [t.text for t in w.scene.node_item("x").texts_at(0.88)]  # (a short name keeps its tag)
    assert "param" in names and "x" in names


def test_where_fit_writes_the_names_it_opens_fitted(window):
    """The blog's gradient graph: its names whole at Fit's zoom, it opens as fitted."""
    w = window
    made = _build(w, (1366, 768))
    z = w.view.zoom
    assert w.view.is_fitted
    assert all(_drawn_name(w.scene.node_item(n), z) == w.model.label(n) for n in made), z


def test_zoomed_in_every_gradient_card_writes_its_formula_whole(window):
    """Trial 65 #5: past ~79 % "exp1.grad·exp1" read "exp1…exp1" beside its
    × pill, at any zoom in: a formula's name says its op itself, so where the
    pill leaves no room for it, the card leaves the pill out."""
    w = window
    made = _build(w, (1366, 768), trial_model())
    for z in (0.8, 0.85, 1.0, 1.5, 2.0):
        cards = [w.scene.node_item(n) for n in made]
        assert [(c.label, _drawn_name(c, z)) for c in cards if _drawn_name(c, z) != c.label] == [], z
    (short,) = [w.scene.node_item(n) for n in made if w.model.label(n) == "x.grad"]
    assert short.symbol_text and [t.text for t in short.texts_at(1.0) if t.kind == "symbol"] == ["+"]
