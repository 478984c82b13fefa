"""Quick add: Tab on the canvas, type a few letters, Enter.

A typed number ("1", "-2.5", "3e-4") is first of all a Value holding it: a
trial's "1" + Enter found Sigmoid through its formula 1/(1+e⁻ˣ) and added
that, where a learner typing a number means the number. ``name = number``
("x1=2") is a Value so named and holding it, as the new Value's name box
reads it (a trial: the list went empty and Enter did nothing, silently).
Whatever matches nothing says what the list takes, in place of the list.
The lecture's spellings find their operation too (``*``, ``-``, ``ln``), and
a power as Python writes it (``**2``, ``^``, ``x**3``, ``²``, ``square``) is
Power with that exponent (trial 50: only "pow" found it). A formula's slips
are told as the f(x) bar tells them, with nothing to add (``x^2``: ^ is not a
power, write x**2; ``3x``: a * may be missing), and a number with a decimal
comma (``0,7``) is told to use a decimal point. Opened on the canvas with
cards selected, or typed with the names of cards (``x**3``, ``a*b``), an
operation's row is wired from them, and says so (gui/editing/quick_feeds.py).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QStyle, QVBoxLayout

from core.autograd import ops
from core.code.codeslips import other_slips
from core.explain.format import decimal_comma, fmt_full, parse_number
from core.explain.words import close_word
from gui.editing.palette import DETAIL_ROLE, OP_ROLE, SAYS_ROLE, OpDelegate, op_detail, op_tooltip
from gui.editing.quick_feeds import Feed, Sources, Typed, formula_help, typed_formula

#: The number a "Value holding it" row adds (None on an operation's row).
VALUE_ROLE = Qt.ItemDataRole.UserRole + 3
#: The name a "Value x1 = 2" row gives it ("" for a number alone).
NAME_ROLE = Qt.ItemDataRole.UserRole + 4
#: The exponent a "Power x**3" row gives the new Power (None on other rows).
EXPONENT_ROLE = Qt.ItemDataRole.UserRole + 5
#: The cards a row's new node is wired from, one per input (None: left free); None: no wires.
FEED_ROLE = Qt.ItemDataRole.UserRole + 7
#: Widest Quick Add grows to for a row that says where it is wired from (pixels).
MOST_WIDTH = 460

#: What else an operation is called where a lecture or Python writes it
#: (the list matches these as it matches the operation's own names).
SPELLINGS = {
    "add": ("+", "plus", "sum"),
    "sub": ("-", "minus"),
    "mul": ("*", "times", "product"),
    "div": ("/", "over", "divided"),
    "neg": ("-", "negative", "minus"),
    "pow": ("**", "^", "square", "squared", "power"),
    "exp": ("e**", "e^"),
    "log": ("ln",),
}
#: a power typed as Python or a blackboard writes it: "**", "^2", "x**3", "x^(-1)"
_POWER = re.compile(
    r"(?:[A-Za-z_]\w*(?:\[\w+\])?)?\s*(?:\*\*|\^)\s*"  # x, x[1] or nothing, then ** or ^
    r"(\(?\s*[-+−]?[\d.]+(?:e[-+]?\d+)?\s*\)?)?"  # the exponent, bracketed or not
)
#: ... with its exponent as a superscript ("x²", "²") or a word
_SUPERSCRIPTS = {"²": 2.0, "³": 3.0}
_WORDS = {"square": 2.0, "squared": 2.0, "sq": 2.0, "cube": 3.0, "cubed": 3.0, "sqrt": 0.5}
#: What the list takes, said when nothing matches what was typed.
TAKES = "Type an operation's name (add, tanh…), a number (2.5) or a Value's name = number (x1 = 2)."
#: ... after a wire dragged from an output, which goes into an operation.
TAKES_INPUT = "Type the name of an operation to take this wire (add, tanh, relu…)."


def typed_number(text: str) -> float | None:
    """The finite number ``text`` is (as the value editor reads it: a real
    minus, a little arithmetic such as 1/2), else None."""
    if not any(c.isdigit() for c in text):
        return None  # (no digit: a name or a symbol, never a number)
    try:
        return parse_number(text)
    except ValueError:
        return None


def typed_entry(text: str) -> tuple[str, float | None] | None:
    """``name = number`` read as the new Value's name box reads it: (name,
    the number, None if it is not one); None when ``text`` has no "=" or no name."""
    name, eq, number = text.partition("=")
    name, number = name.strip(), number.strip()
    if not eq or not name:
        return None
    try:
        return name, parse_number(number)
    except ValueError:
        return name, None


def typed_power(text: str) -> float | None:
    """The exponent of the Power ``text`` asks for ("**2", "x^2", "x**3",
    "^(-1)", "x²", "square": 2 where it says none), else None."""
    t = text.strip()
    if t.lower() in _WORDS:
        return _WORDS[t.lower()]
    sup = re.fullmatch(r"(?:[A-Za-z_]\w*)?([²³])", t)
    if sup:
        return _SUPERSCRIPTS[sup.group(1)]
    m = _POWER.fullmatch(t)
    if m is None or t.lower().startswith(("e**", "e^")):  # (Euler's e: Exp)
        return None
    if not m.group(1):
        return 2.0  # (the exponent Power starts with)
    try:
        return parse_number(m.group(1).strip().strip("()"))
    except ValueError:
        return None


def typed_slips(text: str) -> str | None:
    """What the f(x) bar says of the slips in ``text`` ("x^2": ^ is not a
    power, write x**2; "3x": a * may be missing), in its words, else None:
    a formula typed here is held to the bar's rules (t71: Quick Add took
    x^2 for a Power where the bar refused it)."""
    slips = sorted(other_slips(text))
    if not slips:
        return None
    said = "; ".join(s for _, s in slips)
    return said if len(slips) == 1 else f"{len(slips)} slips: {said}"


def rank(op: str, text: str) -> int | None:
    """How well ``text`` matches ``op`` (0 best), None if not at all."""
    t = text.strip().lower()
    if not t:
        return 0
    spec = ops.OPS[op]
    names = [op, spec.title.lower()] + (["value", "number", "leaf"] if op == "leaf" else [])
    if any(n.startswith(t) for n in names):
        return 0
    spellings = SPELLINGS.get(op, ())  # after its own names: "t" is tanh before "times"
    if t == spec.symbol.lower() or t in spellings:
        return 1
    if any(n.startswith(t) for n in spellings):
        return 2
    if any(t in n for n in names):
        return 2
    if t in op_detail(op).lower():
        return 3
    return None


def near_miss(text: str, needs_input: bool = False) -> str | None:
    """The operation ``text`` most likely misspells ("tahn": tanh), or None
    (only a close one: a typo, not any word)."""
    names: dict[str, str] = {}
    for op, spec in ops.OPS.items():
        if needs_input and not ops.arity(op):
            continue
        for n in (op, spec.title.lower(), *SPELLINGS.get(op, ())):
            if len(n) >= 3:
                names.setdefault(n, op)
    got = close_word(text.strip(), list(names))  # (as the formula's messages match: core.explain.words)
    return names[got] if got else None


class QuickAdd(QFrame):
    """A small popup list of operations, filtered as you type; Enter adds the
    highlighted one, Escape closes."""

    chosen = Signal(str)
    #: a typed number's row: add a Value holding it
    number_chosen = Signal(float)
    #: a typed ``name = number``'s row: add a Value so named, holding it
    named_value_chosen = Signal(str, float)
    #: a typed power's row ("**3", "x**2"): add a Power with this exponent
    power_chosen = Signal(float)
    #: a row wired from cards (op, the card per input or None, a Power's exponent or None)
    fed_chosen = Signal(str, object, object)
    #: the list went (chosen, Escape, or a click elsewhere)
    closed = Signal()

    def __init__(self, parent=None, needs_input: bool = False, sources: Sources | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        #: only operations that take an input (a wire dragged from an output goes into it)
        self.needs_input = needs_input
        #: the cards an operation may be wired from (selected, or named in the text); None: none
        self.sources = sources
        self._within: QRect | None = None
        self.setObjectName("quick_add")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("quick_add_filter")
        self.edit.setPlaceholderText("Add node… (type a name)")  # (set_prompt: other words, whole)
        self.list = QListWidget(self)
        self.list.setObjectName("quick_add_list")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setItemDelegate(OpDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.hint = QLabel(self)  # in place of an empty list: what it takes
        self.hint.setObjectName("quick_add_hint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.hint.setContentsMargins(4, 4, 4, 4)
        self.hint.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(3)
        lay.addWidget(self.edit)
        lay.addWidget(self.list)
        lay.addWidget(self.hint, 1)
        self.resize(240, 30 * 8 + 44)
        self.edit.textChanged.connect(self._filter)
        self.edit.installEventFilter(self)
        self.list.itemClicked.connect(self._choose)
        self._filter("")

    def set_prompt(self, text: str) -> None:
        """The grey words in the empty box, whole: the popup widens for them
        (a trial, 71 #12: "Add a node on this wire... (type a n…" was cut)."""
        self.edit.setPlaceholderText(text)
        self.ensurePolished()
        # the box's text is inset by its frame, Qt's 2 px margin and its own margins; the popup's
        # layout and frame add theirs
        frame = self.edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, self.edit)
        tm = self.edit.textMargins()
        lay = self.layout()
        sides = 0 if lay is None else lay.contentsMargins().left() + lay.contentsMargins().right()
        inset = 2 * frame + 4 + tm.left() + tm.right() + sides + 2 * self.frameWidth()
        need = self.edit.fontMetrics().horizontalAdvance(text) + inset + 8
        if need > self.width():
            self.resize(need, self.height())

    def popup_at(self, global_pos: QPoint, within: QRect | None = None) -> None:
        """Open with its top-left at ``global_pos``, moved up or left as far
        as needed to stay inside ``within`` (global; the canvas) and on the screen."""
        self._within = within
        self.move(global_pos)
        self.show()
        self._keep_inside()
        self.edit.setFocus()

    def _keep_inside(self) -> None:
        """Moved up or left as far as needed to stay inside the canvas and on the screen."""
        global_pos = self.pos()
        within = self._within
        screen = QGuiApplication.screenAt(global_pos) or QGuiApplication.primaryScreen()
        for area in (within, screen.availableGeometry() if screen is not None else None):
            if area is None:
                continue
            frame = self.frameGeometry()  # as placed (a window frame may add to the size)
            dx = min(0, area.right() - frame.right()) or max(0, area.left() - frame.left())
            dy = min(0, area.bottom() - frame.bottom()) or max(0, area.top() - frame.top())
            if dx or dy:
                self.move(self.pos() + QPoint(dx, dy))

    def visible_ops(self) -> list[str]:
        return [self.list.item(i).data(OP_ROLE) for i in range(self.list.count())]

    def _filter(self, text: str) -> None:
        hits = [(r, i, op) for i, op in enumerate(ops.OPS) if (r := rank(op, text)) is not None]
        if self.needs_input:
            hits = [h for h in hits if ops.arity(h[2])]
        hits.sort()
        self.list.clear()
        entry = None if self.needs_input else typed_entry(text)
        number = None if self.needs_input or entry is not None else typed_number(text)
        power = typed_power(text) if entry is None and number is None else None
        why = ""
        if said := typed_slips(text):  # "x^2", "3x": refused as the f(x) bar refuses them (t71)
            hits, entry, number, power, why = [], None, None, None, said
        elif entry is not None:  # a name = number: the Value alone (no operation is called "x1=2")
            name, number = entry
            hits = []
            point = decimal_comma(text.partition("=")[2])
            if number is None and point:
                why = f"{name} = …: use a decimal point: {name} = {point}."
            elif number is None and not _finite(value := text.partition("=")[2].strip()):  # 1e999, inf
                why = f"{name} = …: {value} is not a finite number (a float64 is at most about 1.8e308)."
            elif number is None and formula_help(text.partition("=")[2]):  # y = x + 1: the f(x) bar's
                why = f"{name} = …: Quick Add names a number (x1 = 2): type {text.strip()} in the f(x) bar."
            elif number is None:
                why = f"{name} = …: the value after = must be a number, e.g. {name} = 2."
        elif number is None and (point := decimal_comma(text)):  # 0,7: a number, not a name
            hits = []
            why = f"“{text.strip()}” is not a number: use a decimal point: {point}."
        elif number is None and any(c.isdigit() for c in text) and not _finite(text.strip()):
            hits = []  # 1e999: a number, too big (trial 69 #14: it said "Nothing is called “1e999”")
            why = f"“{text.strip()}” is not a finite number (a float64 is at most about 1.8e308)."
        typed = typed_formula(text) if self.sources is not None and not why and entry is None else None
        if typed is not None and typed.op != "pow" and (feed := self._feed(typed.op, typed)) is not None:
            hits = [h for h in hits if h[2] != typed.op]  # "a*b", "tanh(h)": its row, wired, first
            it = QListWidgetItem()
            it.setData(OP_ROLE, typed.op)
            self.list.addItem(_wired(it, feed, f"<b>{ops.OPS[typed.op].title}</b> {feed.why}"))
        if power is not None:  # Power with the exponent typed, first; no second Power row
            hits = [h for h in hits if h[2] != "pow"]
            k = f"{power:g}"
            it = QListWidgetItem(f"{ops.OPS['pow'].title} x**{k}")
            it.setData(OP_ROLE, "pow")
            it.setData(EXPONENT_ROLE, power)
            it.setData(DETAIL_ROLE, f"x**{k}")
            it.setToolTip(f"<b>Power</b> x**{k}: its input to the power {k} (Enter adds it)")
            if (feed := self._feed("pow", typed, power)) is not None:
                _wired(it, feed, f"<b>Power</b> {feed.why}: to the power {k}")
            self.list.addItem(it)
        if number is not None:  # first, so Enter adds it; the name matches follow
            shown = fmt_full(number)
            name = entry[0] if entry is not None else ""
            said = f"{name} = {shown}" if name else shown
            it = QListWidgetItem(f"{ops.OPS['leaf'].title} {said}")
            it.setData(OP_ROLE, "leaf")
            it.setData(VALUE_ROLE, number)
            it.setData(NAME_ROLE, name)
            it.setData(DETAIL_ROLE, f"{name} = {shown}" if name else f"= {shown}")
            it.setToolTip(f"<b>Value</b> {said}: a leaf holding this number (Enter adds it)")
            self.list.addItem(it)
        for _, _, op in hits:
            it = QListWidgetItem(ops.OPS[op].title)
            it.setData(OP_ROLE, op)
            it.setToolTip(op_tooltip(op))
            if (feed := self._feed(op)) is not None:  # the selected cards go into it
                _wired(it, feed, f"{op_tooltip(op)}<br>{feed.why}")
            self.list.addItem(it)
        guess = None
        if not self.list.count() and not why and (said := formula_help(text)):  # "x+1", "a*b + c"
            why = said  # (the f(x) bar makes them)
        if not self.list.count() and not why and (guess := near_miss(text, self.needs_input)) is not None:
            it = QListWidgetItem(ops.OPS[guess].title)  # (Enter adds it, as any match)
            it.setData(OP_ROLE, guess)
            it.setToolTip(op_tooltip(guess))
            self.list.addItem(it)
            why = f"Nothing is called “{text.strip()}”: did you mean {ops.OPS[guess].title}?"
        if self.list.count():
            self.list.setCurrentRow(0)
        elif not why:
            why = f"Nothing is called “{text.strip()}”. {TAKES_INPUT if self.needs_input else TAKES}"
        self.hint.setText(why)
        self.hint.setVisible(bool(why))
        self.list.setVisible(not why or guess is not None)
        self._fit_rows()

    def _feed(self, op: str, typed: Typed | None = None, exponent: float | None = None) -> Feed | None:
        """Where a new ``op`` from this list is wired from (None: unwired, as ever)."""
        if self.sources is None or self.needs_input:
            return None
        return self.sources.feed(op, typed, exponent)

    def _fit_rows(self) -> None:
        """Wide enough for each row's "wired from …" whole (up to ``MOST_WIDTH``): what
        Enter will do is read before it is pressed (t72 #5)."""
        fed = [self.list.item(i) for i in range(self.list.count()) if self.list.item(i).data(SAYS_ROLE)]
        if not fed:
            return
        # a row as the list's delegate lays it out; the list's frame and scroll bar, the popup's margins
        lst, lay = self.list, self.layout()
        bar = lst.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, lst)
        sides = 0 if lay is None else lay.contentsMargins().left() + lay.contentsMargins().right()
        inset = 2 * lst.frameWidth() + bar + sides + 2 * self.frameWidth()
        need = max(OpDelegate.width_for(ops.OPS[it.data(OP_ROLE)].title, it.data(DETAIL_ROLE)) for it in fed)
        need = min(MOST_WIDTH, need + inset)
        if need > self.width():
            self.resize(need, self.height())
            if self.isVisible():
                self._keep_inside()

    def _move(self, step: int) -> None:
        n = self.list.count()
        if n:
            self.list.setCurrentRow(max(0, min(n - 1, self.list.currentRow() + step)))

    def _choose(self, it: QListWidgetItem | None) -> None:
        if it is None:
            return
        op, number, name = it.data(OP_ROLE), it.data(VALUE_ROLE), it.data(NAME_ROLE)
        exponent, feed = it.data(EXPONENT_ROLE), it.data(FEED_ROLE)
        self.close()
        if feed:
            self.fed_chosen.emit(op, tuple(feed), None if exponent is None else float(exponent))
        elif exponent is not None:
            self.power_chosen.emit(float(exponent))
        elif number is not None and name:
            self.named_value_chosen.emit(name, float(number))
        elif number is not None:
            self.number_chosen.emit(float(number))
        else:
            self.chosen.emit(op)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.closed.emit()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            k = event.key()
            if k in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose(self.list.currentItem())
                return True
            if k == Qt.Key.Key_Escape:
                self.close()
                return True
            if k in (Qt.Key.Key_Down, Qt.Key.Key_Tab):
                self._move(1)
                return True
            if k in (Qt.Key.Key_Up, Qt.Key.Key_Backtab):
                self._move(-1)
                return True
        return super().eventFilter(obj, event)


def _wired(it: QListWidgetItem, feed: Feed, tip: str) -> QListWidgetItem:
    """``it``, an operation's row, made the row of its node wired from ``feed``'s
    cards: it says so, and ``tip`` (its tooltip) says what Enter does."""
    it.setText(f"{ops.OPS[it.data(OP_ROLE)].title} {feed.said}")
    it.setToolTip(f"{tip} (Enter adds it)")
    it.setData(FEED_ROLE, feed.sources)
    it.setData(DETAIL_ROLE, feed.said)
    it.setData(SAYS_ROLE, True)
    return it


def _finite(text: str) -> bool:
    """False for a number that reads as one but is not finite ("1e999",
    "inf", "nan"); True otherwise (not a number at all included)."""
    try:
        return math.isfinite(float(text))
    except ValueError:
        return True
