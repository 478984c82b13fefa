"""Shared set-up for the main-window tests: settings in a temporary folder,
the window's questions answered by the test, and its error dialogs recorded
instead of shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.common import settings as gui_settings
from gui.window.main_window import MainWindow

Button = QMessageBox.StandardButton


class Answers:
    """What the patched dialogs say, and what they were asked."""

    def __init__(self) -> None:
        self.open_path = ""
        self.save_path = ""
        self.export_path = ""
        self.save_changes = None  # a Button; None: fail the test if asked
        self.recover = (
            None  # a Button for "recover unsaved work?" (a list: one per question); None: fail if asked
        )
        self.recover_asked: list[tuple[str, str]] = []  # the texts (and details) of the recover questions
        # the file questions (gui/window/file_questions.py); None: fail if asked
        self.reload = None  # bool: reload a file another program changed?
        self.overwrite_changed = None  # "overwrite", "save_as" or "cancel"
        self.locked = None  # "read_only", "copy", "anyway" or "cancel"
        self.overwrite_open = None  # bool: Save As onto a file open elsewhere?
        self.write_read_only = None  # bool: write over a read-only file?
        self.replace_renamed = None  # bool: export over the file named with the extension added?
        self.export_steps = None  # bool: export this many step pictures (or over some there)?
        self.save_elsewhere = None  # bool: Save As, the file's folder having stopped a save?
        self.graph_name = None  # "rename", "again" or "cancel": Save As given another kind's name
        self.asked: list[str] = []  # the file questions asked, in order
        self.said: dict[str, list[tuple]] = {}  # what each file question was asked with, by name
        self.suggested: list[str] = []  # the names Save As suggested
        self.questions = 0
        self.errors: list[tuple[str, str]] = []


@pytest.fixture(autouse=True)
def tmp_settings(tmp_path, monkeypatch):
    """Every window test reads and writes settings in its own folder."""
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv(gui_settings.ENV_DIR, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def answers(monkeypatch) -> Answers:
    ans = Answers()

    def ask_changes(self):
        ans.questions += 1
        assert ans.save_changes is not None, "unexpected 'save changes?' question"
        return ans.save_changes

    monkeypatch.setattr(MainWindow, "_ask_open_path", lambda self: ans.open_path)

    def ask_save_path(self, suggested):
        ans.suggested.append(suggested)
        return ans.save_path

    monkeypatch.setattr(MainWindow, "_ask_save_path", ask_save_path)
    monkeypatch.setattr(MainWindow, "_ask_export_path", lambda self, kind, suggested: ans.export_path)
    monkeypatch.setattr(MainWindow, "_ask_save_changes", ask_changes)

    def ask_recover(self, orphan, waiting):
        from gui.window.recovery_offer import recover_question

        ans.questions += 1
        ans.recover_asked.append(recover_question(orphan, waiting))
        assert ans.recover, "unexpected 'recover unsaved work?' question"
        return ans.recover.pop(0) if isinstance(ans.recover, list) else ans.recover

    monkeypatch.setattr(MainWindow, "_ask_recover", ask_recover)

    def file_question(name):
        def ask(self, *args):
            ans.questions += 1
            ans.asked.append(name)
            ans.said.setdefault(name, []).append(args)
            answer = vars(ans)[name]
            assert answer is not None, f"unexpected question {name}{args}"
            return answer

        return ask

    for name in (
        "reload",
        "overwrite_changed",
        "locked",
        "overwrite_open",
        "write_read_only",
        "replace_renamed",
        "export_steps",
        "save_elsewhere",
        "graph_name",
    ):
        monkeypatch.setattr(MainWindow, f"_ask_{name}", file_question(name))

    def warning(parent, title, text, *a, **k):
        ans.errors.append((title, text))
        return Button.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(MainWindow, "_error_box", lambda self, title, text: ans.errors.append((title, text)))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(warning))
    return ans


def make_window(qtbot, answers: Answers) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w, before_close_func=_discard)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    return w


def _discard(w: MainWindow) -> None:
    # The test is over: closing must not ask about unsaved changes.
    w.undo_stack.setClean()


@pytest.fixture
def window(qtbot, answers) -> MainWindow:
    return make_window(qtbot, answers)


def action(window: MainWindow, name: str) -> QAction:
    """The window's action called ``action_<name>`` (as a test finds it)."""
    act = window.findChild(QAction, f"action_{name}")
    assert act is not None, f"no action_{name}"
    return act


