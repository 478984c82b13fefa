"""A caption on top of the canvas that says what the current step does,
so a learner reads the "why" where they are looking, not in a side panel.

It sits in a strip the view gives up above its viewport while it shows,
never over the picture: a card at the top of the view is not hidden under
it, whatever the camera does. The strip keeps its height for a pass (room
for a few lines from the start, more only if a sentence needs it), so
stepping does not make the canvas jump; a pass of at most :data:`PLAN_MAX` steps
reserves at its start the height its tallest sentence needs, no more: a trial's
forward pass grew the strip a line at its 4-line "Finished", the graph jumping,
and a gradient graph's pass of one-line sentences kept a 75 px banner)."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QLabel

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's largest widget size
#: A pass of at most this many steps has its banner's height planned from all its sentences.
PLAN_MAX = 400

#: Unicode's word joiner: no line break on either side of it.
_JOIN = "\u2060"
_NBSP = "\u00a0"
_SLASH = re.compile(r"(?<=\S)/(?=\S)")
#: A space before an index ("neuron 1.3 [1]") or between a word and its number ("neuron 1.3").
_NAME_PART = re.compile(r" (?=\[)|(?<=[A-Za-z]) (?=\d)")
#: One chain-rule sum, "a.grad += −2 × (−3) = 6", up to its value; a gradient
#: said, "h2.1[1].grad = −0.04759" (from a gradient's node, "∂(x.grad)/∂x = 2");
#: a running total, "(now 0.03426 + (−0.004413) = 0.02985)".
_SUM = re.compile(
    r"\S+ \+= [^;]*? = [^\s;]+|\S+\.grad = [^\s;,]+|∂\S+/∂\S+ = [^\s;,]+|\(now (?:[^()]|\([^()]*\))*\)"
)


def _whole_fractions(text: str) -> str:
    """``text`` with its fractions kept on one line (forward mode's "so
    dd/da = −3" wrapped after the slash, "dd/" then "da", a trial), and an
    operator with what follows it ("mul1.grad += 0.5 × 1 =" then "0.5", a
    trial): a line may break before "=", never after it. A group's name
    that tells a node apart stays whole too: "(… + w·x2 in neuron 1.3 [1])"
    is not cut after "neuron", nor before its data point's "[1]". A
    chain-rule sum is one piece: lines break between sums, not inside one
    ("…: e.grad" then "+= −2 × 1 = −2", a trial)."""
    text = _SUM.sub(lambda m: m.group(0).replace(" ", _NBSP), text)
    for op in (" = ", " += ", " × "):
        text = text.replace(op, op[:-1] + _NBSP)
    text = _NAME_PART.sub(_NBSP, text)
    return _SLASH.sub(f"{_JOIN}/{_JOIN}", text)


class Narration(QLabel):
    """Top centre of a view, above its viewport; hidden when empty."""

    MARGIN = 6
    #: Lines the strip has room for from the start of a pass.
    LINES = 3
    #: The most lines a pass's planned strip holds from its start (a longer sentence gets its
    #: room when it comes: an MLP's folded steps write five lines at Presentation Mode's size,
    #: which would take the canvas below half the window for the whole pass).
    MOST_LINES = 4
    #: The banner's padding and border, top and bottom (its style sheet).
    CHROME = 2 * (6 + 1)
    #: The text's size (px), and its widest line.
    FONT_PX = 13
    WIDTH = 820

    def __init__(self, view: QAbstractScrollArea):
        # a child of the view, not of its viewport: scrolling the canvas
        # scrolls the viewport's children along with the picture
        super().__init__(view)
        self.setObjectName("backward_narration")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._view = view
        self._strip = 0  # the viewport's top margin given to the banner
        self._scale = 1.0  # View › Presentation Mode's text size
        self._texts: list[str] | None = None  # the pass's sentences, where planned (new_pass)
        self._tallest: tuple[int, int] = (-1, 0)  # (width, height): the tallest of them there
        self.set_text_scale(1.0)
        view.viewport().installEventFilter(self)
        self.hide()

    def set_text_scale(self, scale: float) -> None:
        """The banner's text ``scale`` times its usual size (View ›
        Presentation Mode), and as much wider; the strip fits it anew."""
        self._scale = scale
        self.setStyleSheet(
            "QLabel#backward_narration { background: rgba(255, 247, 237, 235);"
            " color: #7c2d12; border: 1px solid #fdba74; border-radius: 7px;"
            f" padding: 6px 12px; font-size: {round(self.FONT_PX * scale)}px; }}"
        )
        if self.isVisible():  # (the label's height and the strip are kept for a pass: not the old text's)
            self.setMinimumHeight(0)  # (heightForWidth keeps to it)
            self.setMaximumHeight(QWIDGETSIZE_MAX)
            self._tallest = (-1, 0)
            self._reserve(0)
            self._place()

    def new_pass(self, texts: list[str] | None) -> None:
        """A pass starts whose sentences are ``texts`` (None: too many to read first): the strip is
        as tall as the tallest of them needs, kept so for the pass (else :data:`LINES` lines)."""
        self._texts = [_whole_fractions(t) for t in texts if t] if texts is not None else None
        self._tallest = (-1, 0)
        if self.isVisible():
            self._reserve(0)
            self._place()

    def _height_of(self, text: str, width: int) -> int:
        """The label's height for ``text`` at ``width`` (its height for a width keeps to its least:
        reset first, else a banner once three lines tall stayed so for one, a trial's 75 px)."""
        self.setMinimumHeight(0)
        self.setMaximumHeight(QWIDGETSIZE_MAX)
        if text == super().text():
            return self.heightForWidth(width)
        was = super().text()
        self.setText(text)
        h = self.heightForWidth(width)
        self.setText(was)
        return h

    def say(self, text: str | None) -> None:
        if not text:
            self.hide()
            self._reserve(0)
            self._texts = None
            return
        self.setText(_whole_fractions(text))
        self._place()
        self.show()
        self.raise_()

    def displayed(self) -> str:
        """The text as the label lays it out (fractions joined)."""
        return super().text()

    def text(self) -> str:
        """What the banner says, as it was given (no joiners)."""
        return super().text().replace(_JOIN, "").replace(_NBSP, " ")

    def _place(self) -> None:
        vp = self._view.viewport().geometry()
        w = min(vp.width() - 2 * self.MARGIN, round(self.WIDTH * self._scale))
        self.setFixedWidth(max(120, w))
        self.ensurePolished()  # the style sheet's font
        self.setFixedHeight(self._height_of(super().text(), self.width()))
        if self._texts is not None:  # (the tallest of the pass, reserved at its start)
            if self._tallest[0] != self.width():  # (measured once for a width: not at each step)
                tallest = max((self._height_of(t, self.width()) for t in self._texts), default=0)
                most = self._height_of("\n".join("x" * self.MOST_LINES), self.width())
                self._tallest = (self.width(), min(tallest, most))
            room = self._tallest[1]
            self.setFixedHeight(self._height_of(super().text(), self.width()))
        else:
            room = self.LINES * self.fontMetrics().lineSpacing() + self.CHROME
        self._reserve(max(self._strip, max(self.height(), room) + 2 * self.MARGIN))
        top = self._view.frameWidth()
        self.move(vp.left() + (vp.width() - self.width()) // 2, top + (self._strip - self.height()) // 2)

    def _reserve(self, strip: int) -> None:
        """Give the banner ``strip`` pixels above the viewport (0: none)."""
        if strip != self._strip:
            self._strip = strip
            self._view.setViewportMargins(0, strip, 0, 0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            if isinstance(event, QResizeEvent) and event.size().width() != event.oldSize().width():
                # a new width (the window resized): the strip fits the text anew, as it does at the
                # pass's start (trial 73 #1: from 1024 to 1280 px it kept the 1024's five lines' height)
                self.setMinimumHeight(0)  # (heightForWidth keeps to it)
                self.setMaximumHeight(QWIDGETSIZE_MAX)
                self._reserve(0)
            self._place()
        return False
