"""The Tutorial panel: the current step's instruction, how far along the
learner is, and Back / Skip / Close. It only shows; the controller
(gui/tutorial/feature.py) decides which step that is."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from core.learn.tutorial import FINISH_TEXT, FINISH_TITLE, L_FORMULA, Progress, State
from gui.common.focus_ring import FocusRing

#: Narrowest the panel gets: its row of buttons, whole.
MIN_WIDTH = 240
WELCOME_TITLE = "Welcome to micrograd-studio"
WELCOME_TEXT = (
    f"A ten-minute guided tour: build the lecture's first graph {L_FORMULA} by hand, run "
    "backward through it, see gradients add up on a node used twice, then train a neuron. "
    "Each step moves on when you have done it; you are asked before one opens another graph. "
    "This page steps aside once you start building on your own."
)


def _label(name: str, style: str = "") -> QLabel:
    lab = QLabel()
    lab.setObjectName(name)
    lab.setWordWrap(True)
    lab.setTextFormat(Qt.TextFormat.RichText)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    lab.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if style:
        lab.setStyleSheet(style)
    return lab


class _Page(QWidget):
    """The page's words, as tall as they are at the width they have: a
    wrapped label's least height is that of its narrowest width, and the
    scroll area made the page that tall, with blank room under its words
    and its top scrolled away (a trial, 67 #3: "Step 1 of 11" cut)."""

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 0)  # (the scroll area asks heightForWidth)


def _button(name: str, text: str) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAutoDefault(False)
    b.setMinimumWidth(40)  # narrower than the style's 80 in a narrow column; the text still fits
    return b


