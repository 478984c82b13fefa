"""A folded group's input rows show what the group sends back across its
boundary to each input, not the input's whole gradient (trial 50: a folded
"c = x*y + x**2" read "y ∇0.5061", y's total, where the group sends y only
0.8745, as its wire's tooltip says; the other −0.3684 comes from −y outside)."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_duplicate_groups import CTRL, keys
from test_groups_gui import type_name_soon
from window_helpers import answers, hover_tip, menu_action, tmp_settings, window  # noqa: F401

from core.code.codeadd import import_code
from core.files import fileio

FORMULA = "f = tanh(x*y + x**2) * exp(-y)"
X, Y = 0.7, -0.3
NUMBER = re.compile(r"[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?")


def f_split(x: float, y_in: float, y_out: float) -> float:
    """f with y's use inside the group (x*y) apart from its use outside (−y)."""
    return math.tanh(x * y_in + x**2) * math.exp(-y_out)


def central(fn, at: float, h: float = 1e-6) -> float:
    return (fn(at + h) - fn(at - h)) / (2 * h)


#: What the group c = x*y + x**2 sends back to each input (finite differences
#: through its uses inside the group alone; PyTorch float64 gives 1.374257638758206
#: and 0.8745275883006765), and y's whole gradient (0.5061442616702931).
BACK_X = central(lambda x: f_split(x, Y, Y), X)
BACK_Y = central(lambda y: f_split(X, y, Y), Y)
TOTAL_Y = central(lambda y: f_split(X, y, y), Y)


def folded_f(qtbot, w, tmp_path):
    """f imported, opened, its x*y, x**2 and their sum grouped with Ctrl+G
    as "inner c" and folded with Ctrl+[ (the trial's steps); the card."""
    model, _plan = import_code(FORMULA, {"x": X, "y": Y})
    path = tmp_path / "f.mgraph"
    fileio.save(model, str(path))
    w.resize(1600, 1000)
    assert w.open_path(str(path))
    QApplication.processEvents()
    m = w.model
    inner = [n for n in m.nodes() if m.label(n) in ("x*y", "x**2", "x*y + x**2")]
    assert len(inner) == 3
    w.scene.select_ids(inner)
    type_name_soon(qtbot, "inner c")
    keys(qtbot, w, Qt.Key.Key_G, CTRL)
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL)
    card = next(c for c in w.scene.folding.cards() if c.label == "inner c")
    return card


def start_pass(qtbot, w) -> None:
    auto = menu_action(w.menus["backward"], "autoplay")
    if auto.isChecked():
        auto.trigger()
    keys(qtbot, w, Qt.Key.Key_B, CTRL)


def rows(card, zoom: float = 1.0) -> dict[str, str]:
    """The card's rows as drawn at ``zoom``, by the name each starts with."""
    return {t.text.split()[0]: t.text for t in card.texts_at(zoom) if t.kind == "row"}


def grad_in(text: str) -> float | None:
    """The gradient a row shows (after its ∇), None if it shows none."""
    if "∇" not in text:
        return None
    return float(NUMBER.findall(text.split("∇")[1])[0].replace("−", "-"))


