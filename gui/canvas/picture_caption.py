"""The caption strip above a picture exported while a pass shows: the
banner's sentence ("Step 2 of 7: d.grad = −2 is complete, …"), so a slide
says which step it shows (trial 44: a slide of step 2 did not say it was
step 2). Wrapped to the picture's width, in the banner's colours, its
type sized to the picture so that it stays readable when the picture is
fitted to a slide; the editor's key hints ("Ctrl+] opens it") left out."""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

PAD = 12.0  # around the text, inside the strip
FLAGS = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
#: "(Ctrl+] opens it)", "(Step →, Play P)": the editor's keys, not the picture's
_KEY_HINT = re.compile(r"\s*\((?:[^()]*Ctrl\+[^()]*|Step →, Play P)\)")


def caption_text(text: str | None) -> str:
    """The banner's sentence without the editor's key hints ("" for none)."""
    return _KEY_HINT.sub("", text or "").strip()


def _font(width: float) -> QFont:
    f = QFont()
    f.setPixelSize(round(max(16.0, min(40.0, width / 55.0))))
    return f


def caption_height(text: str, width: float, margin: float) -> float:
    """The room the strip takes at the top of a picture ``width`` wide, the
    picture's ``margin`` above it (the graph's own margin is below it); 0 for no text."""
    if not text:
        return 0.0
    inner = QRectF(0, 0, max(1.0, width - 2 * (margin + PAD)), 1e6)
    h = QFontMetricsF(_font(width)).boundingRect(inner, FLAGS, text).height()
    return margin + h + 2 * PAD


def draw_caption(painter: QPainter, text: str, width: float, margin: float) -> None:
    """The strip at the top of a picture ``width`` wide (painter in picture units)."""
    if not text:
        return
    strip = QRectF(margin, margin, width - 2 * margin, caption_height(text, width, margin) - margin)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor("#fdba74"), 1.5))
    painter.setBrush(QColor(255, 247, 237))
    painter.drawRoundedRect(strip, 8, 8)
    painter.setFont(_font(width))
    painter.setPen(QColor("#7c2d12"))
    painter.drawText(strip.adjusted(PAD, PAD, -PAD, -PAD), FLAGS, text)
    painter.restore()
