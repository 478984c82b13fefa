"""Verify 50, N9 (trial #5): after Ctrl+G on the teacher's f = tanh(x*y +
x**2) * exp(-y), grouping x*y, x**2 and their sum, the x card was cut at
the view's left edge and its linked-copy badge read "opies": making room
for the copies moved the cards, the view stayed. The view now keeps the
new group, the originals of its copies and their badges whole in view."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QApplication
from test_duplicate_groups import CTRL, keys
from test_folded_boundary_grads import FORMULA, X, Y
from test_groups_gui import type_name_soon
from window_helpers import answers, open_file_at, tmp_settings, window  # noqa: F401

from core.code.codeadd import import_code
from core.files import fileio


def seen(w) -> QRectF:
    return w.view.mapToScene(w.view.viewport().rect()).boundingRect()


def group_inner(qtbot, w, tmp_path, zoom_in: int = 0) -> str:
    model, _plan = import_code(FORMULA, {"x": X, "y": Y})
    path = tmp_path / "f.mgraph"
    fileio.save(model, str(path))
    open_file_at(qtbot, w, str(path), (1600, 1000))
    m = w.model
    inner = [n for n in m.nodes() if m.label(n) in ("x*y", "x**2", "x*y + x**2")]
    for _ in range(zoom_in):  # the trial's view: zoomed in from the fit, the graph not all in view
        keys(qtbot, w, Qt.Key.Key_Plus)
    w.scene.select_ids(inner)
    before = set(w.model.groups.ids())
    type_name_soon(qtbot, "inner c = x*y + x**2")
    keys(qtbot, w, Qt.Key.Key_G, CTRL)
    QApplication.processEvents()
    (gid,) = set(w.model.groups.ids()) - before
    return gid


def assert_whole_in_view(qtbot, w, gid: str) -> None:
    sc = w.scene
    for leaf in ("x", "y"):
        qtbot.waitUntil(lambda leaf=leaf: sc.linked.badge(leaf) is not None)  # (made as its card is seen)
        badge = sc.linked.badge(leaf)
        assert badge.isVisible()
        view = seen(w)
        assert view.contains(sc.node_item(leaf).sceneBoundingRect()), (leaf, view)
        assert view.contains(badge.sceneBoundingRect()), (leaf, badge.text(), view)
    assert seen(w).contains(sc.folding.frame(gid).sceneBoundingRect())


def test_grouping_in_a_fitted_view_keeps_the_graph_and_the_badges_in_view(qtbot, window, tmp_path):
    w = window
    gid = group_inner(qtbot, w, tmp_path)
    assert_whole_in_view(qtbot, w, gid)
    assert seen(w).contains(w.scene.node_item("f").sceneBoundingRect())  # (the output, right: not cut)


def test_grouping_in_a_zoomed_view_brings_the_group_and_its_copies_originals_into_view(
    qtbot, window, tmp_path
):
    w = window
    gid = group_inner(qtbot, w, tmp_path, zoom_in=2)
    assert not w.view.shows_whole()
    assert_whole_in_view(qtbot, w, gid)
