"""Help › User Guide (gui/window/user_guide.py): the README inside the app,
with its contents and a search (a trial: forward mode, the Hessian and
Gradient Flow were explained only in the README, with no link from the app)."""

from __future__ import annotations

import email.message
import importlib.metadata
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from gui.window import user_guide

ROOT = Path(__file__).resolve().parents[1]


def test_the_guide_is_the_readme_of_the_checkout_or_of_the_installed_package(tmp_path, monkeypatch):
    assert user_guide.guide_text() == (ROOT / "README.md").read_text(encoding="utf-8")

    # elsewhere (a wheel: no checkout beside the app), the package's description, which is the README
    def described(name):
        meta = email.message.Message()
        meta["Name"] = name
        meta.set_payload(f"# {name}\n\n## Install\n")  # (the long description is the body)
        return meta

    monkeypatch.setattr(importlib.metadata, "metadata", described)
    got = user_guide.guide_text(tmp_path)
    assert got is not None and got.startswith("# micrograd-studio")

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "metadata", missing)
    assert user_guide.guide_text(tmp_path) is None


def test_the_contents_are_the_readmes_sections_not_its_code():
    text = "# T\n## Install\n```\n## not a heading\n```\n### Watching backward\n"
    assert user_guide.headings(text) == [(2, "Install"), (3, "Watching backward")]


def test_help_user_guide_opens_the_guide_with_contents_and_search(qtbot, window):
    w = window
    trigger(w, "user_guide")
    g = w._guide
    assert g is not None and g.isVisible()
    titles = [g.contents.item(i).text().strip() for i in range(g.contents.count())]
    assert "Forward mode, and gradients as graphs" in titles and "Headless commands" in titles
    # a section from the contents: scrolled to, its heading in view
    item = g.contents.item(titles.index("Gradient flow: where the gradient vanishes"))
    g.contents.setCurrentItem(item)
    QApplication.processEvents()
    cursor = g.browser.textCursor()
    assert cursor.block().text().strip() == "Gradient flow: where the gradient vanishes"
    assert g.browser.viewport().rect().contains(g.browser.cursorRect(cursor).center())
    # typed and Enter: the next match selected; again: the one after
    qtbot.keyClicks(g.search, "Hessian")
    qtbot.keyClick(g.search, Qt.Key.Key_Return)
    first = g.browser.textCursor()
    assert first.selectedText().lower() == "hessian"  # (any case)
    qtbot.keyClick(g.search, Qt.Key.Key_Return)
    assert g.browser.textCursor().selectionStart() > first.selectionStart()
    g.search.clear()
    qtbot.keyClicks(g.search, "zzqx no such word")
    qtbot.keyClick(g.search, Qt.Key.Key_Return)
    assert "not in the guide" in g.found.text()
    trigger(w, "user_guide")  # asked again: the same window, in front
    assert w._guide is g


