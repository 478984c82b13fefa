"""What If… zooms in to whole cards so the "with the bug" captions show;
where the marked cards do not all fit, the view keeps those at the top and
left whole (trial 51 #16: on the neuron with the exp form, x1's header was
cut off at the canvas's top). Driven as a user: the f(x) bar, the Learn menu."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from window_helpers import answers, menu_action, tmp_settings, trigger, type_formula, window  # noqa: F401


def neuron_with_exp_form(qtbot, w) -> None:
    """The neuron, and o2 = its tanh written with exp (21 nodes), typed in the bar."""
    menu_action(w.menus["file"], "example_neuron_tanh").trigger()
    QApplication.processEvents()
    type_formula(qtbot, w, "o2 = (exp(2*n) - 1)/(exp(2*n) + 1)", None)  # (n: the canvas's, as it offers)
    assert len(w.model) == 21 and w.model.label(w.model.output) == "o2"


@pytest.mark.parametrize("size", [(1366, 768), (1600, 1000)])
def test_the_marked_cards_at_the_top_are_whole_in_view(qtbot, window, size):
    w = window
    w.resize(*size)
    neuron_with_exp_form(qtbot, w)
    trigger(w, "learn_whatif_assign")
    qtbot.wait(50)  # (the view moves once the loop turns: the panel has taken its room)
    QApplication.processEvents()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    marked = [n for n in w.model.nodes() if (w.scene.node_item(n).note or "").startswith("with the bug")]
    assert len(marked) == 8, marked
    rects = {n: w.scene.node_item(n).sceneBoundingRect() for n in marked}
    cut = [n for n, r in rects.items() if seen.intersects(r) and not seen.contains(r)]
    top = min(rects, key=lambda n: (rects[n].top(), rects[n].left()))
    assert seen.contains(rects[top]), (top, rects[top], seen)  # the first card read whole
    assert all(r.top() >= seen.top() for n, r in rects.items() if seen.intersects(r)), cut


def test_a_view_below_x1s_header_is_moved_to_show_it_whole(qtbot, window):
    """The trial's view: the leaves at the canvas's top, x1's header above it
    (here scrolled as far down as the canvas goes)."""
    w = window
    w.resize(1366, 768)
    neuron_with_exp_form(qtbot, w)
    w.view.set_zoom(0.9)
    x1 = w.scene.node_item("x1").sceneBoundingRect()
    port = w.view.viewport().rect()
    seen = w.view.mapToScene(port).boundingRect()
    w.view.centerOn(x1.left() + seen.width() / 2 - 60, x1.top() + 25 + seen.height() / 2)  # (scrolled so)
    assert not w.view.mapToScene(port).boundingRect().contains(x1)
    trigger(w, "learn_whatif_assign")
    qtbot.wait(50)
    QApplication.processEvents()
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    assert seen.contains(w.scene.node_item("x1").sceneBoundingRect()), seen
