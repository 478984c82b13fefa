"""Starting Backward on a big graph seen far out zooms in on the root, and
only the root's region is revealed (issue 14): the switch to near zoom came
before the view moved to the root, so the region at the old centre was
revealed too, its cards caught up and its wires made, for nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from test_backward_scaling import big_graph, open_graph
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from gui.canvas.zoom_detail import ZoomDetail


def test_backward_from_far_out_reveals_the_roots_region_only(window, monkeypatch):
    w = window
    open_graph(w, big_graph(1500))
    w.action_fit.trigger()
    QApplication.processEvents()
    assert w.scene.far  # the test means something: the view zooms in at the start
    regions = []
    reveal = ZoomDetail.reveal
    monkeypatch.setattr(
        ZoomDetail, "reveal", lambda d, region, *a: regions.append(region) or reveal(d, region, *a)
    )
    w.backward.action_backward.trigger()
    QApplication.processEvents()
    assert not w.scene.far
    root = w.scene.node_item(w.backward.replay.root).sceneBoundingRect().center()
    assert regions and all(r.contains(root) for r in regions)
