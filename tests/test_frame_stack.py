"""Far out, many overlapping group frames: the frame layer keeps pictures of
the stack part way up (gui/canvas/folding/frame_stack.py), so folding a group in the
middle of the stack draws only the frames above it, and every frame has
exactly the pixels of drawing every frame there (no picture kept)."""

from __future__ import annotations

from PySide6.QtGui import QImage
from test_overview_cache import differing, far_canvas, frame, local_grid

from core.graph.groups import Group
from gui.canvas.folding.frame_stack import MIN_FRAMES, FrameStack
from gui.canvas.folding.group_items import GroupFrame


def stacked(n: int = 1600, groups: int = 160):
    """``groups`` groups, each of cards spread over the whole grid: their
    frames all overlap, as a 50,000-node graph's in groups of 100 do far out."""
    m = local_grid(n)
    ids = m.nodes()
    m.groups.load([Group(f"g{k}", f"part {k}", set(ids[k::groups])) for k in range(groups)])
    return m


def every_frame_drawn(view, layer, monkeypatch) -> QImage:
    """The view with the frames' picture drawn again, every frame, no picture of the stack used."""
    with monkeypatch.context() as mp:
        mp.setattr(FrameStack, "plan", lambda self, *a: setattr(self, "_active", False))
        layer.update()
        return frame(view)


def by_z(scene) -> list[GroupFrame]:
    return sorted((f for f in scene.folding._frames.values() if f.isVisible()), key=lambda f: f.zValue())


def test_folding_a_group_mid_stack_draws_only_the_frames_above_it(qtbot, monkeypatch):
    scene, view, _ = far_canvas(qtbot, model=stacked())
    layer = scene.folding._frame_layer
    frames = by_z(scene)
    assert len(frames) >= MIN_FRAMES and scene.far
    painted: list[GroupFrame] = []
    real = GroupFrame.paint_frame

    def counting(self, painter):
        painted.append(self)
        real(self, painter)

    monkeypatch.setattr(GroupFrame, "paint_frame", counting)
    middle = frames[len(frames) // 2]
    scene.model.groups.set_collapsed(middle.gid, True)
    shown = frame(view)
    assert painted and len(painted) <= len(frames) // 2  # the frames over it, not those under
    assert all(f.zValue() > middle.zValue() for f in painted)
    assert layer._stack.kept == 3  # (a quarter, half and three quarters of the way up)
    assert differing(shown, every_frame_drawn(view, layer, monkeypatch)) == []


def test_changes_low_and_high_in_the_stack_keep_the_pixels_of_drawing_every_frame(qtbot, monkeypatch):
    scene, view, editor = far_canvas(qtbot, model=stacked())
    layer = scene.folding._frame_layer
    groups = scene.model.groups
    frames = by_z(scene)
    low, high = frames[5].gid, frames[-20].gid

    def check() -> None:
        shown = frame(view)
        assert differing(shown, every_frame_drawn(view, layer, monkeypatch)) == []
        assert frame(view) == shown

    for step in (
        lambda: groups.set_collapsed(high, True),
        lambda: groups.set_collapsed(low, True),  # under every picture: from the bottom
        lambda: groups.set_collapsed(high, False),  # opened: drawn over the picture, on top
        lambda: groups.set_collapsed(frames[len(frames) // 2].gid, True),
        lambda: groups.set_collapsed(low, False),
        lambda: view.set_zoom(view.zoom * 1.25),  # another transform: drawn anew, pictures anew
        lambda: groups.set_collapsed(frames[len(frames) // 3].gid, True),
        view.fit_all,
        lambda: groups.rename(frames[-3].gid, "a new name"),  # a frame over the pictures: drawn as before
        lambda: groups.rename(frames[3].gid, "another name"),  # under them: from the bottom
    ):
        step()
        check()
    assert layer._stack.skipped > 0
