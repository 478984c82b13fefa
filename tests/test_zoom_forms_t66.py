"""Trial 66 #9: at 83 % in a finished pass the same kind of number read two
ways at once, a's "grad −1e−5" beside b's "grad 1.0e−5" (−9.978e−6 and
9.978e−6: the minus a glyph too wide for the zoom's two digits, so the
negative one lost a digit), and tanh's o = −0.999998 read "−1.0000", as
exactly −1, on a slide about its saturation. Equal sizes now read alike,
and a rounding that looks whole where the number is not says "≈"."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_saved, run_to_end, tmp_settings, window  # noqa: F401

from core.explain.format import MINUS
from core.graph.model import GraphModel
from gui.canvas.cards.zoom_digits import grad_forms_at, value_forms_at


def _homework() -> GraphModel:
    """The trial's homework: o = tanh(a*b + c), a = 3, b = −3, c = 2."""
    m = GraphModel()
    m.add_node("leaf", "a", label="a", value=3.0, x=-300, y=-120)
    m.add_node("leaf", "b", label="b", value=-3.0, x=-300, y=0)
    m.add_node("leaf", "c", label="c", value=2.0, x=-300, y=150)
    m.add_node("mul", "mul1", label="mul1", x=-100, y=-60)
    m.add_node("add", "add1", label="add1", x=100, y=20)
    m.add_node("tanh", "o", label="o", x=250, y=130)
    m.connect("a", "mul1", 0)
    m.connect("b", "mul1", 1)
    m.connect("mul1", "add1", 0)
    m.connect("c", "add1", 1)
    m.connect("add1", "o", 0)
    return m


def _texts(w, node: str, kind: str) -> list[str]:
    return [t.text for t in w.scene.node_item(node).texts_at(w.view.zoom) if t.kind == kind]


def test_at_83_percent_equal_gradients_read_alike_and_tanh_near_minus_one_is_not(qtbot, window, tmp_path):
    w = window
    open_saved(qtbot, w, _homework(), tmp_path / "homework.mgraph", (1280, 800))
    assert math.isclose(w.model.value("o"), math.tanh(-7.0)) and w.model.value("o") > -1
    run_to_end(qtbot, w)
    w.view.set_zoom(0.83)
    QApplication.processEvents()
    ga, gb = (_texts(w, n, "grad") for n in ("a", "b"))
    assert len(ga) == len(gb) == 1, (ga, gb)
    # (was "grad −1e−5" beside "grad 1.0e−5")
    assert ga[0].replace(f"grad {MINUS}", "grad ") == gb[0], (ga, gb)
    assert gb[0].endswith("1.0e−5"), gb  # the zoom's two digits, on both
    value = _texts(w, "o", "value")
    assert value and value[0] != "−1.0000", value  # (was "−1.0000": exactly −1 it is not)
    assert value[0] in ("−0.999998", "≈−1.0000"), value


def test_a_rounding_that_reads_whole_says_approximately_at_every_zoom():
    """The forms every card, folded row and linked copy writes: a number a hair from a
    whole one (−0.999998, tanh(8), 2.000003) never as a bare "−1.0000" or "−1.0"; an exact
    −1 stays "−1.0000", and a shorter form of a number its four decimals show is no whole
    one stays as it is ("−2.0" for −2.0347)."""
    for v in (-0.999998, math.tanh(8.0), 2.000003, -0.99999999999777):
        for need in (None, 8, 12, 13, 14, 16, 20, 30, 40):
            for t in value_forms_at(v, need) + grad_forms_at(v, need):
                if t.startswith("≈") or "e" in t:
                    continue
                assert float(t.replace(MINUS, "-")) != round(v), (v, need, t)
    assert value_forms_at(-1.0, None)[0] == "−1.0000"
    forms = value_forms_at(-2.0347, None)
    assert "−2.0" in forms and not any("≈" in t for t in forms), forms
    assert grad_forms_at(1.0, None)[0] == "1.0000"
