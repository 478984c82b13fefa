"""Starting the desktop app: ``python main.py [FILE]``.

Also the last line of defence of the rule "no traceback ever reaches a
user": an exception that escapes a slot becomes a short dialog, the details
are logged (``logging``: stderr, and the crash log file through
:class:`CrashLogHandler`), and the window and its document stay open.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TextIO

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from core.explain.words import counted
from core.files.data import data_path
from core.graph.errors import GraphError
from gui.common import resources, settings
from gui.common.settings import APPLICATION, ORGANIZATION
from gui.common.stop_signals import StopSignals

#: The app's diagnostics (every gui module logs under "gui"); see :func:`setup_logging`.
log = logging.getLogger("gui")


def log_path() -> Path:
    """Where unexpected errors are written for a bug report: beside the
    settings (the user's config folder, or ``MICROGRAD_STUDIO_CONFIG``), as
    the README says, with the crash-recovery copies."""
    return Path(settings.settings().fileName()).resolve().parent / "errors.log"


class CrashLogHandler(logging.Handler):
    """Appends each error (with its traceback) to the crash log, for a bug
    report. The file is found when a record comes (the settings folder may
    change) and a file that cannot be written costs nothing but the copy."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        #: The file the last record went to, None if it could not be written.
        self.last_path: Path | None = None

    def emit(self, record: logging.LogRecord) -> None:
        path = log_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as f:
                f.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{self.format(record)}\n")
        except OSError:
            self.last_path = None
        else:
            self.last_path = path


class _StderrHandler(logging.StreamHandler):
    """Whatever ``sys.stderr`` is when a record comes (tests capture it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


crash_log = CrashLogHandler()


def setup_logging() -> None:
    """Warnings and errors to stderr, errors also to the crash log (once)."""
    if crash_log in log.handlers:
        return
    log.setLevel(logging.INFO)
    log.propagate = False
    log.addHandler(_StderrHandler(logging.WARNING))
    log.addHandler(crash_log)


def show_error_dialog(parent: QWidget | None, title: str, text: str) -> None:
    """The dialog the exception hook shows (a function so tests can replace it)."""
    QMessageBox.critical(parent, title, text)


class ExceptionHook:
    """``sys.excepthook`` for the GUI: a dialog instead of a traceback."""

    def __init__(self, quiet: bool = False) -> None:
        self._busy = False
        self.count = 0
        self.quiet = quiet  # logged only, no dialog (the start-up check)
        setup_logging()

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        self.count += 1
        if isinstance(exc, GraphError):  # a refusal, not a bug: no crash log
            log.warning("refused: %s", exc)
        else:
            log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if self._busy or self.quiet:  # an error while the dialog is up: logged, not stacked
            return
        self._busy = True
        try:
            parent = QApplication.activeWindow()
            if isinstance(exc, GraphError):
                show_error_dialog(parent, "Not possible", str(exc))
            else:
                written = crash_log.last_path
                where = f"\n\nThe details were written to {written}." if written else ""
                show_error_dialog(
                    parent,
                    "Something went wrong",
                    f"micrograd-studio hit an unexpected problem and stopped what it was "
                    f"doing:\n\n{exc_type.__name__}: {exc}\n\nYour graph is still open. To be "
                    f"safe, save it with File › Save As under a new name.{where}",
                )
        finally:
            self._busy = False


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "micrograd-studio", *argv])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationDisplayName("micrograd-studio")
    app.setDesktopFileName("micrograd-studio")
    app.setWindowIcon(QIcon(str(data_path("icons", "micrograd-studio.svg"))))
    return app


def stop_keeping_work(app: QApplication, signum: int) -> None:
    """A stop signal: each window's unsaved work copied aside (the next start
    offers it back), then the app exits, status 128 + the signal's number, as
    a shell reports a program the signal ended. Exit, not quit: quitting
    closes the windows, whose questions nobody is there to answer. The exit
    is asked for even if a copy fails; the files' locks go only once the
    loop has ended (:func:`end_stopped`): a question open now goes on until then."""
    try:
        keep_all_work(app)
    finally:
        app.exit(128 + signum)


def keep_all_work(app: QApplication, *, last: bool = False) -> None:
    """Every window's unsaved work copied aside (``last``: the app ends now,
    each file's lock goes too); one window's failure does not stop the others'."""
    from gui.window.main_window import MainWindow

    for w in app.topLevelWidgets():
        if isinstance(w, MainWindow):
            try:
                w.keep_work_aside(last=last)
            except Exception:  # the app is stopping: logged, the others still copied
                log.error("unsaved work of %s could not be kept aside", w.doc_name, exc_info=True)


