"""Where the headless commands' -o writes (trial 48 #7): a missing folder is
said plainly, and a file written over is said in the printed line, never
silently; the write stays atomic (a temporary file, then a rename)."""

from __future__ import annotations

import os

import pytest
from test_cli import EXAMPLES, assert_error, run

BLOG = EXAMPLES / "blog_L.mgraph"

#: each command writing OUT (its name's extension), as a user types it
COMMANDS = {
    "template": (["template", "neuron", "-o"], ".mgraph"),
    "import": (["import", "L = a*b; a = 2.0; b = 3.0", "-o"], ".mgraph"),
    "export": (["export", BLOG, "--to", "python", "-o"], ".py"),
    "picture": (["picture", BLOG, "-o"], ".png"),
    "train": (["train", BLOG, "--steps", "1", "--out"], ".mgraph"),
}


@pytest.mark.parametrize("name", COMMANDS)
def test_a_missing_folder_is_said_plainly(tmp_path, name):
    """`template neuron -o /nonexist/dir/m.mgraph` said "error: [Errno 2] No
    such file or directory: '/nonexist/dir/m.mgraph'"."""
    args, ext = COMMANDS[name]
    out = tmp_path / "nonexist" / "dir" / f"m{ext}"
    r = run(*args, out)
    assert_error(r, f"error: cannot write {out}: its folder {out.parent} does not exist", code=1)
    assert "Errno" not in r.stderr and not (tmp_path / "nonexist").exists()


@pytest.mark.parametrize("name", ["template", "import", "export", "picture"])
def test_a_file_written_over_is_said_in_the_printed_line(tmp_path, name):
    """`template neuron -o mine_over.mgraph` printed "wrote mine_over.mgraph:
    10 nodes, 1 group" over the user's own graph. It still writes over it
    (as cp and gcc -o do), but says "replaced", and leaves no temporary file
    (export, silent on a new file, says "wrote" too: trial 50)."""
    args, ext = COMMANDS[name]
    out = tmp_path / f"mine{ext}"
    r = run(*args, out)
    assert r.returncode == 0 and r.stdout.startswith(f"wrote {out}"), r.stderr
    out.write_bytes(b"my own work")
    r = run(*args, out)
    assert r.returncode == 0 and r.stdout.startswith(f"replaced {out}"), r.stdout + r.stderr
    assert out.read_bytes() != b"my own work" and os.listdir(tmp_path) == [out.name]


def test_template_says_what_it_replaced_and_picture_steps_count_them(tmp_path):
    out = tmp_path / "mine.mgraph"
    out.write_text("{}")
    r = run("template", "neuron", "-o", out)
    assert r.stdout == f"replaced {out}: 10 nodes, 1 group\n"
    deck = tmp_path / "lesson.png"
    first = run("picture", BLOG, "-o", deck, "--steps")
    assert first.returncode == 0 and "replaced" not in first.stdout, first.stderr
    again = run("picture", BLOG, "-o", deck, "--steps")
    n = len(list(tmp_path.glob("lesson-*.png")))
    assert again.stdout.rstrip().endswith(f"({n} files there replaced)"), again.stdout
    r = run("train", out, "--steps", "1", "--out", out)
    assert r.stdout.rstrip().endswith(f"saved to {out} (replacing what was there)"), r.stdout


def test_a_folder_or_a_file_on_the_way_is_said(tmp_path):
    r = run("template", "neuron", "-o", tmp_path)
    assert_error(r, f"cannot write {tmp_path}: it is a folder", code=1)
    inside = BLOG / "x.mgraph"
    assert_error(run("template", "neuron", "-o", inside), f"cannot write {inside}: {BLOG} is not a folder")
    deeper = BLOG / "tmp" / "x.mgraph"  # (trial 74 #9: "its folder … does not exist", or the system's words)
    assert_error(
        run("template", "neuron", "-o", deeper),
        f"cannot write {deeper}: its folder {BLOG / 'tmp'} cannot exist: {BLOG} is a file, not a folder",
    )
