"""What the screen shows after each Backward step equals a fresh paint.

A user saw half of an old step's wire caption stay on screen until the next
full repaint: the caption was hidden as its wire moved back under the cards
(a new parent), and Qt never repainted where it had been. Offscreen, the
window's backing store (what the screen shows, ``QScreen.grabWindow``) can be
compared with a fresh paint of the same window (``QWidget.grab``); a few
pixels of antialiased edges drawn twice differ by a level or two, a leftover
caption by far more.
"""

from __future__ import annotations

import time

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from test_animation_gui import hand_mode, open_example, press
from window_helpers import answers, tmp_settings, window  # noqa: F401

#: A pixel counts as left over when a channel differs by more than this.
LEVELS = 40


def _settle() -> None:
    for _ in range(20):
        QApplication.processEvents()
        time.sleep(0.005)


def leftovers(w) -> int:
    """How many canvas pixels the screen shows differently from a fresh paint."""
    _settle()
    vp = w.view.viewport()
    rect = vp.rect().translated(vp.mapTo(w, vp.rect().topLeft()))
    fmt = QImage.Format.Format_RGB32
    shown = vp.screen().grabWindow(w.winId()).toImage().copy(rect).convertToFormat(fmt)
    fresh = w.grab().toImage().copy(rect).convertToFormat(fmt)
    assert shown.size() == fresh.size() and not shown.isNull()
    count = 0
    for y in range(shown.height()):
        for x in range(0, shown.width(), 2):
            a, b = shown.pixel(x, y), fresh.pixel(x, y)
            if a != b and max(abs(((a >> s) & 255) - ((b >> s) & 255)) for s in (0, 8, 16)) > LEVELS:
                count += 1
    return count


def test_no_caption_is_left_behind_by_a_step(window):
    w = window
    w.resize(1600, 1000)
    open_example(w, "neuron_tanh")
    hand_mode(w)
    press(w, "backward")
    assert leftovers(w) == 0
    seen = []
    for _ in range(6):
        press(w, "step")
        seen.append(leftovers(w))
    press(w, "step_back")
    seen.append(leftovers(w))
    press(w, "skip_end")
    seen.append(leftovers(w))
    assert seen == [0] * len(seen)