def menu_action(menu, name: str) -> QAction:
    """The action called ``action_<name>`` in ``menu`` or its submenus."""
    for act in menu.actions():
        if act.objectName() == f"action_{name}":
            return act
        if act.menu() is not None:
            try:
                return menu_action(act.menu(), name)
            except LookupError:
                pass
    raise LookupError(name)


def trigger(window: MainWindow, name: str) -> None:
    """Click a menu entry the way a user does: it must exist and be enabled."""
    act = action(window, name)
    assert act.isEnabled(), f"action_{name} is disabled"
    act.trigger()
    QApplication.processEvents()


def step_by_hand(w: MainWindow) -> None:
    """Backward › Play Automatically unticked (where it is ticked): a pass
    run with Ctrl+B waits at its start for → or End."""
    auto = menu_action(w.menus["backward"], "autoplay")
    if auto.isChecked():
        auto.trigger()


def run_to_end(qtbot, w: MainWindow) -> None:
    """Ctrl+B then End, as a user runs a whole pass (Play Automatically turned off first)."""
    step_by_hand(w)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert w.backward.animator.at_end


def show_mlp(qtbot, window: MainWindow, width: int = 1600, height: int = 1000) -> None:
    """The window shown at ``width`` × ``height`` with Learn › Insert MLP done
    (the issue's window: the MLP folded, fitted)."""
    from core.learn import templates

    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    window.learning.insert(templates.mlp())


def show_mlp_open(qtbot, window: MainWindow, label: str) -> str:
    """``show_mlp``, then the MLP's group named ``label`` opened (its frame
    shown, the rest folded as inserted); the group's id."""
    show_mlp(qtbot, window)
    gid = next(g.id for g in window.model.groups if g.label == label)
    window.grouping.set_collapsed([gid], False)
    QApplication.processEvents()
    return gid


def open_mlp_file(qtbot, window: MainWindow, folder) -> None:
    """The MLP template saved in ``folder`` and opened from its file in the
    issue's 1600 × 1000 window, as a new user's trial opens it (inserted,
    its view differs)."""
    from core.cli.templates import build

    open_saved(qtbot, window, build("mlp"), Path(folder) / "mlp.mgraph")


def expanded_mlp_pass(qtbot, window: MainWindow, folder) -> None:
    """The MLP opened from its file (``open_mlp_file``), every group opened
    with Ctrl+Shift+] and Backward pressed with Ctrl+B to step by hand
    (Backward › Play Automatically unticked first), as the trials step it."""
    from PySide6.QtCore import Qt

    open_mlp_file(qtbot, window, folder)
    window.view.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.view, Qt.Key.Key_BracketRight, ctrl | Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    step_by_hand(window)
    qtbot.keyClick(window.view, Qt.Key.Key_B, ctrl)
    QApplication.processEvents()


def hover_tip(w: MainWindow, scene_pos) -> str:
    """The tooltip hovering ``scene_pos`` of the canvas shows ("" for none)."""
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    vp = w.view.viewport()
    p = w.view.mapFromScene(scene_pos)
    QApplication.sendEvent(vp, QHelpEvent(QHelpEvent.Type.ToolTip, p, vp.mapToGlobal(p)))
    text = QToolTip.text() if QToolTip.isVisible() else ""
    QToolTip.hideText()
    return text


def click_item(qtbot, w: MainWindow, item, double: bool = False) -> None:
    """Scroll ``item`` into view and click (or double-click) its middle, as a user does."""
    from PySide6.QtCore import Qt

    w.view.centerOn(item)
    QApplication.processEvents()
    at = w.view.mapFromScene(item.sceneBoundingRect().center())
    (qtbot.mouseDClick if double else qtbot.mouseClick)(w.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QApplication.processEvents()


def open_expanded(qtbot, w: MainWindow, model, folder, size: tuple[int, int] = (1600, 1000)) -> None:
    """``model`` saved in ``folder`` and opened in ``w`` (shown at ``size``),
    then Ctrl+Shift+] on the canvas: every group open, as a user opens them."""
    from PySide6.QtCore import Qt

    open_saved(qtbot, w, model, Path(folder) / "graph.mgraph", size)
    w.view.setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(w.view, Qt.Key.Key_BracketRight, ctrl_shift)  # Expand All
    QApplication.processEvents()


def open_saved(qtbot, w: MainWindow, model, path: Path, size: tuple[int, int] = (1600, 1000)) -> None:
    """``model`` saved at ``path`` and opened from it in ``w``, shown at
    ``size`` (the trials' 1600 × 1000), as a user opens a file."""
    from core.files import fileio

    fileio.save(model, str(path))
    open_file_at(qtbot, w, path, size)


def open_file_at(qtbot, w: MainWindow, path, size: tuple[int, int] = (1600, 1000)) -> None:
    """The file ``path`` (e.g. an example) opened in ``w`` shown at ``size``:
    the trials' 1600 × 1000, or the student's 1366 × 768 laptop."""
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    assert w.open_path(str(path))
    QApplication.processEvents()


def type_on_card(qtbot, w: MainWindow, node: str, text: str) -> None:
    """``text`` typed as the value of ``node``'s card, as a user does: a
    click on the card, Return to edit it, the old value replaced, Return."""
    click_item(qtbot, w, w.scene.node_item(node))
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Return)
    ed = w.scene.interaction.inline_editor
    assert ed is not None
    ed.selectAll()
    qtbot.keyClicks(ed, text)
    qtbot.keyClick(ed, Qt.Key.Key_Return)


