"""``picture FILE -o OUT --wrt ID [--step N | --end | --steps]`` and ``picture -``
(trial 58 #13: forward-mode slides could not be scripted, though Export Every
Step works during Backward › Forward Mode; and ``picture -`` was refused while
the other commands read a piped file). Each picture is the one the window
exports at that forward-mode step, pixel for pixel: the window driven as a
user drives it (a click on the leaf, Shift+F5, →, File › Export), the command
run as a script runs it (a subprocess, no display)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from test_cli_stdin import FORMULA, VALUES
from test_codegen_cli import EX, ROOT, assert_one_error_line, run
from test_export_caption import caption_lines
from test_export_finished import key
from test_forward_mode_gui import click_card, hand_mode
from window_helpers import answers, open_file_at, tmp_settings, trigger, window  # noqa: F401

from core.files import fileio

BLOG = EX / "blog_L.mgraph"


def same_picture(a, b) -> bool:
    ia, ib = QImage(str(a)), QImage(str(b))
    assert not ia.isNull() and not ib.isNull(), (a, b)
    return ia.convertToFormat(QImage.Format.Format_ARGB32) == ib.convertToFormat(QImage.Format.Format_ARGB32)


def forward_from_a(qtbot, w) -> None:
    """Forward mode from a, as a user starts it: the card clicked, Shift+F5."""
    open_file_at(qtbot, w, BLOG)
    hand_mode(w)
    click_card(w, qtbot, "a")
    key(qtbot, w, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert w.backward.replay.wrt == "a" and w.backward.animator.pos == 0


def test_a_forward_step_is_the_picture_the_window_exports_there(qtbot, window, answers, tmp_path):
    w = window
    made = run("picture", BLOG, "-o", tmp_path / "cli.png", "--wrt", "a", "--step", "2")
    assert made.returncode == 0 and made.stderr == "", made.stderr
    assert made.stdout.strip() == f"wrote {tmp_path / 'cli.png'}"
    forward_from_a(qtbot, w)
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    assert w.backward.animator.pos == 2
    answers.export_path = str(tmp_path / "gui.png")
    trigger(w, "export_png")
    assert same_picture(tmp_path / "cli.png", tmp_path / "gui.png")
    # not Backward's picture at that step (what the command drew before --wrt)
    run("picture", BLOG, "-o", tmp_path / "back.png", "--step", "2")
    assert not same_picture(tmp_path / "back.png", tmp_path / "gui.png")


def test_a_backward_step_too_is_the_picture_a_window_at_that_size_exports(qtbot, window, answers, tmp_path):
    """The command's window is laid out as the app's on a first start (its docks were left where Qt
    piles them: a smaller canvas, another zoom, the step's note placed a few pixels off)."""
    w = window
    made = run("picture", BLOG, "-o", tmp_path / "cli.png", "--step", "2")
    assert made.returncode == 0, made.stderr
    open_file_at(qtbot, w, BLOG)
    hand_mode(w)
    key(qtbot, w, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, w, Qt.Key.Key_Right)
    key(qtbot, w, Qt.Key.Key_Right)
    answers.export_path = str(tmp_path / "gui.png")
    trigger(w, "export_png")
    assert same_picture(tmp_path / "cli.png", tmp_path / "gui.png")


def test_every_forward_step_is_the_deck_the_window_exports(qtbot, window, answers, tmp_path):
    w = window
    (tmp_path / "cli").mkdir()
    (tmp_path / "gui").mkdir()
    made = run("picture", BLOG, "-o", tmp_path / "cli" / "fwd.png", "--wrt", "a", "--steps")
    assert made.returncode == 0, made.stderr
    names = sorted(os.listdir(tmp_path / "cli"))
    assert names == [f"fwd-{k:02d}.png" for k in range(1, 5)]  # the start, e, d, the end (L's step)
    forward_from_a(qtbot, w)
    answers.export_path = str(tmp_path / "gui" / "fwd")
    trigger(w, "export_steps")
    assert sorted(os.listdir(tmp_path / "gui")) == names, w.status_text()
    for n in names:
        assert same_picture(tmp_path / "cli" / n, tmp_path / "gui" / n), n


def tangent_pills(svg) -> list[float]:
    """The numbers the cards' "d/da X" pills show, in the picture's order."""
    root = ET.parse(svg).getroot()
    said = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    return [
        float(m.group(1).replace("−", "-")) for s in said if (m := re.fullmatch(r"d/da (\S+)", s.strip()))
    ]


def test_piped_in_the_captions_and_tangents_are_forward_modes(tmp_path):
    """``import … -o - | picture - --wrt a``: the caption says the step, each
    tangent drawn is d(node)/da by a central finite difference."""
    text = run("import", "L = tanh(a*b) * exp(a) + c", "--value", "a=0.7", "--value", "b=-1.3", "-o", "-")
    assert text.returncode == 0, text.stderr
    end = run("picture", "-", "-o", tmp_path / "end.svg", "--wrt", "a", "--end", stdin=text.stdout)
    assert end.returncode == 0 and end.stderr == "", end.stderr
    assert " ".join(caption_lines(tmp_path / "end.svg")).startswith(
        "Finished: every node that depends on a shows d(node)/da"
    )
    m = fileio.loads(text.stdout)
    h = 1e-6
    a = m.values()["a"]
    m.set_value("a", a + h)
    up = dict(m.values())
    m.set_value("a", a - h)
    down = m.values()
    fd = {n: (up[n] - down[n]) / (2 * h) for n in m.nodes() if abs(up[n] - down[n]) > 0}
    assert len(fd) == 6  # a, a*b, tanh, exp, the product, L
    assert sorted(tangent_pills(tmp_path / "end.svg")) == sorted(round(v, 4) for v in fd.values())
    # a step of it: its sentence, and the picture carries the piped graph
    one = run("picture", "-", "-o", tmp_path / "s1.svg", "--wrt", "a", "--step", "1", stdin=text.stdout)
    assert one.returncode == 0, one.stderr
    said = " ".join(caption_lines(tmp_path / "s1.svg"))
    assert said.startswith("Step 1 of ") and "d(a*b)/da" in said, said
    assert sorted(fileio.load(tmp_path / "s1.svg").nodes()) == sorted(m.nodes())


def test_a_picture_piped_in_is_drawn_as_its_file_is(tmp_path):
    """``picture -`` reads a graph file, or a picture carrying one, as ``picture FILE`` does."""
    made = run("import", FORMULA, *VALUES, "-o", "-")
    saved = tmp_path / "L.mgraph"
    saved.write_text(made.stdout)
    for args in (["--step", "3"], ["--wrt", "b", "--step", "1"], []):
        piped = run("picture", "-", "-o", tmp_path / "piped.png", *args, stdin=made.stdout)
        assert piped.returncode == 0 and piped.stderr == "", piped.stderr
        filed = run("picture", saved, "-o", tmp_path / "filed.png", *args)
        assert filed.returncode == 0, filed.stderr
        assert same_picture(tmp_path / "piped.png", tmp_path / "filed.png"), args
    # the picture just written, piped in again: its graph drawn again
    again = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "picture", "-", "-o", str(tmp_path / "again.png")],
        input=(tmp_path / "filed.png").read_bytes(),
        capture_output=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert same_picture(tmp_path / "again.png", tmp_path / "filed.png")


