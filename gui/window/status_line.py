"""The status bar: a passing message or, when there is none, a hint about
what to do next; the counts of nodes and wires; the zoom."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QFont, QFontMetrics, QMouseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar

from core.graph.model import GraphModel
from gui.canvas.view import GraphView
from gui.common.style import set_text_color
from gui.window.status_log import MessageLog, MessagePopup

#: The hint with nothing selected, while building (no pass on screen).
_BUILDING = (
    "Drag from a node's output (right) to an input (left) to wire them · "
    "select a node to edit it in Properties"
)


class StatusLine(QObject):
    """One label shows either a message (a refusal, "Saved ...") for a
    while, or the hint for the current selection."""

    def __init__(self, bar: QStatusBar, view: GraphView) -> None:
        super().__init__(bar)
        bar.setObjectName("status_bar")
        self._view = view
        self.hint_label = _OneLine()
        self.hint_label.setObjectName("status_hint")
        self.hint_label.setContentsMargins(4, 0, 4, 0)
        self.count_label = _label("status_counts", (4, 0, 8, 0))
        self.zoom_label = _label("status_zoom", (8, 0, 8, 0))
        self.zoom_label.setToolTip("Zoom (Ctrl+0: 100%, F: fit all)")
        # a message cut short is read whole, with the ones before it, in a popup: a click on
        # the line or on More (shown while it is cut: trial 58 #10, a tooltip held the rest)
        # (a link, not a button: a button's height made the bar 4 px taller, hidden too, and a
        # panel beside the tutorial went behind a tab on a 768 px screen)
        self.more_button = _More()
        self.more_button.setObjectName("status_more")
        self.more_button.setContentsMargins(4, 0, 4, 0)
        self.more_button.setToolTip("Read the whole message, and the messages before it")
        self.more_button.setVisible(False)
        self.more_button.clicked.connect(self.show_messages)
        self.hint_label.cut.connect(self.more_button.setVisible)
        self.hint_label.clicked.connect(self.show_messages)
        self.log = MessageLog()
        self.popup: MessagePopup | None = None
        bar.addWidget(self.hint_label, 1)
        bar.addWidget(self.more_button)
        bar.addPermanentWidget(self.count_label)
        bar.addPermanentWidget(self.zoom_label)
        view.zoom_changed.connect(self._show_zoom)
        self._show_zoom()
        self._hint = ""
        self._message = ""
        self._pass: str | None = None  # what to do in the pass on screen (None: no pass)
        self._building = ""  # the hint for the selection while building (during a pass: its head)
        # the counts, until the graph changes (counting the wires reads every
        # node: not on each change of the selection, Find's too)
        self._counts: str | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._end)
        # A message said in this event-loop turn is about the change that is
        # happening now; one said earlier is about the graph before it.
        self._fresh = False
        self._joined: str | None = None  # what said alone this turn joins a message of the turn said next
        self._settle = QTimer(self, singleShot=True, interval=0)
        self._settle.timeout.connect(self._settled)
        self._bar = bar
        window = bar.window()
        if window is not bar:  # (its window hands it status tips: a message is not hidden by them)
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A button's status tip (the mouse entering it) is shown unless a
        message is: what the user's click just did stays in view (a trial,
        71 #12: after Save, the mouse still on its button, the bar read "Save
        the graph", not "Saved …"; "Undid …" went the same way). The tooltip
        still names the button."""
        if event.type() == QEvent.Type.StatusTip and self._message and event.tip():  # type: ignore[attr-defined]
            return True
        return False

    def say(self, message: str, msecs: int = 6000, joined: str | None = None) -> None:
        """Show ``message`` for ``msecs``, then the hint again. ``joined``: it
        follows from the edit being made (a pass's gradients cleared), and is
        added in these words to what is said of that edit in this event-loop
        turn, before or after it (trial 54: "Deleted e · Ctrl+Z brings it
        back" was lost to "The graph changed, so the gradients were cleared")."""
        if not message:
            return
        if self._fresh and self._message and joined is not None:
            message = f"{self._message} · {joined}"
        elif self._fresh and self._joined is not None and joined is None:
            message = f"{message} · {self._joined}"
        self._joined = joined if joined is not None and not self._fresh else None
        first = message.split(" ", 1)[0]
        # a sentence starts with a capital; a node's label or a file's name as it is ("h12: 0.90 → 0.91")
        self._message = message[0].upper() + message[1:] if first.isalpha() and first.islower() else message
        self.log.add(self._message, replace_last=self._fresh)  # (one said this turn: the bar never showed it)
        self._timer.start(msecs)
        self._fresh = True
        self._settle.start()
        self._bar.clearMessage()  # (a status tip shown before the click: the message over it)
        self._show()

    def say_aside(self, message: str, msecs: int = 6000) -> None:
        """Show ``message`` unless a message was said in this event-loop turn: a
        passing note (the tutorial making room) never hides what the user's own
        action said, before or after it (Delete's "Deleted 7 nodes" was replaced)."""
        if not self._fresh:
            self.say(message, msecs)

    def graph_changed(self) -> None:
        """The graph was edited or replaced: a message said before that (a
        gradient check's verdict, a quiz score, "Saved ...") no longer
        describes what is on screen, so it goes; one said for this very
        change stays."""
        self._counts = None
        self.history_moved()

    def history_moved(self) -> None:
        """An edit was made, undone or redone (a group's fold or name too,
        which are not graph edits): a message said before it is stale."""
        if self._message and not self._fresh:
            self._timer.stop()
            self._end()

    def end_message(self) -> None:
        """A gesture ended well: its messages ("drop the wire on ...") are stale."""
        if self._message:
            self._timer.stop()
            self._end()

    def text(self) -> str:
        """What the status bar says, whole (cut short on screen where the bar is too narrow)."""
        return self.hint_label.full()

    def show_messages(self) -> None:
        """The popup over the bar: what it says, whole, and the messages said before."""
        bar = self.hint_label.window()
        width = max(420, min(self.hint_label.width(), bar.width() - 40))
        if self.popup is None:
            self.popup = MessagePopup(self.hint_label, self.text(), self.log.said())
        else:  # (the one popup, its text anew)
            self.popup.close()
            self.popup.set_messages(self.text(), self.log.said())
        self.popup.show_over(self.hint_label, width, max(160, bar.height() * 2 // 5))

    def fits(self, message: str) -> bool:
        """Whether ``message`` would be shown whole (as a message: demi-bold)."""
        font = QFont(self.hint_label.font())
        font.setWeight(QFont.Weight.DemiBold)
        room = self.hint_label.contentsRect().width()
        return room <= 0 or QFontMetrics(font).horizontalAdvance(message) <= room

    def set_pass_hint(self, hint: str | None) -> None:
        """During a pass, ``hint`` (how to step it) replaces the building hint:
        with nothing selected, all of it, else what follows what is selected
        (None: no pass). A teacher stepping Backward in Presentation Mode had
        "Drag from a node's output…" in large text all along (trial 60 #8)."""
        if hint == self._pass:
            return
        self._pass = hint
        if self._building:
            self._hint = self._during_pass(self._building)
            self._show()

    def _during_pass(self, hint: str) -> str:
        """``hint`` as said during the pass on screen: what is selected, then
        the pass's keys (not "Del deletes, Ctrl+D duplicates…")."""
        if not self._pass:
            return hint
        if hint == _BUILDING:
            return self._pass
        return f"{hint.split(' · ', 1)[0]} · {self._pass}"

    def describe(self, model: GraphModel, ids: Collection[str], items: int, group: str | None = None) -> None:
        """The counts, and the hint for ``ids`` selected nodes among ``items``
        selected items (wires are items that are not nodes); ``group``: the
        group whose nodes they are exactly, named (Find's "loss" on an MLP
        said "4 nodes selected" of the group "loss", verify 54)."""
        n = len(model)
        if self._counts is None:
            e = model.edge_count()
            self._counts = f"{n:,} node{'s' * (n != 1)} · {e:,} wire{'s' * (e != 1)}"
            self.count_label.setText(self._counts)
        if n == 0:
            hint = "Drag from the Palette or press Tab on the canvas to add a node"
        elif not ids and not items:
            hint = _BUILDING
        elif group is not None:
            name, k = model.groups.get(group).label, len(ids)
            hint = f"Group “{name}” selected: its {k:,} nodes · Del deletes, Ctrl+C copies, Ctrl+D duplicates"
        elif len(ids) == 1:
            hint = (
                f"{model.label(next(iter(ids)))} selected · edit it in Properties, "
                "Del deletes, Ctrl+D duplicates, Ctrl+Shift+O makes it the output"
            )
        elif not ids:
            hint = (
                f"{items} wire{'s' * (items != 1)} selected · Del disconnects "
                f"{'them' if items != 1 else 'it'}; drag from an input port to rewire"
            )
        else:
            hint = f"{len(ids)} nodes selected · Del deletes, Ctrl+C copies, Ctrl+D duplicates"
        self._building = hint if n else ""
        self._hint = self._during_pass(hint) if n else hint
        self._show()

    def _settled(self) -> None:
        self._fresh = False
        self._joined = None

    def _show_zoom(self, *_args: object) -> None:
        self.zoom_label.setText(zoom_text(self._view.transform().m11()))

    def _end(self) -> None:
        self._message = ""
        self._show()

    def _show(self) -> None:
        # (the colour and weight alone: its size is the bar's, larger in Presentation Mode;
        # a style sheet's font-weight set the whole font, which then kept the desktop size)
        label, message = self.hint_label, bool(self._message)
        set_text_color(label, QPalette.ColorRole.Text if message else QPalette.ColorRole.PlaceholderText)
        weight = QFont()
        if message:
            weight.setWeight(QFont.Weight.DemiBold)
        label.setFont(weight)
        label.set_full(self._message or self._hint)


class _OneLine(QLabel):
    """The status bar's message on one line, ending in "…" where the bar is
    too narrow for it, the whole of it in its tooltip (a trial: Build
    Gradient Graph's "… z.grad is also x**3 * y.grad and tanh" stopped at
    the bar's edge, nothing saying there was more); ``cut`` says whether it
    is cut, ``clicked`` a click on it (the popup that reads it whole)."""

    cut = Signal(bool)
    clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self._cut = False
        self.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        # (a long message never widens the window: the label takes the room the bar gives it)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def full(self) -> str:
        return self._full

    def set_full(self, text: str) -> None:
        self._full = text
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # (cut to the room at the new size)
            self._fit()

    def _fit(self) -> None:
        self.ensurePolished()  # (the bold of a message: its width as drawn)
        room = self.contentsRect().width()
        shown = self._full  # (not laid out yet: whole)
        if room > 0:
            shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        if self.text() != shown:
            self.setText(shown)
        self.setToolTip(self._full if shown != self._full else "")
        if (shown != self._full) != self._cut:
            self._cut = shown != self._full
            self.cut.emit(self._cut)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()


class _More(QLabel):
    """ "More…" as a link beside a cut message; ``clicked`` on a click."""

    clicked = Signal()

    def __init__(self) -> None:
        super().__init__('<a href="#more">More…</a>')
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()


def _label(name: str, margins: tuple[int, int, int, int]) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setContentsMargins(*margins)
    return label


def pass_hint(active: bool, at_end: bool) -> str | None:
    """The hint with nothing selected while a pass is on screen (None: none is)."""
    if not active:
        return None
    if at_end:
        return "The pass is finished · ← steps back, Home restarts, Ctrl+Shift+B clears the gradients"
    return "→ next step · ← back · P plays · End: the finished pass · Ctrl+Shift+B clears the gradients"


def zoom_text(zoom: float) -> str:
    """The zoom as a percentage, with the digits that tell a far zoom apart ("0.16%", not "0%")."""
    pct = zoom * 100
    if pct >= 9.5:
        return f"{pct:.0f}%"
    return f"{pct:.2g}%"
