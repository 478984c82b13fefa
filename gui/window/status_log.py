"""The status bar's messages read whole: a message too long for the bar is cut
with "…" on its one line (status_line.py), and a trial found no way to read
the rest but a tooltip (58 #10). A click on the line, or on the "More" button
beside a cut one, opens this popup over the bar: what the bar says, whole and
wrapped, and the messages said before it, newest first, selectable to copy."""

from __future__ import annotations

import html
from collections import deque

from PySide6.QtCore import QPoint, Qt, QTime
from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout, QWidget

#: How many messages the popup lists.
KEPT = 20


class MessageLog:
    """The messages the status bar said, newest last, each with the time it was said."""

    def __init__(self) -> None:
        self._said: deque[tuple[str, str]] = deque(maxlen=KEPT)

    def add(self, message: str, replace_last: bool = False) -> None:
        """``message`` said now; ``replace_last``: it takes the place of the last one
        (said in the same event-loop turn, so the bar never showed that one alone)."""
        if replace_last and self._said:
            self._said.pop()
        self._said.append((QTime.currentTime().toString("HH:mm:ss"), message))

    def said(self) -> list[tuple[str, str]]:
        """``(time, message)``, newest first."""
        return list(reversed(self._said))


class MessagePopup(QFrame):
    """What the bar says now, whole, and the recent messages under it; Esc or a
    click outside closes it."""

    def __init__(self, parent: QWidget, now: str, earlier: list[tuple[str, str]]) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("status_messages")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._lay = lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 8)
        self.title = QLabel("Status bar")
        self.title.setObjectName("status_messages_title")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        lay.addWidget(self.title)
        self.text = QTextBrowser()
        self.text.setObjectName("status_messages_text")
        self.text.setOpenLinks(False)
        self.text.setFrameShape(QFrame.Shape.NoFrame)
        self.set_messages(now, earlier)
        lay.addWidget(self.text)

    def set_messages(self, now: str, earlier: list[tuple[str, str]]) -> None:
        """What it shows: the bar's message ``now`` and the ``earlier`` ones
        (one popup a window, shown again: review 59 found one left per opening)."""
        self.text.setHtml(_page(now, earlier))

    def plain(self) -> str:
        """The popup's text as the user reads it."""
        return self.text.toPlainText()

    def show_over(self, anchor: QWidget, width: int, most_height: int) -> None:
        """Shown ``width`` wide just above ``anchor`` (the bar's message), at most
        ``most_height`` tall (its text scrolls past that)."""
        lay = self._lay
        m = lay.contentsMargins()
        self.text.setMinimumSize(0, 0)  # (as tall as its text: a scroll area's own least is taller)
        self.text.document().setTextWidth(width - m.left() - m.right() - 2 * self.frameWidth() - 4)
        chrome = m.top() + m.bottom() + lay.spacing() + self.title.sizeHint().height() + 2 * self.frameWidth()
        height = min(most_height, chrome + int(self.text.document().size().height()) + 6)
        self.setFixedSize(width, height)
        top_left = anchor.mapToGlobal(QPoint(0, 0))
        self.move(top_left.x(), max(0, top_left.y() - height - 2))
        self.show()
        self.text.setFocus()


def _page(now: str, earlier: list[tuple[str, str]]) -> str:
    parts, rest = [f"<p>{html.escape(now)}</p>"], earlier
    if earlier and earlier[0][1] == now:  # (the message on the bar: its own time, and the rest after it)
        parts, rest = (
            [f"<p>{html.escape(now)} <span style='color:gray'>({earlier[0][0]})</span></p>"],
            earlier[1:],
        )
    if rest:
        parts.append("<p style='color:gray'>Earlier messages, newest first:</p>")
        rows = "".join(
            f"<li><span style='color:gray'>{t}</span>&nbsp; {html.escape(m)}</li>" for t, m in rest
        )
        parts.append(f"<ul style='margin-left:0'>{rows}</ul>")
    return "".join(parts)
