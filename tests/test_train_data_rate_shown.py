"""Train on Data's status line names the learning rate each step used
(trial 75 #7: "Step 1: … learning rate 0.991" named the next step's; step 1
used 1.0). Driven as a user: the menu, Reset and Step; the rates read off
the status line are checked against the schedule 1 − 0.9·k/100 and against
torch doing the same steps with them."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.learn.fit import Mlp

torch = pytest.importorskip("torch")


def torch_step(m: Mlp, xs, ys, l2: float, rate: float) -> list[float]:
    """One full-batch step of micrograd's demo (hinge loss + L2) in torch: the new parameters."""
    params = [torch.tensor(W, dtype=torch.float64, requires_grad=True) for W in m.weights]
    biases = [torch.tensor(B, dtype=torch.float64, requires_grad=True) for B in m.biases]
    h = torch.tensor(xs, dtype=torch.float64)
    for i, (W, B) in enumerate(zip(params, biases)):
        h = h @ W.T + B
        if i < len(params) - 1:
            h = torch.relu(h)
    y = torch.tensor(ys, dtype=torch.float64)
    loss = torch.relu(1 - y * h[:, 0]).mean()
    loss = loss + l2 * sum((p * p).sum() for p in (*params, *biases))
    loss.backward()
    new = []
    with torch.no_grad():
        for W, B in zip(params, biases):
            for j in range(W.shape[0]):
                new += [*(W[j] - rate * W.grad[j]).tolist(), (B[j] - rate * B.grad[j]).item()]
    return new


def test_each_step_line_names_the_rate_that_step_used(qtbot, window):
    trigger(window, "learn_train_data")
    f = window.training
    p = f.panel
    for button in (p.reset, p.step):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        QApplication.processEvents()
    tr = f.trainer
    s = tr.settings
    assert (s.lr_start, s.lr_end, s.schedule_steps, s.schedule) == (1.0, 0.1, 100, "linear")
    before = Mlp.init(tr.data.nin, list(s.layers), s.seed, s.activation)
    for k in range(3):
        if k:
            qtbot.mouseClick(p.step, Qt.MouseButton.LeftButton)
            QApplication.processEvents()
        said = p.status.text()
        assert said.startswith(f"Step {k + 1}: "), said
        rate = float(re.search(r"learning rate ([0-9.]+)\.$", said).group(1))
        assert k or said.endswith("learning rate 1.0."), said
        assert rate == pytest.approx(1.0 - 0.9 * k / 100, abs=5e-4)  # the demo's schedule at step k
        expected = torch_step(before, tr.data.xs, tr.data.ys, s.l2, rate)
        assert tr.model.parameters() == pytest.approx(expected, rel=1e-9, abs=1e-12)
        before = tr.model.copy()
