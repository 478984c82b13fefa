"""Trial 44 #7: an exported PNG was tagged 96 dpi at twice the screen's
pixels (so a slide tool inserted it twice as large as it looked), with
122 px of white above the graph and 55 px below it: the picture framed the
items' bounding rects, which keep room they do not paint (above a card for
its tags, above a group's tab). Now the picture frames what is painted,
with even margins, and says 192 dpi for its 2x pixels."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QImage
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from gui.canvas.image_export import MARGIN, PNG_SCALE

EX = Path(__file__).resolve().parents[1] / "resources" / "examples"


def margins(path) -> tuple[int, int, int, int]:
    """White above, below, left and right of what the picture paints."""
    img = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    w, h, line = img.width(), img.height(), img.bytesPerLine()
    data, blank = bytes(img.constBits()), b"\xff" * line
    rows = [y for y in range(h) if data[y * line : (y + 1) * line] != blank]
    cut = [data[y * line : y * line + 4 * w] for y in rows]
    left = min((len(r) - len(r.lstrip(b"\xff"))) // 4 for r in cut)
    right = min((len(r) - len(r.rstrip(b"\xff"))) // 4 for r in cut)
    return rows[0], h - 1 - rows[-1], left, right


def test_a_slide_picture_has_even_margins_and_says_its_screen_size(window, answers, tmp_path):
    doc = json.loads((EX / "blog_L.mgraph").read_text("utf-8"))
    members = ["a", "b", "e"]  # a group, as the trial's: its frame's tab at the top
    doc["graph"]["groups"] = [{"id": "g1", "label": "product", "members": members, "collapsed": False}]
    lesson = tmp_path / "lesson.mgraph"
    lesson.write_text(json.dumps(doc), "utf-8")
    answers.open_path = str(lesson)
    trigger(window, "open")
    assert window.model.groups and window.path == str(lesson)
    out = tmp_path / "slide.png"
    answers.export_path = str(out)
    trigger(window, "export_png")
    img = QImage(str(out))
    assert round(img.dotsPerMeterX() * 0.0254) == round(96 * PNG_SCALE) == 192
    assert img.dotsPerMeterY() == img.dotsPerMeterX()
    found = margins(out)
    want = MARGIN * PNG_SCALE
    assert all(want - 6 <= m <= want + 4 for m in found), found
