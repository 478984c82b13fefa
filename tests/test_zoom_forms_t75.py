"""Trial 75 #11: at 87 % a finished pass's cards read "grad 25.0" and "grad
19.0" beside "grad 7.0000" and "grad 6.0000" (the depth-first What If): 25's
four decimals do not fit where 7's do, so it fell to its three digits, and a
learner wondered whether 25 was rounded. Where the zoom writes four decimals a
wider number keeps as many as fit ("25.000"), still by the number and the zoom
alone."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import answers, open_saved, run_to_end, tmp_settings, window  # noqa: F401

from core.graph.model import GraphModel


def _two_products() -> GraphModel:
    """L = x*y + z*w: the gradients 25, 7, 19 and 6, whole numbers as in the trial."""
    m = GraphModel()
    for i, (n, v) in enumerate((("x", 7.0), ("y", 25.0), ("z", 6.0), ("w", 19.0))):
        m.add_node("leaf", n, label=n, value=v, x=-300, y=-240 + 160 * i)
    m.add_node("mul", "p", label="p", x=-50, y=-160)
    m.add_node("mul", "q", label="q", x=-50, y=160)
    m.add_node("add", "L", label="L", x=200, y=0)
    for s, t, port in (
        ("x", "p", 0),
        ("y", "p", 1),
        ("z", "q", 0),
        ("w", "q", 1),
        ("p", "L", 0),
        ("q", "L", 1),
    ):
        m.connect(s, t, port)
    m.set_output("L")
    return m


def _dfs_example() -> GraphModel:
    """What If's depth-first example: c = a + b, d = a·b, e = c + d, f = c·d, y = e + f at
    a = 2, b = 3; the gradients a 25, b 19, c 7, d 6."""
    m = GraphModel()
    m.add_node("leaf", "a", label="a", value=2.0, x=-300, y=-80)
    m.add_node("leaf", "b", label="b", value=3.0, x=-300, y=80)
    for n, op, x, y, ins in (
        ("c", "add", -50, -80, ("a", "b")),
        ("d", "mul", -50, 80, ("a", "b")),
        ("e", "add", 200, -80, ("c", "d")),
        ("f", "mul", 200, 80, ("c", "d")),
        ("y", "add", 450, 0, ("e", "f")),
    ):
        m.add_node(op, n, label=n, x=x, y=y)
        for port, s in enumerate(ins):
            m.connect(s, n, port)
    m.set_output("y")
    return m


def test_the_depth_first_example_at_87_percent(qtbot, window, tmp_path):
    w = window
    open_saved(qtbot, w, _dfs_example(), tmp_path / "dfs.mgraph", (1280, 800))
    run_to_end(qtbot, w)
    w.view.set_zoom(0.87)
    QApplication.processEvents()
    got = {n: _grad(w, n) for n in ("a", "b", "c", "d")}
    assert got == {"a": "25.000", "b": "19.000", "c": "7.0000", "d": "6.0000"}, got


def _grad(w, node: str) -> str:
    texts = [t.text for t in w.scene.node_item(node).texts_at(w.view.zoom) if t.kind == "grad"]
    assert len(texts) == 1, (node, texts)
    return texts[0].replace("∇", " ").split()[-1]


def test_at_87_percent_whole_gradients_keep_decimals_beside_four(qtbot, window, tmp_path):
    w = window
    open_saved(qtbot, w, _two_products(), tmp_path / "products.mgraph", (1280, 800))
    run_to_end(qtbot, w)
    w.view.set_zoom(0.87)
    QApplication.processEvents()
    got = {n: _grad(w, n) for n in ("x", "y", "z", "w")}
    assert got["y"] == "7.0000" and got["w"] == "6.0000", got  # the zoom's four decimals
    assert got["x"] not in ("25.0", "25") and got["z"] not in ("19.0", "19"), got  # (were "25.0", "19.0")
    assert got["x"] == "25.000" and got["z"] == "19.000", got
    w.view.grab().save(str(tmp_path / "t75_11.png"))
