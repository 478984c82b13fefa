"""Nothing silently cut or left behind: long pastes in the formula bar,
code imports over the limit, temporary files of killed saves."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.code.codein import MAX_CODE_CHARS, CodeError, parse_code
from core.files import fileio

ROOT = Path(__file__).resolve().parents[1]
BLOG = ROOT / "resources" / "examples" / "blog_L.mgraph"


def test_code_over_the_limit_is_refused_with_a_message():
    text = "y = " + " + ".join(f"a{i}" for i in range(MAX_CODE_CHARS // 6))
    assert len(text) > MAX_CODE_CHARS
    with pytest.raises(CodeError) as e:
        parse_code(text)
    assert f"at most {MAX_CODE_CHARS:,}" in str(e.value) and "in parts" in str(e.value)


def test_the_formula_bar_takes_a_paste_longer_than_32767_characters(window):
    e = window.findChild(QLineEdit, "expression_bar")
    text = "y = " + " + ".join(f"a{i}" for i in range(6000))  # ~40,000 characters
    assert len(text) > 32767
    QGuiApplication.clipboard().setText(text)
    e.setFocus()
    e.clear()
    e.paste()
    assert e.text() == text  # all of it, not the first 32,767 characters


def test_a_paste_over_the_import_limit_is_refused_not_cut(window, qtbot):
    e = window.findChild(QLineEdit, "expression_bar")
    text = "y = " + " + ".join(f"a{i}" for i in range(MAX_CODE_CHARS // 6))
    e.setText(text)
    before = sorted(window.model.nodes())
    e.setFocus()
    qtbot.keyClick(e, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert "at most" in window.code_tools.error_label.text()
    assert sorted(window.model.nodes()) == before


def test_cli_import_over_the_limit_is_one_error_line(tmp_path):
    src = tmp_path / "big.py"
    src.write_text("y = " + " + ".join(f"a{i}" for i in range(MAX_CODE_CHARS // 6)))
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", str(src), "-o", str(tmp_path / "o.mgraph")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 1 and r.stderr.startswith("error: ") and "at most" in r.stderr
    assert len(r.stderr.splitlines()) == 1 and not (tmp_path / "o.mgraph").exists()


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_opening_a_file_removes_what_killed_saves_left(window, answers, tmp_path):
    p = tmp_path / "g.mgraph"
    fileio.save(fileio.load(BLOG), p)
    left = tmp_path / f".g.mgraph.{dead_pid()}.0123abcd.tmp"
    left.write_bytes(b"{" * 1000)
    window.open_path(p)
    assert not left.exists() and window.path == str(p)


@pytest.mark.slow
def test_kill_during_save_keeps_the_old_file_and_the_next_save_cleans_up(tmp_path):
    """A save killed with SIGKILL half-way: the old file is intact, and the
    temporary file it left is removed by the next save."""
    p = tmp_path / "g.mgraph"
    fileio.save(fileio.load(BLOG), p)
    old = p.read_bytes()
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from core.files import fileio\n"
        "from core.graph.model import GraphModel\n"
        "m = GraphModel()\n"
        "for i in range(60000): m.add_node('leaf', f'n{i}', value=float(i))\n"
        "print('ready', flush=True)\n"
        "while True: fileio.save(m, sys.argv[2])\n"
    )
    for _ in range(5):
        child = subprocess.Popen([sys.executable, "-c", code, str(ROOT), str(p)], stdout=subprocess.PIPE)
        assert child.stdout is not None and child.stdout.readline().startswith(b"ready")
        time.sleep(0.3)
        child.kill()
        child.wait()
        data = p.read_bytes()
        assert data == old or fileio.loads(data.decode()).nodes()  # a whole file, old or new
    fileio.save(fileio.load(BLOG), p)
    assert [x.name for x in tmp_path.iterdir() if x.name.endswith(".tmp")] == []
    assert os.path.exists(p)
