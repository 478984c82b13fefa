"""Many wires noted as moved far out (a fold, Auto Layout, their undo) are
filed when idle, not by the first region asked for (gui/canvas/wires/lazy_wires.py,
gui/canvas/wires/wire_filing.py): Backward's zoom in at 50,000 nodes filed 70,000
of them (~0.3 s) for a view that meets a few hundred. Counted, never timed:
a region asked for meanwhile finds exactly what their filing would give."""

from __future__ import annotations

import random

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from test_backward_scaling import big_graph, open_graph
from test_lazy_wires import Made
from window_helpers import answers, make_window, tmp_settings, window  # noqa: F401

from gui.canvas import scene_build
from gui.canvas.wires import curve_clip, lazy_wires, wire_regions
from gui.canvas.wires.lazy_wires import LazyWires, curve_box

SCAN_FROM = getattr(lazy_wires, "SCAN_FROM", 4000)

N = SCAN_FROM + 2000


def _noted(rnd: random.Random) -> tuple[LazyWires, dict, list[int]]:
    """``N`` wires filed, then all noted as moved elsewhere (as a fold far out
    notes them); the wake-ups the map asked for."""
    woken: list[int] = []
    wires = LazyWires({}, lambda keys: [Made(k) for k in keys])  # type: ignore[misc]
    wires.wake = lambda: woken.append(1)
    where = {}
    for i in range(N):
        x1, y1 = rnd.uniform(-2e5, 2e5), rnd.uniform(-2e5, 2e5)
        far = rnd.choice([10, 500, 5000, 60000])
        where[(f"s{i}", f"t{i}", 0)] = (x1, y1, x1 + rnd.uniform(-far, far), y1 + rnd.uniform(-far, far))
    wires.defer_many((k, *xy) for k, xy in where.items())
    for k, (x1, y1, x2, y2) in where.items():
        where[k] = (x1 + rnd.uniform(-9e3, 9e3), y1 + rnd.uniform(-9e3, 9e3), x2, y2)
    wires.note_moved_xy(dict(where), {})
    return wires, where, woken


def count_filing(monkeypatch) -> list[int]:
    """How many wires each filing of noted ones files (LazyWires.refile_many, wire_filing.file_ends)."""
    filings: list[int] = []
    real = LazyWires.refile_many
    monkeypatch.setattr(LazyWires, "refile_many", lambda w, ends: real(w, spy(list(ends))))

    def spy(ends):
        filings.append(len(ends))
        return ends

    if hasattr(lazy_wires, "file_ends"):
        file_ends = lazy_wires.file_ends
        monkeypatch.setattr(lazy_wires, "file_ends", lambda ends, *a: file_ends(spy(list(ends)), *a))
    return filings


def _meets(b, r: QRectF) -> bool:
    return b[0] <= r.right() and b[2] >= r.left() and b[1] <= r.bottom() and b[3] >= r.top()


def _regions(rnd: random.Random) -> list[QRectF]:
    out = []
    for _ in range(12):
        cx, cy, w = rnd.uniform(-2.5e5, 2.5e5), rnd.uniform(-2.5e5, 2.5e5), rnd.choice([300, 5000, 5e4])
        out.append(QRectF(cx, cy, w, w))
    return out


def test_a_region_asked_for_after_many_notes_files_none_and_finds_what_filing_would(monkeypatch):
    rnd = random.Random(5)
    wires, where, woken = _noted(rnd)
    assert woken  # the scene is asked to file them when idle
    filings = count_filing(monkeypatch)
    long = (2000.0, 2000.0)
    for r in _regions(rnd):
        meets = {k for k, xy in where.items() if _meets(curve_box(*xy), r)}
        assert set(wires.keys_in(r)) == meets
        box = (r.left(), r.top(), r.right(), r.bottom())
        filed = [{k: (*curve_box(*xy), curve_clip.run_of(*xy)) for k, xy in where.items()}]
        assert sorted(wires.through_keys(r, long)) == sorted(curve_clip.may_meet(filed, box, long, 8.0))
    assert filings == []  # none filed by the questions: ~0.3 s at 50,000 nodes before


def test_noted_wires_are_filed_when_idle_without_a_new_version_and_answers_stay_the_same(monkeypatch):
    rnd = random.Random(6)
    wires, where, _ = _noted(rnd)
    regions = _regions(rnd)
    before = [sorted(wires.keys_in(r)) for r in regions]
    made = wires.take_in(regions[0])  # some get items meanwhile: not filed again
    filings = count_filing(monkeypatch)
    version = wires.version
    while wires.file_some(4000):  # (the scene's idle slice)
        assert wires.version == version  # the through-wire layer's finding stays good
    assert wires.version == version
    assert sum(filings) == N - len(made) and max(filings) <= 1000  # in small slices, each wire once
    assert all(at is not None for at in wires.maps()[1].values())  # every pending wire in a cell
    assert [sorted(wires.keys_in(r)) for r in regions[1:]] == before[1:]
    assert not wires.keys_in(regions[0], (0.0, 0.0)) or all(wires.made(e.key) is e for e in made)