def end_stopped(app: QApplication, stops: StopSignals) -> int:
    """The app stops (a stop signal came): the work copied again as it is now
    (opened or changed since the signal), the locks let go; its exit status."""
    keep_all_work(app, last=True)
    return stops.exit_code


def install_stop_signals(app: QApplication) -> StopSignals:
    """SIGTERM, SIGHUP and SIGINT handled as a stop that keeps unsaved work
    (the app's own process only: a notebook's ``show`` keeps its own Ctrl+C)."""
    return StopSignals(lambda signum: stop_keeping_work(app, signum), parent=app)


def create_window(
    files: list[str],
    collect_errors: bool = False,
    untitled: str | None = None,
    stopped: Callable[[], bool] = lambda: False,
):
    """The main window on ``files[0]``, or on the blog post's example.

    A file that cannot be opened is reported in a dialog over the window
    (or, with ``collect_errors``, kept in its ``collected_errors``), which
    then shows an empty graph. Unsaved work left by a crash is offered back first.
    With ``untitled`` the file opens as a new unsaved document of that name
    (a graph handed over by ``micrograd_studio.show``). Once ``stopped()``
    (a stop signal came while a question was open) the rest is left undone.
    """
    from gui.window.main_window import MainWindow

    window = MainWindow()
    if collect_errors:
        window.collected_errors = []
    if not files:
        window.open_example(resources.DEFAULT_EXAMPLE)
        window.document.at_start = True
    if window.first_start:
        window.showMaximized()  # first start: the canvas gets the whole screen
    else:
        window.show()
    window.offer_recovery()
    if stopped():  # the question ended unanswered: not the next one (review 71 #2)
        return window
    window.tutorial.offer_once()  # the first launch only; Help › Tutorial any time
    if stopped():
        return window
    if files and untitled:
        opened = window.open_path(os.path.abspath(files[0]), untitled=untitled)
        model = window.model
        if opened and any("grad" in model.node(n) for n in model.nodes()):
            # backward() had run in Python: show its gradients, the pass at its end
            if window.backward.run_backward(play=False):
                window.backward.animator.skip_to_end()
    elif files:  # (asks about recovered work first); Python code is imported, as a dropped .py
        window.open_dropped(os.path.abspath(files[0]))
    return window


def run(argv: list[str], quit_after: float | None = None, untitled: str | None = None) -> int:
    """``python main.py [FILE]``: the app, until its window is closed.

    With ``quit_after`` (seconds) the app quits by itself after that long, a
    start-up check for installs and CI: it prints what it opened and exits 1
    if an error was shown or no graph is open.
    """
    app = make_application(list(argv))
    files = [a for a in app.arguments()[1:] if not a.startswith("-")]
    check = quit_after is not None
    hook = sys.excepthook = ExceptionHook(quiet=check)
    stops = install_stop_signals(app)
    try:
        return _run(app, files, check, hook, quit_after, untitled, stops)
    finally:
        stops.uninstall()


def _run(
    app: QApplication,
    files: list[str],
    check: bool,
    hook: ExceptionHook,
    quit_after: float | None,
    untitled: str | None,
    stops: StopSignals,
) -> int:
    timer = QTimer()
    if quit_after is not None:  # started first: a question at start-up must not hold it up
        timer.setSingleShot(True)
        # exit, not quit: quitting closes the window, which may ask to save
        timer.timeout.connect(lambda: app.exit(0))
        timer.start(round(quit_after * 1000))
    try:
        window = create_window(files, collect_errors=check, untitled=untitled, stopped=lambda: stops.stopping)
    except Exception:  # noqa: BLE001 - say it in a dialog, not a traceback
        hook(*sys.exc_info())
        return end_stopped(app, stops) if stops.stopping else 1
    if stops.stopping:  # it came before the loop ran and ended only the question open then (review 71 #2)
        return end_stopped(app, stops)
    if not check:
        status = app.exec()
        return end_stopped(app, stops) if stops.stopping else status
    status = app.exec() if timer.isActive() else 0  # else: the time ran out while starting
    if stops.stopping:
        return end_stopped(app, stops)
    errors = window.collected_errors or []
    for e in errors:
        print(f"error: {' '.join(e.split())}", file=sys.stderr)
    nodes = len(window.model)
    print(f"opened {window.doc_name}: {counted(nodes, 'node')}, {counted(len(errors) + hook.count, 'error')}")
    return 1 if status or errors or hook.count or not nodes else 0
