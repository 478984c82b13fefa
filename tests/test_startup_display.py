"""Starting without a display: the app says so in one line (the headless
commands still work), and the test suite treats an empty QT_QPA_PLATFORM as
unset (it runs offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def env_without_display(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


@pytest.mark.parametrize("platform", [None, "", "xcb", "wayland"])
def test_the_app_without_a_display_says_so_in_one_line(platform):
    env = env_without_display() if platform is None else env_without_display(QT_QPA_PLATFORM=platform)
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 1
    assert len(r.stderr.splitlines()) == 1, r.stderr
    assert r.stderr.startswith("error: the desktop app needs a display")
    assert "headless commands (backward" in r.stderr


def test_headless_commands_need_no_display():
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "backward", str(ROOT / "resources/examples/blog_L.mgraph")],
        env=env_without_display(QT_QPA_PLATFORM=""),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0 and "backward from 'L'" in r.stdout


def test_an_empty_qt_qpa_platform_runs_the_gui_tests_offscreen():
    test = "tests/test_window_files.py::test_examples_menu_lists_every_example_with_its_title"
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
        cwd=ROOT,
        env=env_without_display(QT_QPA_PLATFORM=""),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "1 passed" in r.stdout


def test_the_error_log_is_in_the_config_folder_as_the_readme_says(tmp_path, monkeypatch):
    import logging

    from gui import app as gui_app
    from gui.common import settings

    folder = tmp_path / "cfg"
    folder.mkdir()
    monkeypatch.setenv(settings.ENV_DIR, str(folder))
    assert gui_app.log_path() == folder.resolve() / "errors.log"
    record = logging.LogRecord("gui", logging.ERROR, __file__, 1, "boom %s", ("here",), None)
    gui_app.crash_log.emit(record)
    assert gui_app.crash_log.last_path == folder.resolve() / "errors.log"
    assert "boom here" in (folder / "errors.log").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "MICROGRAD_STUDIO_CONFIG=DIR` keeps them, the error log" in readme.replace("\n", " ")
