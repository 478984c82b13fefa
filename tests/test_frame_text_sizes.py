"""Far out, a group frame's name is laid out for a font size that a zoom a
hair away keeps (the fit after Expand All came back at 0.00033369 where it
had been 0.00033377: every one of 500 frames laid its name out again, ~90 ms
of the row); the size is rounded up, so the name still reads at 11 px."""

from __future__ import annotations

from window_helpers import answers, show_mlp, tmp_settings, window  # noqa: F401

from gui.canvas.cards.card_text import MIN_PX, coarse_px, needed_px
from gui.canvas.folding import group_items


def test_coarse_sizes_round_up_by_at_most_a_sixteenth():
    for px in [*range(1, 200), 1000, 4097, 32957, 32965, 10**6]:
        c = coarse_px(px)
        assert px <= c <= px * (1 + 1 / 16), px
        assert coarse_px(c) == c
    assert coarse_px(40) == 40  # near zooms: the size needed, exactly
    assert coarse_px(32957) == coarse_px(32965)


def test_a_far_frame_keeps_its_name_laid_out_for_a_zoom_a_hair_away(qtbot, window, monkeypatch):
    w = window
    show_mlp(qtbot, w)
    w.grouping.expand_all()
    top = [w.scene.folding.frame(g.id) for g in w.model.groups if g.parent is None]
    frame = max(top, key=lambda f: f.boundingRect().width() * f.boundingRect().height())  # room for its name
    frame.set_far(True)
    laid = []
    real = group_items.GroupFrame._layout
    monkeypatch.setattr(group_items.GroupFrame, "_layout", lambda s, n, z: laid.append(n) or real(s, n, z))
    z = MIN_PX / 74.9  # 75 px needed, and a hair further out 76: both laid out at 76
    texts = frame.texts_at(z)
    assert needed_px(z) == 75 and needed_px(MIN_PX / 75.1) == 76
    assert frame.texts_at(MIN_PX / 75.1) is texts and len(laid) == 1
    names = [t for t in texts if t.kind == "name"]
    assert names and all(t.px * z >= MIN_PX - 1e-9 for t in names)  # still 11 px on screen or more
    frame.texts_at(z / 2)  # a real zoom change: laid out again
    assert len(laid) == 2 and laid[-1] >= needed_px(z / 2)
