"""Trial 69 #12: t typed as −0 read "0.0000" on its card while 1/t read
−inf: "t = 0, 1/t = −inf" looks like the app is wrong. A −0 value is shown
with its sign, "−0.0000", as Properties writes "−0.0"; a 0 stays "0.0000"."""

from __future__ import annotations

from test_no_slope_where_nan import click_card, finished_pass, node
from window_helpers import answers, tmp_settings, type_formula, type_on_card, window  # noqa: F401


def value_shown(w, n: str) -> str:
    """The value ``n``'s card draws at the view's zoom."""
    (text,) = [t.text for t in w.scene.node_item(n).texts_at(w.view.zoom) if t.kind == "value"]
    return text


def test_a_negative_zero_is_shown_with_its_sign(qtbot, window):
    w = window
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)
    type_formula(qtbot, w, "p = 1/t", None)
    t, p = node(w, "t"), node(w, "p")
    type_on_card(qtbot, w, t, "-0")
    assert w.model.value(p) == float("-inf")
    assert value_shown(w, p) == "−inf"
    assert value_shown(w, t) == "−0.0000"
    assert w.scene.node_item(t).value_text == "−0.0000"
    qtbot.waitUntil(lambda: w.properties.value_edit.text() == "−0.0")  # (Properties said so already)
    w.view.zoom_by(0.55)  # further out: its shorter forms keep the sign too
    assert value_shown(w, t).startswith("−0"), value_shown(w, t)
    w.view.zoom_by(1 / 0.55)
    # the texts about it too: "t = −0", not "t = 0" beside 1/t = −inf
    finished_pass(qtbot, w)
    click_card(qtbot, w, p)
    click_card(qtbot, w, t)
    panel = w.backward.chain_panel
    qtbot.waitUntil(lambda: panel.node == t and "t = −0  (a leaf value)" in panel.text(), timeout=2000)
    slope = w.properties.slope_label.text()
    assert "worked out at t = −0, not a slope: p is −inf there" in slope, slope
    type_on_card(qtbot, w, t, "0")
    assert w.model.value(p) == float("inf")
    assert value_shown(w, t).startswith("0")