def test_a_wire_made_or_noted_again_after_a_question_is_told_as_it_is_now():
    """The last answer is reused for a region inside it: a wire made since
    is not in it any more, one noted again is looked at where it runs now."""
    rnd = random.Random(7)
    wires, where, _ = _noted(rnd)
    big = QRectF(-1e5, -1e5, 2e5, 2e5)
    inside = QRectF(-2e4, -2e4, 4e4, 4e4)
    first = wires.keys_in(big)
    assert first
    gone = first[0]
    wires[gone] = Made(gone)  # type: ignore[assignment]  # given its item
    assert gone not in wires.keys_in(inside)
    k = next(k for k in where if not _meets(curve_box(*where[k]), big))
    wires.note_moved([(k, 0.0, 0.0, 500.0, 100.0)])
    assert k in wires.keys_in(inside)


def test_the_scene_files_what_auto_layout_noted_far_out_when_idle(window, monkeypatch):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)  # any graph opened far out keeps its wires pending
    w = window
    open_graph(w, big_graph(3200))
    w.action_fit.trigger()
    for _ in range(50):  # the build's own filing, when idle
        QApplication.processEvents()
    wires = w.scene.wires
    assert w.scene.far and len(wires.maps()[1]) > SCAN_FROM
    filings = count_filing(monkeypatch)
    w.action_layout.trigger()  # far out: every wire noted where it runs now, none filed
    QApplication.processEvents()
    assert sum(filings) <= 1000  # at most a slice in that turn
    for _ in range(len(wires.maps()[1]) // 1000 + 2):
        QApplication.processEvents()
    assert all(at is not None for at in wires.maps()[1].values())  # each in a cell
    assert sum(filings) == len(wires.maps()[1])  # each filed once


def _made_after_each(w, file_first: bool) -> list[tuple[set, list, list]]:
    """Auto Layout far out, then Backward and the step controls at once:
    after each, the wires with items, the pending ones the view meets and
    those of them the through-wire layer would look at."""
    open_graph(w, big_graph(3200))
    w.action_fit.trigger()
    for _ in range(50):
        QApplication.processEvents()
    w.action_layout.trigger()
    wires = w.scene.wires
    if file_first:  # as before: every noted wire filed before the first question
        while wires.file_some(10**6):
            pass
    out = []
    ctl = w.backward
    for act in (
        ctl.action_backward,
        ctl.action_step,
        ctl.action_step,
        ctl.action_step_back,
        ctl.action_skip_end,
    ):
        act.trigger()
        QApplication.processEvents()
        seen = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
        long = (200.0, 200.0)  # (any size: the same index asked in both)
        out.append(
            (set(wires.made_map()), sorted(wires.keys_in(seen)), sorted(wires.through_keys(seen, long)))
        )
    return out


def test_backward_and_its_steps_right_after_a_layout_far_out_show_what_filing_first_shows(
    qtbot, answers, tmp_settings, monkeypatch
):
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    got = []
    for file_first in (False, True):
        w = make_window(qtbot, answers)
        w.backward.action_autoplay.setChecked(False)
        got.append(_made_after_each(w, file_first))
    assert got[0] == got[1]
    assert all(ins for _, ins, _t in got[0]) and any(t for _, _i, t in got[0])  # the test means something


def test_backward_right_after_a_layout_far_out_looks_at_the_noted_wires_once(
    qtbot, answers, tmp_settings, monkeypatch
):
    """The press zooms in on the root and its first frame is painted under
    the banner (a viewport a little smaller, moved): one look at each noted
    wire serves both, and the through-wire layer's question."""
    monkeypatch.setattr(scene_build, "LAZY_FROM", 1)
    monkeypatch.setattr(lazy_wires, "SCAN_FROM", 500)  # (a slice filed when idle leaves many)
    w = make_window(qtbot, answers)
    w.backward.action_autoplay.setChecked(False)
    open_graph(w, big_graph(3200))
    w.action_fit.trigger()
    for _ in range(50):
        QApplication.processEvents()
    w.action_layout.trigger()
    QApplication.processEvents()  # (the fit after it; a slice of the noted wires filed)
    looks = []
    noted_near = wire_regions.noted_near  # (the region questions': gui/canvas/wires/wire_regions.py)
    monkeypatch.setattr(
        wire_regions, "noted_near", lambda moved, box: looks.append(box) or noted_near(moved, box)
    )
    w.backward.action_backward.trigger()
    QApplication.processEvents()
    assert not w.scene.far
    assert len(looks) == 1
