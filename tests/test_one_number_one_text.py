"""Trial 64 #8: the banner and the captions rounded one number two ways. On the lecture's MLP at
step 14 (Presentation Mode, Ctrl+B, →, →) the banner said "h2.1[4].grad += −0.872 × 0.050887 =
−0.04437" (its product takes a digit more to check on paper) where the wire's caption and the
Chain Rule said "× 0.05089"; at step 5 (``picture --step 5``) the banner's "−1.0959" (four
decimals) was the caption's "−1.096" (four significant digits). Now every text of a step's view
writes a number by one rule (core/explain/equation.py: ``said``, the step's ``Pins``)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from test_captions_folded import captions
from test_presentation_mode import press, toggle_presentation
from window_helpers import answers, open_mlp_file, step_by_hand, tmp_settings, window  # noqa: F401

#: A number written with decimals, not a part of a name ("w3.1.1", "h2.1[4]").
_DECIMAL = re.compile(r"(?<![\w.\[])[−-]?\d+\.\d+(?:e[−-]?\d+)?(?![\w\]]|\.\d)")


def _roundings(text: str, x: float) -> set[str]:
    """The numbers written in ``text`` that are ``x`` rounded to their digits (three or more)."""
    out = set()
    for t in _DECIMAL.findall(text):
        if len(t.lstrip("−-").replace(".", "").lstrip("0")) < 3:
            continue
        places = len(t.split("e")[0].split(".")[1])
        if abs(float(t.replace("−", "-")) - x) <= 0.5 * 10.0**-places * (1 + 1e-9):
            out.add(t)
    return out


def _one_text_each(w) -> dict[str, set[str]]:
    """Each number of the step shown, as the banner, its captions and the Chain Rule write it:
    one text a number (asserted), by the number's repr."""
    rp, pos = w.backward.replay, w.backward.animator.pos
    step = rp.current(pos)
    texts = {
        "banner": w.backward.narration.text(),
        "chain rule": w.backward.chain_panel.text(),
        **{f"caption {i}": flow for i, (flow, _r) in enumerate(captions(w))},
    }
    assert len(texts) > 2, texts  # (the step's wires are captioned)
    seen = {}
    for x in (step.upstream, *step.locals, *step.contributions):
        if not _roundings(texts["banner"], x):  # (a local derivative of 1: no digits to differ)
            continue
        written = {where: _roundings(t, x) for where, t in texts.items()}
        forms = set().union(*written.values())
        assert len(forms) == 1, (x, written)
        seen[repr(x)] = forms
    assert len(seen) >= 2, seen
    return seen


def test_the_mlps_step_14_writes_each_number_alike_in_the_banner_captions_and_chain_rule(
    qtbot, window, tmp_path
):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    toggle_presentation(qtbot, w)
    step_by_hand(w)
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    for _ in range(2):
        press(qtbot, w, Qt.Key.Key_Right)
    assert w.backward.animator.pos == 14
    _one_text_each(w)
    banner = w.backward.narration.text()
    assert "× 0.050887 = −0.04437" in banner, banner  # (the product checks on paper: −0.872 × 0.050887)
    for flow, _r in captions(w):
        assert "0.05089 " not in flow + " ", flow
    assert "0.05089 " not in w.backward.chain_panel.text().replace("\n", " "), w.backward.chain_panel.text()


def test_the_mlps_step_5_writes_ypred4s_gradient_alike_in_the_banner_and_its_caption(qtbot, window, tmp_path):
    w = window
    open_mlp_file(qtbot, w, tmp_path)
    step_by_hand(w)
    w.view.setFocus()
    press(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, w, Qt.Key.Key_Right)  # (picture --step 5: the folded loss's steps 1–5 as one)
    assert w.backward.animator.pos == 5
    seen = _one_text_each(w)
    assert {"−1.0959"} in seen.values(), seen
    assert any(flow.endswith("= −1.0959") for flow, _r in captions(w)), captions(w)
