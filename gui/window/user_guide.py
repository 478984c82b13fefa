"""Help › User Guide: the README, the guide to every feature (forward mode,
the Hessian, Gradient Flow, …), in a window of the app with its contents
and a search, so a user who never opened the repository finds what a menu
entry does (a trial: "explained only in the 1,475-line README, no link from
the app"). One text, never copied: read from the checkout the app runs
from, or from the installed package's metadata (a wheel carries the README
as its description)."""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QShowEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.files import program

#: The distribution whose description is the README (pyproject.toml's name).
DIST = "micrograd-studio"
#: The section the guide opens at.
START = "Using the app"
#: The sections listed in the contents: ``## Title`` and ``### Title``.
_HEADING = re.compile(r"^(#{2,3}) (.+)$", re.MULTILINE)
#: The README's chapters for developers, left out of the guide (a trial: Help ›
#: User Guide listed Architecture and Performance beside the app's features).
DEVELOPER_CHAPTERS = ("Architecture", "Performance")
#: What the guide says instead, last.
FOR_DEVELOPERS = (
    "## For developers\n\nHow micrograd-studio is built (its packages, layers and signals) and how "
    "fast it is (every benchmark's figures) are the last chapters of the README.md in its "
    "repository, after the ones above.\n"
)


def guide_text(root: Path | None = None) -> str | None:
    """The README: beside ``main.py`` in the checkout the app runs from
    (``root``: that folder), else the installed package's description;
    None when neither is there."""
    base = guide_base(root)
    if base is not None:
        return (base / "README.md").read_text(encoding="utf-8")
    try:
        meta = importlib.metadata.metadata(DIST)
    except importlib.metadata.PackageNotFoundError:
        return None
    text = meta.get_payload() or meta.get("Description")  # type: ignore[attr-defined]
    return text if isinstance(text, str) and text.strip() else None


def guide_base(root: Path | None = None) -> Path | None:
    """The folder a link of the guide is relative to: the checkout's (None for an installed package)."""
    root = root if root is not None else Path(__file__).resolve().parents[2]
    return root if (root / "README.md").is_file() and (root / "main.py").is_file() else None


def headings(text: str) -> list[tuple[int, str]]:
    """(level, title) of each section, in order: 2 for ``##``, 3 for ``###``
    (none inside fenced code)."""
    out: list[tuple[int, str]] = []
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and (m := _HEADING.match(line)):
            out.append((len(m.group(1)), m.group(2).strip()))
    return out


#: ``python main.py backward`` (or ``main.py template``, a line break between
#: maybe) in the README: a headless command, as a clone runs it.
_CLONE_COMMAND = re.compile(r"(?:python )?main\.py( |\n)(?=[a-z])")


def in_own_names(text: str, command: str) -> str:
    """``text`` with each headless command written as this copy of the app
    runs one (``command``: ``micrograd-studio-cli`` installed; a trial: the
    installed app's guide said ``python main.py backward``, and there is no main.py)."""
    if command == program.CLONE:
        return text
    return _CLONE_COMMAND.sub(lambda m: f"{command}{m.group(1)}", text)


def for_users(text: str) -> str:
    """``text`` (the README) without its chapters for developers, a short
    note on where they are in their place (a link to one goes to the note),
    its headless commands in this copy's own names (:func:`in_own_names`)."""
    out: list[str] = []
    fenced = skipping = False
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            skipping = _plain(line[3:].strip()) in DEVELOPER_CHAPTERS
        if not skipping:
            out.append(line)
    body = "".join(out)
    for title in DEVELOPER_CHAPTERS:
        body = body.replace(f"](#{_slug(title)})", f"](#{_slug('For developers')})")
    return in_own_names(f"{body.rstrip()}\n\n{FOR_DEVELOPERS}", program.command())


