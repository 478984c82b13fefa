"""The Order list's node column: a step named with its group ("ypred[4]
· neuron 3.1 [4]") keeps the step's label whole and cuts the group's name
first, drawn paler (cut in the middle as one text, a narrow dock read
"ypred[4]... 3.1 [4]"); a row standing for nested groups names the outer
ones after the innermost, cut at their end ("neuron 3.1 [4]  · layer 3":
cut at its start, "· … 3 [4]" said nothing the inner name did not). A
step's group cut to last words that tell nothing ("x*y + x**2 · … + x**2",
"ypred[4] · … [4]", "· … 16)") keeps its start instead ("· inner c…")."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from gui.backward.order_tree import AGAIN, GROUP_ROLE

#: Between the step's label and its group's name.
SEP = "  · "


def fit(label: str, group: str, fm: QFontMetrics, width: int, outer: bool = False) -> tuple[str, str]:
    """The label and the group's part as drawn in ``width`` px: the label
    whole where it fits (cut in the middle, its "[4]" kept, where not), the
    group's name in what is left: its last words whole, "… 1.3 [1]", or its
    numbers bare, "1.3 [1]", where only they fit, so its neuron and its data
    point stay (cut at its end, four rows of an MLP's forward pass read
    "(w1.1.1·x1) · neuron 1.…" alike; cut in its middle, the four neurons'
    rows "(… + w·x2) · neur… [1]" of an MLP whose sums share a label did),
    else cut in its middle; left out where fewer than four of its
    characters would show. ``outer``: the groups around a group's row,
    cut at their end (``_head``)."""
    shown = cut_label(label, group, fm, width)
    if shown != label:
        return shown, ""
    room = width - fm.horizontalAdvance(shown + SEP)
    part = ""
    if room > 0 and outer:
        part = _head(label, group, fm, room)
    elif room > 0:
        words = group.split(" ")
        tails = []
        for i in range(1, len(words)):
            rest = " ".join(words[i:])
            if not _tells(rest, label):
                continue
            # its numbers bare where the words cut hold none ("1.4 [1]" for "neuron 1.4 [1]")
            bare = [rest] if not any(c.isdigit() for c in " ".join(words[:i])) else []
            tails += [f"… {rest}", *bare]
        whole = [t for t in [group, *tails] if fm.horizontalAdvance(t) <= room]
        middle = fm.elidedText(group, Qt.TextElideMode.ElideMiddle, room)
        if any(c.isdigit() for c in group):  # its numbers tell it apart: a cut that keeps one
            # ("p1 = sigmoid(w*x1 + b)" and "p2 = …" both read "… + b)" cut at their start, a trial)
            whole = [t for t in whole if any(c.isdigit() for c in t)]
        # else its start, first words whole (verify 51: "x*y + x**2 · … + x**2" for the group
        # "inner c = x*y + x**2", "1 (in e - 1) · … 16)" for "o (line 16)": "· inner c…", "· o (line…")
        heads = [" ".join(words[:i]) + "…" for i in range(len(words) - 1, 0, -1)]
        whole += [h for h in heads if fm.horizontalAdvance(h) <= room and _tells(h[:-1], label)]
        if not whole and any(c.isdigit() for c in middle) == any(c.isdigit() for c in group):
            whole = [middle] if _tells(middle.rpartition("…")[2].strip(), label) else []  # (not "ne… [4]")
        part = whole[0] if whole else ""
    # "· …", "· n…]" or a lone "…" names nothing: left out
    return shown, SEP + part if part == group or len(part.replace("…", "")) >= 4 else ""


def cut_label(label: str, group: str, fm: QFontMetrics, width: int) -> str:
    """A step's ``label`` in ``width`` px, cut so the rows of one group stay told apart (trial 73
    #1: Presentation Mode's "w3.1.….1[4]", "w…]", "n…]", its middle cut): whole; without the data
    point its group's name says ("w3.1.1·h2.1" in "neuron 3.1 [4]"); a product by its first factor
    ("w3.1.1·…", as its card writes it) or its last ("…·h2.1"); its end where that keeps three
    letters or digits ("…h2.1"); else cut in its middle ("n…2", "w…2", not all "n…]")."""
    if fm.horizontalAdvance(label) <= width:
        return label
    core, index = label, _INDEX.search(label)
    if index is not None and index.start() and group.endswith(index.group().strip()):
        core = label[: index.start()]
    forms = [core]
    if not any(c in core for c in " ()"):  # (a product's factors, not a sum's terms)
        for sign in ("·", "*"):
            if sign in core:
                forms += [core[: core.index(sign) + 1] + "…", "…" + core[core.rindex(sign) :]]
    whole = next((f for f in forms if fm.horizontalAdvance(f) <= width), None)
    if whole is not None:
        return whole
    tail = fm.elidedText(core, Qt.TextElideMode.ElideLeft, width)
    if core != label and sum(c.isalnum() for c in tail) >= 3:
        return tail
    middle = fm.elidedText(core, Qt.TextElideMode.ElideMiddle, width)  # ("n…2", "w…2": not all "n…]")
    if sum(c.isalnum() for c in middle) >= 2 or core == label:
        return middle
    head = fm.elidedText(core, Qt.TextElideMode.ElideRight, width)  # ("w…": a weight's product)
    return head if sum(c.isalnum() for c in head) >= sum(c.isalnum() for c in tail) else tail


def _tells(part: str, label: str) -> bool:
    """Whether ``part`` of a group's name says something the row's own
    ``label`` does not: not a piece of it ("… [4]" after "ypred[4]", "… + x**2"
    after "x*y + x**2"), not holding it whole ("… = x*y + x**2"), and not
    cut inside brackets ("… 16)" of "o (line 16)", "… + b)")."""
    if not part or _within(part, label) or _within(label, part):
        return False
    return all(part.count(o) >= part.count(c) for o, c in ("()", "[]"))


def _within(piece: str, text: str) -> bool:
    """``piece`` in ``text`` as whole words ("e" is not in "line", "[4]" is in "ypred[4]")."""
    start = r"(?<!\w)" if piece[:1].isalnum() else ""
    end = r"(?!\w)" if piece[-1:].isalnum() else ""
    return re.search(start + re.escape(piece) + end, text) is not None


_INDEX = re.compile(r"\s*\[[^\]]*\]$")


def _head(label: str, group: str, fm: QFontMetrics, room: int) -> str:
    """The outer groups' names ``group`` in ``room`` px after a group's row
    ``label``, their start kept: whole; without the data point the row's
    own name ends in too ("neuron 3.1 [4]  · layer 3"); its first words
    whole then "…"; else cut at its end."""
    index = _INDEX.search(group)
    heads = [group]
    if index is not None and label.removesuffix(AGAIN).endswith(index.group().strip()):
        heads.append(group[: index.start()])
    words = group.split(" ")
    heads += [" ".join(words[:i]) + "…" for i in range(len(words) - 1, 0, -1)]
    whole = [h for h in heads if fm.horizontalAdvance(h) <= room]
    return whole[0] if whole else fm.elidedText(group, Qt.TextElideMode.ElideRight, room)


class StepLabelDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        group = index.data(GROUP_ROLE)
        parent = index.parent()
        if not isinstance(group, str) and not parent.isValid():
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text  # a step's: "label  · group"; a group's row: its innermost group's name
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None or not text:
            super().paint(painter, option, index)
            return
        opt.text = ""  # the row's background, selection and focus as usual; the texts below
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        r = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(2, 0, -2, 0)
        fm = opt.fontMetrics
        if isinstance(group, str):
            step = text.endswith(SEP + group)  # (else a group's row: ``group`` the groups around it)
            label = text[: len(text) - len(SEP) - len(group)] if step else text
            shown, tail = fit(label, group, fm, r.width(), outer=not step)
        else:  # a row under its group's row: its label cut so the group's rows stay told apart
            outer = parent.siblingAtColumn(1).data()  # ("w3.1.1·…", not Qt's "w…]": cut_label)
            shown, tail = cut_label(text, outer if isinstance(outer, str) else "", fm, r.width()), ""
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pal = opt.palette
        main = (
            pal.color(QPalette.ColorRole.HighlightedText)
            if selected
            else opt.palette.color(QPalette.ColorRole.Text)
        )
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        if fg is not None and not selected:
            main = fg.color()
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(main)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(r, align, shown)
        rest = r.width() - fm.horizontalAdvance(shown)
        if tail:
            pale = main if selected else pal.color(QPalette.ColorRole.PlaceholderText)
            painter.setPen(pale)
            painter.drawText(r.adjusted(r.width() - rest, 0, 0, 0), align, tail)
        painter.restore()
