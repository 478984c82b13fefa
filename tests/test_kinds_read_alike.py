"""Cards of one kind read alike zoomed out (verify 55: at 43 % a column of
products read "× n13_5" beside "n13_10", the sign kept only where it fitted
before the shorter names), and the kind's widest name is one shown (trial 55
#7: at 31 % the MLP's data leaves wrote "2", "3", "−1", not x1[1] …, as its
weights, folded away, had wider names)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from window_helpers import answers, click_item, open_mlp_file, open_saved, tmp_settings, window  # noqa: F401

from core.graph.model import GraphModel


def column(rows: int = 14) -> GraphModel:
    """Products named as the verify's grid names them, n13_1 … n13_14, over a column of leaves."""
    m = GraphModel()
    with m.batch():
        for i in range(1, rows + 1):
            a = m.add_node("leaf", f"a{i}", value=0.5, x=0.0, y=110.0 * i)
            b = m.add_node("leaf", f"b{i}", value=0.25, x=0.0, y=110.0 * i + 50)
            n = m.add_node("mul", f"n13_{i}", label=f"n13_{i}", x=240.0, y=110.0 * i)
            m.connect(a, n, 0)
            m.connect(b, n, 1)
    return m


def test_the_products_of_a_column_all_keep_their_sign_or_none_does(qtbot, window, tmp_path):
    w = window
    open_saved(qtbot, w, column(), tmp_path / "column.mgraph")
    cards = [w.scene.node_item(f"n13_{i}") for i in range(1, 15)]
    signed_somewhere = False
    for percent in (35, 40, 43, 46, 50, 55, 60):
        w.view.set_zoom(percent / 100)
        w.view.centerOn(cards[7])
        QApplication.processEvents()
        z = w.view.transform().m11()
        names = {c.label: next((t.text for t in c.texts_at(z) if t.kind == "label"), None) for c in cards}
        signs = {n: bool(t and t.startswith("× ")) for n, t in names.items() if t is not None}
        assert len(set(signs.values())) <= 1, (percent, names)
        signed_somewhere |= any(signs.values())
    assert signed_somewhere  # (near enough, every one says what makes it)


def test_the_mlps_data_leaves_say_their_names_while_the_weights_are_folded(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    gid = next(g.id for g in w.model.groups if g.label == "layer 3 [3]")
    click_item(qtbot, w, w.scene.folding.card(gid), double=True)  # as the trial opened it
    w.view.set_zoom(0.31)
    w.view.centerOn(w.scene.node_item("x1_2"))
    QApplication.processEvents()
    z, m = w.view.transform().m11(), w.model
    data = [n for n in m.nodes() if m.label(n).startswith("x")]
    assert len(data) == 12 and all(w.scene.node_item(n).isVisible() for n in data)
    said = {m.label(n): [t.text for t in w.scene.node_item(n).texts_at(z)] for n in data}
    assert all(texts == [name] for name, texts in said.items()), said  # x1[1] and x2[1] told apart


def test_the_data_leaves_say_their_names_again_once_the_weights_opened_are_folded(qtbot, window, tmp_path):
    # (review 57: a kind's widest name only grew: the weights' names, seen while open, kept
    # the data leaves writing numbers after the weights were folded again)
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    w.view.set_zoom(0.31)
    w.view.centerOn(w.scene.node_item("x1_2"))
    QApplication.processEvents()
    m = w.model
    data = [n for n in m.nodes() if m.label(n).startswith("x")]

    def said() -> dict[str, list[str]]:
        z = w.view.transform().m11()
        return {m.label(n): [t.text for t in w.scene.node_item(n).texts_at(z)] for n in data}

    assert all(texts == [name] for name, texts in said().items()), said()
    weights = next(g.id for g in m.groups if g.label == "layer 1 weights")
    click_item(qtbot, w, w.scene.folding.card(weights), double=True)  # opened
    w.view.set_zoom(0.31)
    w.view.centerOn(w.scene.node_item("x1_2"))
    QApplication.processEvents()
    w.grouping.set_collapsed([weights], True)  # and folded again
    w.view.set_zoom(0.31)
    w.view.centerOn(w.scene.node_item("x1_2"))
    QApplication.processEvents()
    assert all(texts == [name] for name, texts in said().items()), said()
