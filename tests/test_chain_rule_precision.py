"""The Chain Rule panel's equations add up when redone on paper (trial 51:
``n = … = (−6) + 6.881 = 0.8814`` cut the operand to four significant
digits but kept four decimals in the result: 6.881 − 6 is 0.881). A sum's
numbers share their decimal places; a product's keep the card's digits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, click_item, step_by_hand, tmp_settings, window  # noqa: F401

EX = Path(__file__).resolve().parent.parent / "resources" / "examples"


def pass_at(qtbot, w, name: str, steps: int) -> None:
    """The example opened, Ctrl+B on the canvas, → pressed ``steps`` times."""
    assert w.open_path(str(EX / f"{name}.mgraph"))
    QApplication.processEvents()
    step_by_hand(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(steps):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()


def test_the_neurons_sum_adds_up_at_step_2(qtbot, window):
    w = window
    pass_at(qtbot, w, "neuron_tanh", 2)  # step 2: n passes its gradient back
    text = w.backward.chain_panel.text()
    assert "= (−6) + 6.8814 = 0.8814" in text, text  # not (−6) + 6.881 = 0.8814
    assert "6.881 " not in text
    click_item(qtbot, w, w.scene.node_item("b"))  # b: the card's 6.8814, not 6.881
    assert "b = 6.8814  (a leaf value)" in w.backward.chain_panel.text()


def test_a_gradient_sum_and_a_product_as_the_cards_write_them(qtbot, window):
    w = window
    pass_at(qtbot, w, "neuron_exp", 0)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    e = next(n for n in w.model.nodes() if w.model.label(n) == "e")
    click_item(qtbot, w, w.scene.node_item(e))
    text = w.backward.chain_panel.text()
    # its two contributions, −(e − 1)/(e + 1)² = −0.10355339 and 1/(e + 1) = 0.14644661,
    # to the places at which they add up on paper to their sum 0.04289322 (verify 51:
    # −0.10355 + 0.14645 is 0.04290, and at six places 0.042894)
    assert "e.grad = −0.1035534 + 0.1464466 = 0.0428932" in text, text
    assert "e = exp(2n) = exp(1.7627) = 5.8284" in text  # the cards' 1.7627 and 5.8284
    assert "= 0.04289 × 5.8284 = 0.25" in text  # a product: no factor padded to its neighbour's places


def test_the_banner_sums_and_multiplies_as_on_paper(qtbot, window):
    """Verify 51 N-b: step 3's banner said "(now −0.1036 + 0.1464 = 0.04289)"
    (0.0428 on paper) and step 5's "(2).grad += 0.25 × 0.8814 = 0.2203" (0.25 ×
    0.8814 is 0.22035, 0.2204; n is 0.8813736: 0.25 × 0.88137 = 0.2203425)."""
    w = window
    pass_at(qtbot, w, "neuron_exp", 3)
    said = w.backward.narration.text()
    assert "e.grad += 0.1464 × 1 = 0.1464 (now −0.1035534 + 0.1464466 = 0.0428932)" in said, said
    for _ in range(2):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    said = w.backward.narration.text()
    assert "(2).grad += 0.25 × 0.88137 = 0.2203" in said, said
    assert "n.grad += 0.25 × 2 = 0.5" in said, said
