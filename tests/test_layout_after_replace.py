"""Trial 70 #1: after "Replace y" from the f(x) bar, Graph › Auto Layout put
the dead branch (3*x and x**2, which feed nothing now) in the right-hand
column beside the output, as if results, and ran the wire x → z.in₂ under
y's card: the picture read z = y × y. The cards that lead to the output are
laid out alone, the rest apart under them, and no wire passes under a card.
Driven as a user: File › New, the f(x) bar, the name question, the toolbar's
Layout."""

from __future__ import annotations

from canvas_helpers import wire_cards_under
from window_helpers import answers, tmp_settings, trigger, type_formula, window  # noqa: F401


def labelled(m, name: str) -> str:
    (n,) = [n for n in m.nodes() if m.label(n) == name]
    return n


def test_layout_after_replace_puts_the_dead_branch_apart_and_no_wire_under_a_card(qtbot, window):
    w = window
    w.resize(1366, 768)
    trigger(w, "new")  # Ctrl+N
    type_formula(qtbot, w, "y = x**2 + 3*x", None)
    type_formula(qtbot, w, "z = y * x", None)  # (y and x on the canvas)
    type_formula(qtbot, w, "y = x - 1", "replace")  # Replace y
    m = w.model
    z, y, x = labelled(m, "z"), labelled(m, "y"), labelled(m, "x")
    assert m.output == z and m.inputs(z) == [y, x]
    dead = [labelled(m, "x**2"), labelled(m, "3*x"), labelled(m, "3")]
    assert all(not m.consumers(n) or n == labelled(m, "3") for n in dead)
    trigger(w, "layout")  # the toolbar's Layout
    live = [n for n in m.nodes() if n not in dead]
    lowest_live = max(m.position(n)[1] for n in live)
    for n in dead:  # apart, under the cards that lead to z
        assert m.position(n)[1] > lowest_live + 110, (m.label(n), m.position(n))
        assert m.position(n)[0] < m.position(z)[0], m.label(n)  # not in z's column
    for s, t, port in m.edges():  # every wire runs forward, under no card
        assert m.position(s)[0] < m.position(t)[0], (m.label(s), m.label(t))
        assert wire_cards_under(w.scene, s, t, port) == [], (m.label(s), m.label(t))
