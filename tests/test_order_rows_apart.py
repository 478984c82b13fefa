"""Trial 51 #8: the exp form of tanh built with the f(x) bar beside the
neuron has two nodes "exp(2*n)", two "2*n" and two constants "2 (in 2*n)",
with different gradients. The banner told them apart ("(exp(2*n), id
exp2)"), the Order list did not: two rows read "exp(2*n)". Rows that read
the same are told apart by the banner's rule (group, else id), and so is
the Chain Rule panel's heading. Driven as a user: the bar, Ctrl+B, End,
arrow keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_formula_bar_name_taken import EXP_FORM, open_neuron
from window_helpers import answers, menu_action, tmp_settings, type_formula, window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
DISPLAY = Qt.ItemDataRole.DisplayRole


def neuron_with_exp_form(qtbot, w):
    """The neuron with tanh's exp form typed into the f(x) bar, stepping by hand."""
    auto = menu_action(w.menus["backward"], "autoplay")
    if auto.isChecked():
        auto.trigger()  # stepping by hand
    open_neuron(w)
    type_formula(qtbot, w, EXP_FORM, "rename")
    return w


def _rows(w) -> dict[int, str]:
    om = w.backward.order_panel.model
    return {p: om.data(om.index_of(p, 1), DISPLAY) for p in range(1, w.backward.replay.last + 1)}


def test_order_rows_sharing_a_label_are_told_apart_as_the_banner_does(qtbot, window):
    w = neuron_with_exp_form(qtbot, window)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    assert w.backward.animator.at_end
    rows = _rows(w)
    assert len(set(rows.values())) == len(rows), sorted(rows.values())  # no two rows alike
    replay, m = w.backward.replay, w.model
    exps = {p: r for p, r in rows.items() if r.startswith("exp(2*n) (id")}  # (not exp(2*n) + 1)
    assert len(exps) == 2
    for p, r in exps.items():
        node = w.backward.order_panel.model.node_at(p)
        assert r == f"exp(2*n) (id {node})", rows
        # the banner at that step names it the same way
        qtbot.keyClick(w.view, Qt.Key.Key_Home)
        for _ in range(p):
            qtbot.keyClick(w.view, Qt.Key.Key_Right)
        assert f"(exp(2*n), id {node})" in w.backward.narration.text()
        assert w.backward.chain_panel.text().startswith(f"(exp(2*n), id {node}) — Exp")
    twos = sorted(r for r in rows.values() if r.startswith("2 (in 2*n"))
    consts = sorted(n for n in replay.result.order if m.label(n) == "2")
    assert twos == sorted(f"2 (in 2*n, id {n})" for n in consts), rows
    assert rows[1] == "o2" and "x1" in rows.values()  # a row whose text is its own reads as before


def test_the_banner_and_heading_tell_two_constants_2_apart_as_their_rows_do(qtbot, window):
    """Verify 51 N-d: at the constants' steps the banner and the Chain Rule
    heading read only "the constant 2 (in 2*n)" for both (gradients −0.532
    and 0.7523); they name each as its Order row does."""
    w = neuron_with_exp_form(qtbot, window)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    rows = _rows(w)
    twos = {p: r for p, r in rows.items() if r.startswith("2 (in 2*n")}
    assert len(twos) == 2
    seen = set()
    for p, row in twos.items():
        qtbot.keyClick(w.view, Qt.Key.Key_Home)
        for _ in range(p):
            qtbot.keyClick(w.view, Qt.Key.Key_Right)
        node = w.backward.order_panel.model.node_at(p)
        assert row == f"2 (in 2*n, id {node})"
        said = w.backward.narration.text()
        assert f"the constant {row} is a leaf" in said, said
        assert w.backward.chain_panel.text().startswith(f"the constant {row} — Value")
        seen.add(said)
    assert len(seen) == 2  # two banners, not one sentence twice


def test_the_labels_shared_are_read_once_a_pass_for_the_banner_and_the_rows(qtbot, window, monkeypatch):
    # each built a table of every node's label at each Backward pressed (120 ms at 50,000 nodes)
    from core.explain import names

    w = neuron_with_exp_form(qtbot, window)
    read: list[int] = []
    real = names.shared_labels
    monkeypatch.setattr(names, "shared_labels", lambda attrs: read.append(len(attrs)) or real(attrs))
    w.view.setFocus()
    for _ in range(2):  # a pass, then another
        qtbot.keyClick(w.view, Qt.Key.Key_B, CTRL)
        qtbot.keyClick(w.view, Qt.Key.Key_End)
        rows = _rows(w)
        assert len(set(rows.values())) == len(rows)  # (both told apart)
        assert "(exp(2*n), id" in w.backward.narration.text() or any("(id exp" in r for r in rows.values())
    assert read == [len(w.model)] * 2, read


def test_shared_labels_names_each_label_several_nodes_share_a_node_without_one_by_its_id():
    from core.explain.names import shared_labels

    attrs = {"a": {"label": "w"}, "b": {"label": "w"}, "c": {}, "d": {"label": ""}, "e": {"label": "c"}}
    assert shared_labels(attrs) == {"w": ["a", "b"], "c": ["c", "e"]}  # (c goes by its id: as e's label)
    assert shared_labels({"a": {"label": "x"}, "b": {}}) == {}


def python_steps(fn) -> int:
    """How many lines of Python ``fn`` runs (its C loops count as one)."""
    import sys

    steps = 0

    def trace(frame, event, arg):
        nonlocal steps
        steps += event == "line"
        return trace

    sys.settrace(trace)
    try:
        fn()
    finally:
        sys.settrace(None)
    return steps


def test_shared_labels_of_a_graph_whose_labels_are_its_own_takes_no_python_step_a_node():
    """Read at each Backward pressed (issue 14: ~15 ms of the press at 50,000
    nodes, most without a label, each named in a Python loop by its id)."""
    from core.explain.names import shared_labels

    attrs = {f"n{i}": ({"label": f"L{i}"} if i % 3 == 0 else {}) for i in range(3000)}
    attrs["n1"]["label"] = ""
    assert python_steps(lambda: shared_labels(attrs)) < 30
    assert shared_labels(attrs) == {}
    attrs["n3"]["label"] = "n4"  # (n4 has none: it goes by its id)
    assert shared_labels(attrs) == {"n4": ["n3", "n4"]}
    attrs["n3"]["label"] = "n6"  # (n6 has one: it goes by it, not by its id)
    assert shared_labels(attrs) == {}
    attrs["n3"]["label"] = "L6"
    assert shared_labels(attrs) == {"L6": ["n3", "n6"]}