class UserGuide(QDialog):
    """The guide: contents on the left, the text on the right, a search
    above it (Enter: the next match, Shift+Enter: the one before)."""

    def __init__(self, text: str, parent: QWidget | None = None, base: Path | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)  # (a window of its own: not kept over the graph)
        self.setObjectName("user_guide")
        # (Qt appends " — micrograd-studio", the application's display name, to a title that does
        # not end with it: "micrograd-studio — User Guide — micrograd-studio" was shown, trial 67)
        self.setWindowTitle(f"User Guide — {QApplication.applicationDisplayName()}")
        self.resize(1000, 720)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide_text")
        self.browser.setOpenLinks(False)  # (a relative link blanked the guide: each is handled below)
        self.browser.anchorClicked.connect(self.follow)
        self.browser.setMarkdown(text)
        self.base = base
        self.contents = QListWidget()
        self.contents.setObjectName("guide_contents")
        self.contents.setWordWrap(True)  # (long section titles whole, no sideways scrolling)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for level, title in headings(text):
            item = QListWidgetItem(_plain(title))
            if level == 2:  # (the chapters bold, their sections plain: a wrapped title keeps its edge)
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.contents.addItem(item)
        self.contents.currentTextChanged.connect(self.go_to)
        self.contents.itemClicked.connect(lambda it: self.go_to(it.text()))  # (the current one again too)
        self.search = QLineEdit()
        self.search.setObjectName("guide_search")
        self.search.setPlaceholderText("Search the guide (Enter: next match)")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        back = QShortcut(QKeySequence("Shift+Return"), self.search)
        back.activated.connect(lambda: self.find_next(back=True))
        self.found = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.found)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setSizes([260, 740])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        self.search.setFocus()
        self._shown = False
        start = [i for i in range(self.contents.count()) if self.contents.item(i).text() == START]
        if start:  # (not "Install": pip, venv and the test suite are not where a user of the app begins)
            self.contents.setCurrentRow(start[0])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:  # (laid out only now: the section the contents show scrolled to)
            self._shown = True
            item = self.contents.currentItem()
            if item is not None:
                QTimer.singleShot(0, lambda: self.go_to(item.text()))

    def follow(self, url: QUrl) -> None:
        """A link clicked in the guide: a section of it (``#architecture``)
        scrolled to; a web address opened in the browser; a file beside the
        README opened as the desktop opens it; any other said not found."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        if not url.path() and url.fragment():
            slug = url.fragment()
            for i in range(self.contents.count()):
                title = self.contents.item(i).text().strip()
                if _slug(title) == slug:
                    self.contents.setCurrentRow(i)
                    self.go_to(title)
                    return
        target = (self.base / url.path()).resolve() if self.base is not None and url.path() else None
        if target is not None and target.exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
            return
        self.found.setText(f"“{url.toString()}” is not part of this copy of the app")

    def go_to(self, title: str) -> None:
        """Scroll the section ``title`` (as the contents list it) to the top."""
        doc = self.browser.document()
        want = title.strip()
        block = doc.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and block.text().strip() == want:
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                bar = self.browser.verticalScrollBar()
                bar.setValue(bar.maximum())  # (then back: the heading lands at the top)
                self.browser.ensureCursorVisible()
                return
            block = block.next()

    def find_next(self, back: bool = False) -> bool:
        """The next match of the search (from the cursor, round from the start); the label says if none."""
        text = self.search.text()
        if not text:
            self.found.setText("")
            return False
        flags = QTextDocument.FindFlag.FindBackward if back else QTextDocument.FindFlag(0)
        if not self.browser.find(text, flags):
            self.browser.moveCursor(
                QTextCursor.MoveOperation.End if back else QTextCursor.MoveOperation.Start
            )
            if not self.browser.find(text, flags):
                self.found.setText(f"“{text}” is not in the guide")
                return False
        self.found.setText("")
        self._show_match()
        return True

    def _show_match(self) -> None:
        """The match a third of the way down (find scrolled it just into view,
        on the last line: a trial read the lines above it as the answer), and
        its section current in the contents (which stayed on the section
        before)."""
        cursor = self.browser.textCursor()
        bar = self.browser.verticalScrollBar()
        third = self.browser.viewport().height() // 3
        bar.setValue(bar.value() + self.browser.cursorRect(cursor).top() - third)
        block = cursor.block()
        while block.isValid() and not block.blockFormat().headingLevel():
            block = block.previous()
        if not block.isValid():
            return
        title = _plain(block.text().strip())
        rows = [i for i in range(self.contents.count()) if self.contents.item(i).text().strip() == title]
        if rows:
            self.contents.blockSignals(True)  # (not go_to: the view stays on the match)
            self.contents.setCurrentRow(rows[0])
            self.contents.blockSignals(False)


def show(parent: QWidget, guide: UserGuide | None, status: Callable[[str], None]) -> UserGuide | None:
    """Help › User Guide: ``guide`` (made now if None) shown beside the
    graph, in front; the guide the window keeps, or None (said in the
    status bar) when this copy of the app has no README."""
    if guide is None:
        text = guide_text()
        if text is None:
            status("The user guide (README.md) is not installed with this copy of the app.")
            return None
        guide = UserGuide(for_users(text), parent, guide_base())
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide


def _slug(title: str) -> str:
    """A heading's anchor as GitHub writes it: "From Python and notebooks" -> "from-python-and-notebooks"."""
    kept = "".join(c for c in title.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def _plain(title: str) -> str:
    """A heading as the rendered text reads it (no Markdown marks)."""
    return title.replace("**", "").replace("`", "").replace("*", "")
