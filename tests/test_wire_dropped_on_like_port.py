"""A wire dragged from an output onto another card's output (or from an
input onto an input) says why it cannot go there, not only where to drop it
(t69 #14: "Drop the wire on an input port" left a student guessing; a
leaf's refusal, "'c' is a leaf value; leaves have no inputs", said why)."""

from __future__ import annotations

from canvas_helpers import drag, out_port
from test_window_files import open_blog_example
from window_helpers import answers, tmp_settings, window  # noqa: F401


def test_an_output_dropped_on_an_output_says_why(qtbot, window):
    w = window
    open_blog_example(w)
    wires = len(w.model.edges())
    drag(w.view, out_port(w.scene, "a"), out_port(w.scene, "b"))
    assert len(w.model.edges()) == wires
    said = w.status_text().lower()
    assert "an output sends its value, it takes none" in said and "input port" in said, said