def save_questions(monkeypatch) -> list[str]:
    """The real "Unsaved changes" box from now on (the window fixture answers
    it without one), each time answered Discard once :func:`discard_soon`
    is armed: the texts it asked, in order."""
    from gui.window.file_questions import FileQuestions

    monkeypatch.setattr(MainWindow, "_ask_save_changes", FileQuestions._ask_save_changes)
    return []


def discard_soon(asked: list[str]) -> None:
    """The next modal box, once it shows: its text noted in ``asked``, Discard pressed."""
    from PySide6.QtCore import QTimer

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Discard).click()

    QTimer.singleShot(50, answer)


def select_all_and_delete(qtbot, w: MainWindow, between=None) -> None:
    """Ctrl+A, then Delete, pressed on the canvas as a user presses them (the
    events each queues handled first); ``between``, if given, is called after
    Ctrl+A, before Delete (a test that asks what the selection made possible)."""
    view = w.view
    view.setFocus()
    QApplication.processEvents()  # (as between a user's key presses)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    if between is not None:
        between()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    QApplication.processEvents()


def drop_code(w: MainWindow, folder: Path, text: str, size: tuple[int, int] = (1600, 1000)) -> None:
    """``text`` as a .py file dropped on the window at ``size``, opened as a new graph; the canvas focused."""
    path = folder / "dropped.py"
    path.write_text(text)
    w.resize(*size)
    assert w.open_dropped(str(path))
    QApplication.processEvents()
    w.view.setFocus()


def shown_window(qtbot, w) -> None:
    """The window at the issue's 1600 × 1000, shown and exposed (its view laid out)."""
    w.resize(1600, 1000)
    w.show()
    qtbot.waitExposed(w)


def type_formula(
    qtbot, w: MainWindow, formula: str, answer: str | None = None, *, dialogs: bool = True
) -> dict:
    """Type ``formula`` in the f(x) bar (over what is left there) and press
    Enter, as a user does. With ``dialogs``, the values table (if any) is kept
    as it is (Enter) and the name question answered by clicking the button
    whose object name ends with ``answer`` (None: Cancel); without, the test
    answers them itself. What the question said ("text", "buttons")."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLineEdit, QPushButton

    from gui.code.dialogs import LeafValuesDialog

    seen: dict = {}

    def poll() -> None:
        dlg = QApplication.activeModalWidget()
        if isinstance(dlg, LeafValuesDialog):
            qtbot.keyClick(dlg.table, Qt.Key.Key_Return)
        elif isinstance(dlg, QMessageBox) and dlg.isVisible():
            seen["text"] = dlg.text() + " " + dlg.informativeText()
            seen["buttons"] = [b.text() for b in dlg.buttons()]
            if answer is None:
                dlg.button(QMessageBox.StandardButton.Cancel).click()
            else:
                next(b for b in dlg.findChildren(QPushButton) if b.objectName().endswith(answer)).click()
        else:
            return
        timer.start()

    timer = QTimer(w, singleShot=True, interval=50)
    timer.timeout.connect(poll)
    if dialogs:
        timer.start()
    e = w.findChild(QLineEdit, "expression_bar")
    e.setFocus()
    qtbot.keyClick(e, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # over what is left there
    qtbot.keyClicks(e, formula)
    qtbot.keyClick(e, Qt.Key.Key_Return)
    QApplication.processEvents()
    timer.stop()
    if dialogs:
        w.activateWindow()  # (active again once the questions closed: offscreen, a hand is needed)
        qtbot.waitUntil(w.isActiveWindow, timeout=1000)
    return seen
