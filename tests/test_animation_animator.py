"""The animator's clock and position on its own: play, pause, bounds, speed."""

from __future__ import annotations

from animation_helpers import load

from core.explain.replay import Replay
from core.graph.backward import backward
from gui.backward.animator import FASTEST_MS, SLOWEST_MS, Animator, interval_for_speed


def make(qtbot, name="blog_L"):
    m = load(name)
    a = Animator()
    a.load(Replay(backward(m), m.label))
    return m, a


def test_speed_scale_is_monotonic_and_bounded():
    vals = [interval_for_speed(s) for s in range(0, 101)]
    assert vals[0] == SLOWEST_MS and vals[-1] == FASTEST_MS
    assert all(x >= y for x, y in zip(vals, vals[1:]))


def test_positions_are_clamped_and_signals_fire(qtbot):
    m, a = make(qtbot)
    seen = []
    a.position_changed.connect(lambda new, old: seen.append((new, old)))
    a.step_back()
    assert a.pos == 0 and seen == []  # nothing before the start
    a.step()
    a.step()
    assert seen == [(1, 0), (2, 1)]
    with qtbot.waitSignal(a.finished, timeout=1000):
        a.skip_to_end()
    assert a.at_end
    a.step()
    assert a.pos == a.replay.last
    a.go_to(-5)
    assert a.pos == 0


def test_play_pause_and_finish(qtbot):
    m, a = make(qtbot)
    a.set_speed(100)
    states = []
    a.playing_changed.connect(states.append)
    with qtbot.waitSignal(a.finished, timeout=5000):
        a.play()
    assert a.at_end and not a.playing and states == [True, False]
    # play at the end starts over
    a.play()
    assert a.pos == 0 and a.playing
    a.toggle_play()
    assert not a.playing


def test_stepping_pauses_playback(qtbot):
    m, a = make(qtbot)
    a.set_speed(0)
    a.play()
    a.step()
    assert not a.playing and a.pos == 1


def test_clear_drops_the_replay(qtbot):
    m, a = make(qtbot)
    with qtbot.waitSignal(a.cleared, timeout=1000):
        a.clear()
    assert not a.active and a.pos == 0
    a.step()  # harmless without a replay
    a.play()
    assert not a.playing
