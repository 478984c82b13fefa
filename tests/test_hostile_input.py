"""Hostile or extreme input: huge leaf values in the gradient check, labels
that would drive the terminal, and the Gradient Check panel never stuck."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from window_helpers import answers, tmp_settings, trigger, window  # noqa: F401

from core.cli.registry import terminal_safe
from core.files import fileio
from core.graph.model import GraphModel
from core.learn.gradcheck import gradient_check

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def square(x: float) -> GraphModel:
    m = GraphModel()
    m.add_node("leaf", "x", value=x)
    m.add_node("mul", "y")
    m.connect("x", "y", 0)
    m.connect("x", "y", 1)
    return m


# ------------------------------------------------------------ gradient check at huge |x|
@pytest.mark.parametrize("x", [1e10, 1e11, -3e15, 1e150])
def test_gradient_check_at_huge_values_scales_its_step(x):
    res = gradient_check(square(x))
    (row,) = res.rows
    assert row.ok and row.analytic == 2 * x and math.isclose(row.numeric, 2 * x, rel_tol=1e-6)


def test_gradient_check_says_when_it_is_meaningless():
    m = GraphModel()
    m.add_node("leaf", "x", value=1.7976931348623157e308)  # no finite step fits beside it
    m.add_node("neg", "y")
    m.connect("x", "y", 0)
    (row,) = gradient_check(m).rows
    assert not row.ok and "meaningless" in row.note


def test_gradient_check_cli_at_a_huge_value(tmp_path):
    p = tmp_path / "big.mgraph"
    fileio.save(square(1e11), p)
    r = run("gradcheck", p)
    assert r.returncode == 0, r.stderr
    assert "the gradient agrees" in r.stdout and r.stderr == ""


def test_the_gradient_check_panel_is_never_stuck_running(window, monkeypatch):
    from core.learn import gradcheck as module

    window.set_document(square(3.0), None, "sq")

    def boom(*a, **k):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(module, "numeric_gradient", boom)
    trigger(window, "learn_gradcheck")
    QApplication.processEvents()
    panel = window.learning.gradcheck
    assert not panel.running
    assert "stopped" in panel.summary.text() and "ZeroDivisionError" in panel.summary.text()
    assert panel.run_button.text() == "Check gradients"


# ------------------------------------------------------------ labels that drive the terminal
EVIL = ["\x1b]0;pwned\x07", "\x1b[2J\x1b[H", "ok\r\nz   add   forged   1.0   2.0", "\u202etxt.exe", "\x9b31m"]


def evil_file(tmp_path) -> Path:
    m = GraphModel()
    for i, label in enumerate(EVIL):
        m.add_node("leaf", f"l{i}", value=float(i + 1), label=label)
    m.add_node("add", "s1")
    m.connect("l0", "s1", 0)
    m.connect("l1", "s1", 1)
    m.add_node("add", "s2")
    m.connect("s1", "s2", 0)
    m.connect("l2", "s2", 1)
    m.add_node("mul", "s3")
    m.connect("s2", "s3", 0)
    m.connect("l3", "s3", 1)
    m.add_node("mul", "s4", label="\x1b[31mred")
    m.connect("s3", "s4", 0)
    m.connect("l4", "s4", 1)
    p = tmp_path / "evil.mgraph"
    fileio.save(m, p)
    return p


def assert_inert(text: str) -> None:
    bad = [c for c in text if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c == "\u202e"]
    assert not bad, bad


@pytest.mark.parametrize("command", ["backward", "gradcheck"])
def test_labels_are_escaped_in_tables(tmp_path, command):
    r = run(command, evil_file(tmp_path))
    assert r.returncode == 0, r.stderr
    assert_inert(r.stdout)
    assert "\\x1b]0;pwned\\x07" in r.stdout and "\\u202etxt.exe" in r.stdout and "\\x9b31m" in r.stdout
    assert "ok\\x0d\\x0az" in r.stdout  # one row, not two
    rows = [line for line in r.stdout.splitlines() if line.startswith(("l", "s"))]
    assert len(rows) == (9 if command == "backward" else 5)


@pytest.mark.parametrize("command", ["backward", "gradcheck"])
def test_json_output_is_inert_and_exact(tmp_path, command):
    r = run(command, evil_file(tmp_path), "--json")
    assert r.returncode == 0, r.stderr
    assert_inert(r.stdout)
    doc = json.loads(r.stdout)
    labels = (
        {d["label"] for d in doc["nodes"].values()}
        if command == "backward"
        else {d["label"] for d in doc["leaves"]}
    )
    assert set(EVIL) <= labels  # a JSON reader gets the labels back unchanged


def test_an_error_line_is_escaped(tmp_path):
    p = tmp_path / "bad.mgraph"
    p.write_text(json.dumps({"graph": {"format": "micrograd-studio", "version": 1},
                             "nodes": [{"id": "\x1b[2Jx", "op": "nope"}]}))  # fmt: skip
    r = run("backward", p)
    assert r.returncode == 1 and r.stderr.startswith("error: ")
    assert_inert(r.stderr)
    assert "\\x1b[2Jx" in r.stderr


def test_terminal_safe_leaves_ordinary_text_alone():
    assert terminal_safe("a·b = −3.5 ∂L/∂a 😀 tab") == "a·b = −3.5 ∂L/∂a 😀 tab"
    assert terminal_safe("\t\x00\x7f") == "\\x09\\x00\\x7f"