def test_mistakes_are_one_error_line_naming_what_and_where(tmp_path):
    out = tmp_path / "x.png"
    said = run("picture", BLOG, "-o", out, "--wrt", "zz", "--step", "1")
    assert_one_error_line(said, f"{BLOG}: unknown node 'zz' for --wrt", "a, b, c, f")
    said = run("picture", BLOG, "-o", out, "--wrt", "e", "--end")
    assert_one_error_line(said, f"{BLOG}: 'e' is a mul node, not a leaf")
    data = json.loads(BLOG.read_text())  # f's wire into L taken away: L has no value
    data["edges"] = [e for e in data["edges"] if e["source"] != "f"]
    hole = tmp_path / "hole.mgraph"
    hole.write_text(json.dumps(data))
    said = run("picture", hole, "-o", out, "--wrt", "a", "--end")
    assert_one_error_line(said, f"{hole}: cannot run forward mode from 'a'", "'L'", "input port 1")
    said = run("picture", BLOG, "-o", out, "--wrt", "a", "--step", "9")
    assert_one_error_line(said, f"{BLOG}: forward mode from 'a' has 3 steps: --step takes 0 to 3")
    said = run("picture", BLOG, "-o", out, "--wrt", "a")
    assert_one_error_line(said, "--wrt", "--step N, --end or --steps")
    said = run("picture", BLOG, "-o", out, "--wrt", "a", "--root", "L", "--end")
    assert_one_error_line(said, "--root", "--wrt", "give one")
    said = run("picture", "-", "-o", out, "--wrt", "a", "--end", stdin="")
    assert_one_error_line(said, "<stdin>: ", "empty")
    said = run("picture", "-", "-o", out, stdin="not json")
    assert_one_error_line(said, "<stdin>: not a micrograd-studio graph file")
    assert not any(p.name.startswith("x") for p in tmp_path.iterdir())  # nothing half-written


def test_help_says_so():
    said = " ".join(run("picture", "--help").stdout.split())
    assert "--wrt ID draw forward mode from this leaf" in said
    assert "FILE a graph file (or a picture carrying one), or - to read one from standard input" in said
