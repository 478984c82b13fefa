"""Far out, folding or opening one group among many repaints the overview
(gui/canvas/overview/overview_repaints.py ``boxes_toggled``) where the
group's blocks and lines were or are, not the whole layer (the part of its
kept picture drawn again does not follow the size of the graph), and every
frame keeps the pixels of a direct paint."""

from __future__ import annotations

from PySide6.QtGui import QRegion
from test_overview_cache import differing, direct, far_canvas, frame, local_grid

from core.graph.groups import Group
from gui.canvas.picture_cache import PictureCache


def rows_grouped(n: int):
    """A grid of ``n`` cards (rows of 40, each card wired to its left and
    upper neighbours), each row a group."""
    m = local_grid(n)
    ids = m.nodes()
    m.groups.load([Group(f"r{k}", f"row {k}", set(ids[i : i + 40])) for k, i in enumerate(range(0, n, 40))])
    return m


def drawn_areas(monkeypatch, cache: PictureCache) -> list[int]:
    """The device pixels ``cache`` draws again at each of its paints (counted)."""
    areas: list[int] = []
    real = PictureCache._render

    def counting(self, img, todo: QRegion, t) -> None:
        if self is cache:
            areas.append(sum(r.width() * r.height() for r in todo))
        real(self, img, todo, t)

    monkeypatch.setattr(PictureCache, "_render", counting)
    return areas


def test_folding_one_group_far_out_draws_the_overview_again_only_around_it(qtbot, monkeypatch):
    scene, view, _ = far_canvas(qtbot, model=rows_grouped(4000))
    groups = scene.model.groups
    base, _over = scene._layer.pictures
    areas = drawn_areas(monkeypatch, base)
    vp = view.viewport()
    for collapsed in (True, False):  # folded, then opened again
        areas.clear()
        groups.set_collapsed("r50", collapsed)
        shown = frame(view)
        # (the whole layer, every line and block of the view drawn again, before)
        assert areas and sum(areas) < vp.width() * vp.height() / 10
        want = direct(view, monkeypatch)
        assert shown == want, differing(shown, want)


def test_folding_many_groups_at_once_draws_the_whole_overview_again(qtbot, monkeypatch):
    scene, view, _ = far_canvas(qtbot, model=rows_grouped(1600))
    groups = scene.model.groups
    with groups.batch():
        for k in range(0, 40, 2):
            groups.set_collapsed(f"r{k}", True)
    shown = frame(view)
    want = direct(view, monkeypatch)
    assert shown == want, differing(shown, want)
