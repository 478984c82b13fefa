"""The f(x) bar and a name a card shows already (trial 51: on the neuron,
``o = (exp(2*n) - 1)/(exp(2*n) + 1)`` asked about n but quietly added a
second "o" and made it the output; ``o = tanh(n)`` a third). It asks:
replace the old o, name the new one o2, or add nothing. Driven as a user:
typing in the bar, Enter, the values table, the question's buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, tmp_settings, trigger, type_formula, window  # noqa: F401

EXP_FORM = "o = (exp(2*n) - 1)/(exp(2*n) + 1)"


def open_neuron(w) -> None:
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()
    QApplication.processEvents()
    assert w.model.output == "o" and w.model.label("o") == "o"


def labelled(w, name: str) -> list[str]:
    return [n for n in w.model.nodes() if w.model.label(n) == name]


def test_a_taken_name_is_asked_about_and_the_new_one_named_apart(qtbot, window):
    w = window
    open_neuron(w)
    before = set(w.model.nodes())
    seen = type_formula(qtbot, w, EXP_FORM, "rename")
    assert "o is on the canvas already" in seen["text"], seen
    assert "Name the New One o2" in seen["buttons"] and "Replace o" in seen["buttons"]
    assert labelled(w, "o") == ["o"]  # no second o
    (o2,) = labelled(w, "o2")
    assert o2 not in before and w.model.output == o2
    assert "the new o is named o2 (o was taken)" in w.status_text(), w.status_text()
    # again: o3, never a third "o"
    type_formula(qtbot, w, "o = tanh(n)", "rename")
    assert labelled(w, "o") == ["o"] and len(labelled(w, "o3")) == 1


def test_replacing_a_taken_name_puts_the_new_node_in_its_place_and_undo_brings_it_back(qtbot, window):
    w = window
    open_neuron(w)
    before = set(w.model.nodes())
    type_formula(qtbot, w, EXP_FORM, "replace")
    assert "o" not in w.model  # the tanh o is gone, n stays
    (o,) = labelled(w, "o")
    assert w.model.output == o and w.model.op(o) == "div" and "n" in w.model
    assert abs(w.model.value(o) - 0.7071067811865476) < 1e-12
    assert "replaced the old o" in w.status_text()
    trigger(w, "undo")
    assert set(w.model.nodes()) == before and w.model.output == "o" and w.model.op("o") == "tanh"


def test_cancel_adds_nothing_and_a_formula_reading_the_old_one_cannot_replace_it(qtbot, window):
    w = window
    open_neuron(w)
    before, n_undo = set(w.model.nodes()), w.undo_stack.count()
    type_formula(qtbot, w, "o = tanh(n)", None)
    assert set(w.model.nodes()) == before and w.undo_stack.count() == n_undo
    assert "Nothing added" in w.status_text()
    seen = type_formula(qtbot, w, "o = o*2", "rename")  # builds on the old o: no Replace
    assert not any(b.startswith("Replace") for b in seen["buttons"]), seen
    (o2,) = labelled(w, "o2")
    assert w.model.inputs(o2)[0] == "o"


def test_the_replacing_node_takes_the_old_cards_spot_and_the_view_stays(qtbot, window):
    """Trial 51 #7 / verify 51 N-h: Replace o for ``o = tanh(n)`` put the new
    o up-right of n, and the view scrolled to it."""
    w = window
    w.resize(1366, 768)
    open_neuron(w)
    w.view.fit_all()
    QApplication.processEvents()
    spot = w.model.position("o")
    card = w.scene.node_item("o").sceneBoundingRect()
    port = w.view.viewport().rect()
    seen = w.view.mapToScene(port).boundingRect()
    n_undo = w.undo_stack.count()
    type_formula(qtbot, w, "o = tanh(n)", "replace")
    (o,) = labelled(w, "o")
    assert o != "o" and w.model.op(o) == "tanh" and w.model.inputs(o) == ["n"]
    assert w.model.position(o) == spot
    assert w.scene.node_item(o).sceneBoundingRect().center() == card.center()
    assert w.view.mapToScene(port).boundingRect() == seen  # nothing to scroll to
    assert w.undo_stack.count() == n_undo + 1
    trigger(w, "undo")
    assert w.model.op("o") == "tanh" and w.model.position("o") == spot and o not in w.model


def test_a_longer_formula_replacing_o_comes_with_it_where_that_covers_no_card(qtbot, window):
    """The exp form's new nodes: the new o at the old one's spot; its other
    new cards moved with it only where they would cover no card."""
    w = window
    open_neuron(w)
    spot = w.model.position("o")
    before = set(w.model.nodes())
    type_formula(qtbot, w, EXP_FORM, "replace")
    (o,) = labelled(w, "o")
    assert w.model.position(o) == spot
    new = [n for n in w.model.nodes() if n not in before]
    rects = [w.scene.node_item(n).sceneBoundingRect() for n in w.model.nodes()]
    overlaps = [(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :] if a.intersects(b)]
    assert not overlaps, (new, overlaps)
