"""Build Gradient Graph of a function with long names opens readable. A
trial (t68 #6) built the gradient graph of ``f = tanh(x*y + x**2) * exp(-y)``:
it opened at Fit's 39 %, every gradient card a bare number ("2.94",
"−3.53"), since one name, ``tanh(x*y + x**2).grad``, is never whole on its
card, so no zoom was found at which all were; zoomed in, that card read
"…x**2).grad", as its neighbour ``(x*y + x**2).grad`` does. Now the view
opens where every gradient card writes a name (whole where any zoom in
reach writes it whole), and a function's gradient keeps the function:
"tanh(…).grad"."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import answers, drop_code, menu_action, tmp_settings, window  # noqa: F401

from gui.canvas.readable_view import name_whole

F = """\
x = Value(0.5, label='x')
y = Value(-1.2, label='y')
f = (x*y + x**2).tanh() * (-y).exp(); f.label = 'f'
"""


def test_the_gradient_graph_of_long_names_opens_with_every_name_written(window, tmp_path):
    w = window
    drop_code(w, tmp_path, F)
    w.undo_stack.setClean()  # (as saved: no question before the gradient graph opens in its place)
    menu_action(w.menus["backward"], "gradient_graph").trigger()
    QApplication.processEvents()
    QApplication.processEvents()
    m, z = w.model, w.view.zoom
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    grads = [n for n in m.nodes() if m.label(n).endswith(".grad")]
    assert len(grads) >= 6
    for n in grads:
        card = w.scene.node_item(n)
        labels = [t.text for t in card.texts_at(z) if t.kind == "label"]
        assert labels, (m.label(n), z)
        assert seen.contains(card.sceneBoundingRect()), m.label(n)
    (tanh,) = [n for n in grads if m.label(n) == "tanh(x*y + x**2).grad"]
    card = w.scene.node_item(tanh)
    assert [t.text for t in card.texts_at(z) if t.kind == "label"] == ["tanh(…).grad"], z
    # the names a zoom in reach writes whole are whole
    assert name_whole(w.scene.node_item([n for n in grads if m.label(n) == "x.grad"][0]), z)