def test_the_guides_links_never_blank_it(qtbot, window, monkeypatch):
    """A review: the README's relative link replaced the guide with an empty
    page for the rest of the session, and its #section links did nothing."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    w = window
    trigger(w, "user_guide")
    g = w._guide
    assert g.contents.currentItem().text().strip() == "Using the app"  # where a user begins
    assert g.browser.textCursor().block().text().strip() == "Using the app"
    QApplication.processEvents()  # (once shown: scrolled there)
    at = g.browser.cursorRect(g.browser.textCursor())
    assert g.browser.verticalScrollBar().value() > 0 and g.browser.viewport().rect().contains(at.center())
    assert not g.browser.openLinks()  # (a click never makes the browser load another "page")
    whole = g.browser.toPlainText()
    g.browser.anchorClicked.emit(QUrl("#headless-commands"))
    assert g.browser.textCursor().block().text().strip() == "Headless commands"
    g.browser.anchorClicked.emit(QUrl("#for-developers"))  # (what Install's "see Architecture" links to now)
    assert g.browser.textCursor().block().text().strip() == "For developers"
    g.browser.anchorClicked.emit(QUrl("https://pytorch.org"))
    assert opened == ["https://pytorch.org"]
    g.browser.anchorClicked.emit(QUrl("../shared/spec/graph-file-format.md"))  # beside the checkout
    spec = ROOT.parent / "shared" / "spec" / "graph-file-format.md"
    assert len(opened) == (2 if spec.exists() else 1)
    g.browser.anchorClicked.emit(QUrl("../nowhere/missing.md"))
    assert "is not part of this copy" in g.found.text()
    assert g.browser.toPlainText() == whole  # the guide as it was
    # the current entry clicked again scrolls back to its section
    g.browser.moveCursor(g.browser.textCursor().MoveOperation.End)
    item = g.contents.currentItem()
    qtbot.mouseClick(
        g.contents.viewport(), Qt.MouseButton.LeftButton, pos=g.contents.visualItemRect(item).center()
    )
    assert g.browser.textCursor().block().text().strip() == item.text().strip()


def test_every_link_to_a_section_of_the_readme_names_one():
    """The "How do I…" list links into the guide's sections: each link
    scrolls to a heading (a renamed heading would leave it going nowhere)."""
    import re

    from gui.window import user_guide

    text = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    slugs = {user_guide._slug(t) for _, t in user_guide.headings(text)}
    links = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(links) >= 8 and [x for x in links if x not in slugs] == []


def test_a_search_match_is_shown_with_the_lines_before_it_and_its_section(qtbot, window):
    """A trial: Search "tangent", Enter: the match sat on the guide's last
    visible line (the lines above it, about Backward, read as the answer)
    and the contents still said "Using the app"."""
    w = window
    w.resize(1400, 900)
    trigger(w, "user_guide")
    g = w._guide
    g.resize(1000, 600)
    QApplication.processEvents()
    qtbot.keyClicks(g.search, "tangent")
    qtbot.keyClick(g.search, Qt.Key.Key_Return)
    QApplication.processEvents()
    cursor = g.browser.textCursor()
    assert cursor.selectedText() == "tangent"
    top, height = g.browser.cursorRect(cursor).top(), g.browser.viewport().height()
    assert 0 <= top <= height // 2, (top, height)
    assert g.contents.currentItem().text().strip() == "Forward mode, and gradients as graphs"
    assert g.browser.textCursor().selectedText() == "tangent"  # (the contents did not scroll away)


def test_the_guide_leaves_the_developers_chapters_to_the_readme(qtbot, window):
    """A trial: the guide's contents listed Architecture and Performance (the
    module map, benchmark tables) among the app's features, dense for a learner."""
    w = window
    trigger(w, "user_guide")
    g = w._guide
    titles = [g.contents.item(i).text().strip() for i in range(g.contents.count())]
    assert "Using the app" in titles and "The file format" in titles and "Headless commands" in titles
    assert "Architecture" not in titles and "Performance" not in titles
    assert titles[-1] == "For developers"  # where they are said, last
    text = g.browser.toPlainText()
    assert "import-linter" not in text and "bench_scaling.py" not in text
    # a link to one (Install's "see Architecture") goes to that note
    assert "(#architecture)" not in user_guide.for_users(user_guide.guide_text())


def test_the_guides_title_names_the_app_once(qtbot, window):
    """Trial 67: the title bar read "micrograd-studio — User Guide — micrograd-studio" (Qt
    appends the app's display name to a window title that does not end with it)."""
    app = QApplication.instance()
    was = app.applicationDisplayName()
    app.setApplicationDisplayName("micrograd-studio")  # (as gui/app.py names the app)
    try:
        trigger(window, "user_guide")
        title = window._guide.windowTitle()
    finally:
        app.setApplicationDisplayName(was)
    # the title bar's text, by Qt's rule (QPlatformWindow::formatWindowTitle)
    shown = title if title.endswith("micrograd-studio") else f"{title} — micrograd-studio"
    assert shown == "User Guide — micrograd-studio"