def test_a_folded_groups_input_rows_show_what_it_sends_back_across_its_edge(qtbot, window, tmp_path):
    w = window
    card = folded_f(qtbot, w, tmp_path)
    m = w.model
    y = next(n for n in m.nodes() if m.label(n) == "y")
    out = next(n for n in m.nodes() if m.label(n) == "x*y + x**2")
    start_pass(qtbot, w)
    seen_y_before = False
    # up to the steps of x*y and x**2 (the group's last): nothing sent back across its edge yet
    while grad_in(rows(card)["y"]) is None:
        assert grad_in(rows(card)["x"]) is None, rows(card)
        seen_y_before |= w.scene.node_item(y).grad is not None  # (y's card has −y's part by now)
        keys(qtbot, w, Qt.Key.Key_Right)
    assert abs(grad_in(rows(card)["y"]) - BACK_Y) < 5e-5, rows(card)  # (the trial's step 5: "y ∇−0.3684")
    assert seen_y_before  # (−y's part on y's card, not on the row)
    assert card.highlight == "current"  # (the group's step shown)
    for _ in range(2):  # at the group's step, then at the end (End)
        shown = rows(card)
        assert abs(grad_in(shown["x"]) - BACK_X) < 5e-5, shown  # 1.3743
        assert abs(grad_in(shown["y"]) - BACK_Y) < 5e-5, shown  # 0.8745, not y's total 0.5061
        dfdc = central(lambda c: math.tanh(c) * math.exp(-Y), X * Y + X**2)
        assert abs(grad_in(shown["x*y"]) - dfdc) < 5e-5, shown  # the output: what came back to it, 1.2493
        keys(qtbot, w, Qt.Key.Key_End)
    assert w.backward.animator.at_end
    assert abs(w.scene.node_item(y).grad - TOTAL_Y) < 1e-6  # y's own card: its total, 0.5061
    assert m.value(out) is not None


def test_hovering_a_folded_card_labels_an_inputs_total_apart_from_what_the_group_sends_back(
    qtbot, window, tmp_path
):
    w = window
    card = folded_f(qtbot, w, tmp_path)
    start_pass(qtbot, w)
    keys(qtbot, w, Qt.Key.Key_End)
    tip = hover_tip(w, card.mapToScene(card.rect().center()))
    assert "sent back</td>" in tip and "total grad</td>" in tip, tip
    row = re.search(r"<tr><td nowrap>y</td>(.*?)</tr>", tip)
    assert row is not None, tip
    cells = re.findall(r"<td nowrap align=right>&nbsp;&nbsp;(.*?)</td>", row.group(1))
    value, back, total = (float(c.replace("−", "-")) for c in cells)
    assert value == Y and abs(back - BACK_Y) < 5e-5 and abs(total - TOTAL_Y) < 5e-5, cells
    assert "every use added" in tip  # what "total" means, said


def test_a_step_reads_the_flow_on_the_crossing_wires_of_the_cards_it_changes_only(
    qtbot, window, tmp_path, monkeypatch
):
    """Every group of a 3,000-node graph folded (Ctrl+Shift+[): a step of the
    pass reads what crossed the boundaries of the few cards it changes, wire
    by wire, never every card's (at 50,000 nodes a step must not walk the
    graph); each group's wires are filed by node once, not at every step."""
    from test_fold_passes import grouped_dag

    from core.graph import gradient_flow

    read: list[tuple] = []
    real = gradient_flow.carried_back

    def counted(steps, rank, key, done=None):
        read.append(key)
        return real(steps, rank, key, done)

    monkeypatch.setattr(gradient_flow, "carried_back", counted)
    m = grouped_dag(nested=False)
    fileio.save(m, str(tmp_path / "dag.mgraph"))
    w = window
    w.resize(1600, 1000)
    assert w.open_path(str(tmp_path / "dag.mgraph"))
    keys(qtbot, w, Qt.Key.Key_BracketLeft, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Collapse All
    index = w.scene.folding._index
    crossing = {g: len(index.crossing(g)) for g in w.model.groups.ids()}
    assert len(crossing) == 30 and all(w.model.groups.get(g).collapsed for g in crossing)
    start_pass(qtbot, w)
    keys(qtbot, w, Qt.Key.Key_End)
    QApplication.processEvents()
    keys(qtbot, w, Qt.Key.Key_Home)
    counts = []
    for _ in range(6):
        del read[:]
        keys(qtbot, w, Qt.Key.Key_Right)
        QApplication.processEvents()
        counts.append(len(read))  # (~120 of the 4,428 wires crossing some card's boundary)
        assert len(read) <= 3 * max(crossing.values()) < sum(crossing.values()) / 4, counts
    assert any(counts)  # (the flow is read: the step's cards show it)
    assert 0 < index.wires_made == len(index._wires)  # (each group's wires filed by node once)
