"""Help › About's text (kept out of the window, which is at the size limit)."""

from __future__ import annotations

from gui.window.documents import APP_NAME

ABOUT = (
    f"<h3>{APP_NAME}</h3><p>Build a computation graph by hand and watch backpropagation run through it, "
    "node by node, the way the “building micrograd” lecture does it on paper.</p>"
    "<p>Every number is float64, computed as PyTorch's autograd computes it.</p>"
)
