"""Fit shows nested groups' frames whole (trial 74 #11: with six nested groups the outer
frames' left edges sat off the canvas after opening and after Fit, room to spare on the right;
with 50, the tabs of levels 0-45 were off-screen). Fit took in the cards, not the frames
that reach past them, a padding a level."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, window  # noqa: F401

from gui.canvas.folding.group_items import GroupFrame


def nested_file(tmp_path, levels: int):
    """The lecture's L = (a*b + c)*f with a and b in ``levels`` groups, each in the one before."""
    groups = [
        {"id": f"g{i}", "label": f"level {i}", "parent": f"g{i - 1}" if i else None, "collapsed": False,
         "members": ["a", "b"] if i == levels - 1 else []}
        for i in range(levels)
    ]  # fmt: skip
    nodes = [
        {"id": n, "op": "leaf", "label": n, "value": v}
        for n, v in (("a", 2.0), ("b", -3.0), ("c", 10.0), ("f", -2.0))
    ]
    nodes += [{"id": "e", "op": "mul", "label": "e"}, {"id": "d", "op": "add", "label": "d"}]
    nodes += [{"id": "L", "op": "mul", "label": "L"}]
    wires = [("a", "e", 0), ("b", "e", 1), ("e", "d", 0), ("c", "d", 1), ("d", "L", 0), ("f", "L", 1)]
    doc = {
        "directed": True, "multigraph": True,
        "graph": {"format": "micrograd-studio", "version": 1, "output": "L", "groups": groups},
        "nodes": nodes,
        "edges": [{"source": s, "target": t, "port": p} for s, t, p in wires],
    }  # fmt: skip
    p = tmp_path / f"deep{levels}.mgraph"
    p.write_text(json.dumps(doc))
    return p


def frames_cut(w) -> list[str]:
    """The frames (their name tabs included) not wholly on the canvas."""
    seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    frames = [it for it in w.scene.items() if isinstance(it, GroupFrame) and it.isVisible()]
    assert frames
    return [f.gid for f in frames if not seen.contains(f.sceneBoundingRect())]


@pytest.mark.parametrize("levels", [6, 50])
def test_fit_shows_every_nested_frame_whole(qtbot, window, tmp_path, levels):
    window.resize(1366, 768)  # the trial's screen
    QApplication.processEvents()
    assert window.open_path(nested_file(tmp_path, levels))
    qtbot.wait(50)  # (the fit after opening)
    assert frames_cut(window) == []
    window.view.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key.Key_Plus)  # zoomed in: frames off the canvas
    assert frames_cut(window)
    qtbot.keyClick(window.view, Qt.Key.Key_F)  # View › Fit All
    QApplication.processEvents()
    assert frames_cut(window) == []