class TutorialPanel(QWidget):
    """Welcome page, a step, or the last page; buttons emit what was asked."""

    start_clicked = Signal()
    back_clicked = Signal()
    next_clicked = Signal()
    close_clicked = Signal()
    action_clicked = Signal(str)  # the step's helper ("new", "example:STEM")
    #: The page's height changed (new words, a new width): it may not fit now.
    page_resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tutorial_panel")
        self.header = _label("tutorial_header", "color: #6b7280; font-size: 12px;")
        self.bar = QProgressBar()
        self.bar.setObjectName("tutorial_progress")
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.praise = _label("tutorial_praise", "color: #15803d;")
        self.title = _label("tutorial_title", "font-size: 15px; font-weight: 600; color: #1f2430;")
        self.text = _label("tutorial_text", "color: #1f2430;")
        self.todo = _label("tutorial_todo", "color: #b45309;")
        self._action = ""
        self._on_step = False  # a step's page (not the welcome or last page)
        self._finished = False  # the last page ("That's the tour"): its words are what it says
        self._measuring = False  # tallest_hidden showing each page in turn
        self._praise_page: tuple[int, int] | None = None  # the step page the praise's room is kept for
        self._praise_room = 0  # px the praise took on that page, kept while it is gone
        self.action_button = _button("tutorial_action", "")
        self.action_button.clicked.connect(lambda: self.action_clicked.emit(self._action))
        self.back_button = _button("tutorial_back", "‹ Back")
        self.next_button = _button("tutorial_next", "Skip ›")
        self.start_button = _button("tutorial_start", "Start the tutorial")
        self.close_button = _button("tutorial_close", "Close")
        self.back_button.clicked.connect(self.back_clicked)
        self.next_button.clicked.connect(self.next_clicked)
        self.start_button.clicked.connect(self.start_clicked)
        self.close_button.clicked.connect(self.close_clicked)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #e5e7eb;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        # the words scroll when the panel is short; the buttons stay in view
        self.content = _Page()
        self.content.setObjectName("tutorial_content")
        lay = self._words = QVBoxLayout(self.content)
        lay.setContentsMargins(10, 8, 10, 4)
        lay.setSpacing(6)
        # the page sits at the panel's foot, by Back / Skip: a panel above that grows or gives
        # room moves the blank over it, not what the learner clicks (t71 #10, #12)
        lay.addStretch(1)
        lay.addWidget(self.header)
        lay.addWidget(self.bar)
        lay.addWidget(self.praise)
        lay.addWidget(self.title)
        lay.addWidget(self.text)
        lay.addWidget(self.todo)
        action_row = QHBoxLayout()
        action_row.addWidget(self.action_button)
        action_row.addStretch(1)
        lay.addLayout(action_row)
        # blank room under the words where the page is taller than the panel, less than a line:
        # the page scrolls to a line's top (none where it fits: the stretch above takes the room)
        self._pad = 0
        self._foot = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        lay.addItem(self._foot)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("tutorial_scroll")
        self._ring = FocusRing(self.scroll_area)  # F6 stops here: seen to
        self.escaped = self._ring.escaped  # Esc there: the keys to the canvas
        self.scroll_area.setWidget(self.content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.verticalScrollBar().rangeChanged.connect(self._range_changed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(line)
        buttons.setContentsMargins(10, 6, 10, 8)
        outer.addLayout(buttons)
        self.setMinimumWidth(MIN_WIDTH)  # the buttons' row, whole

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._keep_step_in_view()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._keep_step_in_view()  # (a page shown while hidden: measured at the width it has now)

    def step_height(self) -> int:
        """px the page's words the learner acts on need at this width: the
        step's title, its instruction, what is left to do and its button
        (the header, progress bar and praise above may scroll away); on the
        welcome and last pages, an invitation, its title."""
        width = self.scroll_area.viewport().width()
        margins = self._words.contentsMargins()
        parts = [w for w in self._kept_parts() if not w.isHidden()]
        need = margins.top() + margins.bottom() + self._words.spacing() * max(0, len(parts) - 1)
        inner = width - margins.left() - margins.right()
        for part in parts:
            if isinstance(part, QLabel) and part.wordWrap():
                need += part.heightForWidth(inner)
            else:
                need += part.sizeHint().height()
        return need

    def _kept_parts(self) -> tuple[QWidget, ...]:
        """The words kept in view: a step's title, instruction, what is left
        and its button (a trial, 70 #5: a step with nothing left to say and
        no button, "One step of training", was taken for the last page and
        kept its title only, the instruction cut beside Train); else the title."""
        if self._on_step:
            return (self.title, self.text, self.todo, self.action_button)
        if self._finished:  # (t75 #6: beside Train "That's the tour" showed its title and one line)
            return (self.title, self.text)
        return (self.title,)

    def _range_changed(self) -> None:
        self._scroll_to_step()  # (the page laid out at its new height)
        self.page_resized.emit()

    def _keep_step_in_view(self) -> None:
        """The panel keeps the step's words and button whole (trial 51 #5:
        beside Order or Train at 1366×768 the instruction was scrolled out of
        the squeezed panel, the button half cut): its least height is theirs,
        and where the page is taller than the panel they are scrolled into view."""
        if self._measuring or not self.isVisible():  # (hidden: no width to measure the words at)
            return
        need = self.step_height()
        if self.scroll_area.minimumHeight() != need:
            self.scroll_area.setMinimumHeight(need)
        self._scroll_to_step()

    def _scroll_to_step(self) -> None:
        """The page from its top ("Step 3 of 11", the ✓ of the step before)
        as far as the step's words and button stay in view under it; where
        they do not, the least needed lines at the top scroll away, each
        whole (a trial, 67 #3: the header cut through its letters, or
        scrolled away with blank room under the words)."""
        if self._measuring or not self.isVisible():
            return
        view = self.scroll_area.viewport()
        tops, bottom, total = self._layout_at(view.width())
        need = bottom - view.height()  # px to scroll for the step's foot
        value = next((y for y in tops if y >= need), tops[-1] if tops else 0)
        # the page's end may come before that line's top: blank room under the words lets the
        # page scroll to it (a trial, 70 #5: the ✓ line cut through its letters beside Order)
        pad = max(0, value - max(0, total - view.height()))
        if pad != self._pad:
            self._pad = pad
            self._foot.changeSize(0, pad, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            self._words.invalidate()
            QApplication.sendEvent(self.content, QEvent(QEvent.Type.LayoutRequest))  # (new range now)
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(max(0, min(bar.maximum(), value)))

    def _layout_at(self, width: int) -> tuple[list[int], int, int]:
        """Where the page's lines that may scroll away begin at ``width``
        (0 first, then the progress bar, the praise and the title, each
        less the spacing over it, and each further line of the step line
        and the praise), where the step's words and button end, and where
        the page's words end."""
        lay = self._words
        margins = lay.contentsMargins()
        inner = width - margins.left() - margins.right()
        step = self._kept_parts()
        steps = self._on_step
        tops, bottom, y = [0], 0, margins.top()
        for i in range(lay.count()):
            item = lay.itemAt(i)
            if item is None or item.isEmpty() or item.spacerItem() is not None:
                continue
            w = item.widget()
            h = item.heightForWidth(inner) if item.hasHeightForWidth() else item.sizeHint().height()
            if w in (self.bar, self.praise, self.title) and y > margins.top():
                tops.append(y - lay.spacing())
            if w in (self.header, self.praise):  # a wrapped line scrolls away whole
                line = max(1, w.fontMetrics().lineSpacing())
                tops.extend(y + k * line for k in range(1, round(h / line)))
            if w in step or (w is None and steps and not self.action_button.isHidden()):  # (its row)
                bottom = y + h + margins.bottom()
            y += h + lay.spacing()
        return tops, bottom, y - lay.spacing() + margins.bottom()

    def whole_height(self) -> int:
        """px the panel needs to show its page whole at its width (its buttons too)."""
        width = self.scroll_area.viewport().width()
        words = self._words.totalHeightForWidth(width) - self._pad  # (the blank room under them aside)
        return words + self.height() - self.scroll_area.viewport().height()

    def hidden_height(self) -> int:
        """How many pixels of the page are scrolled out of sight (0: all shown)."""
        return max(0, self.scroll_area.verticalScrollBar().maximum() - self._pad)  # (the blank room aside)

    def tallest_hidden(self, progress: Progress, state: State) -> int:
        """How many pixels the tallest step of ``progress``'s tutorial would
        leave out of sight at this width (two lines of praise above each): the
        panel grows once for all of them, so its buttons stay where a learner
        clicks them step after step (a trial: Skip moved down 48 px in eight
        steps while the panel grew page by page). The page shown is kept."""
        width = self.scroll_area.viewport().width()
        tallest = 0
        self._measuring = True  # (the pages measured keep no least height: the window grew for them)
        try:
            for i in range(len(progress.steps) + 1):  # (each page as a learner there would see it)
                self.show_progress(Progress(progress.steps, i, praise="✓\n✓"), state)
                tallest = max(tallest, self._words.totalHeightForWidth(width))
        finally:
            self._measuring = False
            self.show_progress(progress, state)
        return max(0, tallest - self.scroll_area.viewport().height())

    # ------------------------------------------------------------ pages
    def show_welcome(self) -> None:
        self._on_step = self._finished = False
        self._page(header="Help › Tutorial", title=WELCOME_TITLE, text=WELCOME_TEXT)
        self.bar.hide()
        self.start_button.setText("Start the tutorial")
        self.start_button.show()
        self.close_button.setText("Not now")

    def show_progress(self, progress: Progress, state: State) -> None:
        step = progress.step
        n = len(progress.steps)
        self.bar.setRange(0, n)
        self.bar.setValue(progress.index)
        self.bar.show()
        said = progress.praise_now(state)
        praise = f"✓ {said}" if said else ""
        self._on_step = step is not None
        self._finished = step is None
        if step is None:
            self._page(
                header=f"Done: all {n} steps",
                title=FINISH_TITLE,
                text=FINISH_TEXT,
                praise=praise,
                page=(n, n),
            )
            self.back_button.show()
            self.start_button.setText("Start over")
            self.start_button.show()
            self.close_button.setText("Close")
            return
        done = progress.held
        todo = "✓ Done. Press Next to go on." if done else "" if state.typing else step.todo(state)
        self._page(
            header=f"Step {progress.index + 1} of {n} · {step.part}",
            title=step.title,
            text=step.text,
            praise=praise,
            todo=todo,
            action=step.action or "",
            action_text=step.action_text,
            page=(n, progress.index),
        )
        self.todo.setStyleSheet("color: #15803d;" if done else "color: #b45309;")
        self.back_button.show()
        self.back_button.setEnabled(progress.index > 0)
        self.next_button.show()
        self.next_button.setText("Next ›" if done else "Skip ›")
        self.next_button.setToolTip("" if done else "Go on without doing this step")
        self.close_button.setText("Close")

    def _page(
        self,
        *,
        header: str,
        title: str,
        text: str,
        praise: str = "",
        todo: str = "",
        action: str = "",
        action_text: str = "",
        page: tuple[int, int] | None = None,
    ) -> None:
        for lab, value in (
            (self.header, header),
            (self.title, title),
            (self.text, text),
            (self.praise, praise),
            (self.todo, todo),
        ):
            lab.setText(value)
            lab.setVisible(bool(value))
        self._action = action
        self.action_button.setText(action_text)
        self.action_button.setVisible(bool(action))
        for b in (self.back_button, self.next_button, self.start_button):
            b.hide()
        self._pad = 0  # (measured again for this page, if shown)
        self._foot.changeSize(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self._keep_praise_room(page)
        self._keep_step_in_view()
        if not self._measuring:
            QTimer.singleShot(0, self, self._lay_out_again)

    def _lay_out_again(self) -> None:
        """The page laid out anew once its words are set (t75 #5: step 10's
        first showing kept the lines of the step before, its last word cut,
        until something laid the panel out again)."""
        self._words.invalidate()
        self.content.updateGeometry()
        QApplication.sendEvent(self.content, QEvent(QEvent.Type.LayoutRequest))
        self._keep_step_in_view()

    def _keep_praise_room(self, page: tuple[int, int] | None) -> None:
        """On one step's page the ✓ line keeps the room it took once it is
        gone (a pass stepped back from its end), so the words and the button
        under it stay where the learner clicks (a trial, 71 #10: "Open b = a + a"
        went up 30 px as the ✓ line went, and the click missed)."""
        lab = self.praise
        lab.setMinimumHeight(0)
        if self._measuring:  # (tallest_hidden: each page as it would be, two lines of praise)
            return
        if page != self._praise_page:
            self._praise_page, self._praise_room = page, 0
        if lab.text():
            margins = self._words.contentsMargins()
            inner = self.scroll_area.viewport().width() - margins.left() - margins.right()
            self._praise_room = max(self._praise_room, lab.heightForWidth(inner))
        elif self._praise_room and page is not None:
            lab.setMinimumHeight(self._praise_room)
            lab.show()
