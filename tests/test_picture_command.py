"""``python main.py picture FILE -o OUT [--step N | --end | --steps] [--root ID]``:
a teacher's script writes a lesson's slides (trial 44 #2 asked for it).
Run as a user runs it (a subprocess, no display), each picture the one
File › Export writes: the step's sentence as its caption, the graph inside;
every failure one ``error:`` line and a non-zero exit."""

from __future__ import annotations

import json
import os

from PySide6.QtGui import QImage
from test_cli import EXAMPLES, run
from test_export_caption import caption_lines, strip_rows

from core.files import fileio

BLOG = EXAMPLES / "blog_L.mgraph"


def test_a_step_is_drawn_with_its_sentence_and_the_graph_inside(tmp_path):
    r = run("picture", BLOG, "-o", tmp_path / "s3.svg", "--step", "3")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"wrote {tmp_path / 's3.svg'}"
    said = " ".join(caption_lines(tmp_path / "s3.svg"))
    assert said.startswith("Step 3 of 7: e.grad = −2 is complete")
    assert sorted(fileio.load(tmp_path / "s3.svg").nodes()) == sorted(fileio.load(BLOG).nodes())
    r = run("picture", BLOG, "-o", tmp_path / "end.png", "--end")
    assert r.returncode == 0, r.stderr
    assert strip_rows(tmp_path / "end.png") > 20  # "Finished: …"
    r = run("picture", BLOG, "-o", tmp_path / "plain.png")  # no pass: no strip
    assert r.returncode == 0 and strip_rows(tmp_path / "plain.png") == 0


def test_every_step_framed_alike(tmp_path):
    r = run("picture", BLOG, "-o", tmp_path / "lesson.png", "--steps")
    assert r.returncode == 0, r.stderr
    names = sorted(os.listdir(tmp_path))
    assert names == [f"lesson-{k:02d}.png" for k in range(1, 6)]  # the start, L, d, e, the end
    assert "5 pictures" in r.stdout and r.stderr == ""
    sizes = {(QImage(str(tmp_path / n)).width(), QImage(str(tmp_path / n)).height()) for n in names}
    assert len(sizes) == 1 and (0, 0) not in sizes


def test_the_root_is_chosen_and_a_graph_with_two_ends_asks_for_one(tmp_path):
    data = json.loads(BLOG.read_text())
    data["graph"].pop("output")
    data["nodes"].append({"id": "z", "op": "leaf", "value": 1.0})
    data["nodes"].append({"id": "y", "op": "neg"})
    data["edges"].append({"source": "z", "target": "y", "port": 0})
    two = tmp_path / "two.mgraph"
    two.write_text(json.dumps(data))
    r = run("picture", two, "-o", tmp_path / "x.svg", "--step", "1")
    assert (
        r.returncode == 2
        and "--root" in r.stderr
        and r.stderr.startswith(f"error: {two}: the graph has 2 ends")
    )
    r = run("picture", two, "-o", tmp_path / "x.svg", "--step", "1", "--root", "y")
    assert r.returncode == 0, r.stderr
    assert " ".join(caption_lines(tmp_path / "x.svg")).startswith("Step 1 of 2: y.grad = 1")


def test_mistakes_are_one_error_line(tmp_path):
    r = run("picture", BLOG, "-o", tmp_path / "x.svg", "--step", "30")
    assert (
        r.returncode == 1 and r.stderr.strip() == f"error: {BLOG}: the pass has 7 steps: --step takes 0 to 7"
    )
    r = run("picture", BLOG, "-o", tmp_path / "x.jpg")
    assert r.returncode == 2 and "ends in .png or .svg" in r.stderr
    r = run("picture", BLOG, "-o", tmp_path / "x.svg", "--steps")
    assert r.returncode == 2 and "NAME.png" in r.stderr
    r = run("picture", tmp_path / "missing.mgraph", "-o", tmp_path / "x.png")
    assert r.returncode == 1 and "missing.mgraph" in r.stderr and "Traceback" not in r.stderr
    r = run("picture", BLOG, "-o", tmp_path / "no" / "such" / "folder.png")
    assert r.returncode == 1 and "folder.png" in r.stderr and "Traceback" not in r.stderr
    assert not any(tmp_path.iterdir())  # nothing half-written


def test_a_slide_without_the_editors_marks_on_a_clear_background(tmp_path):
    r = run("picture", BLOG, "-o", tmp_path / "s.svg", "--no-marks", "--transparent")
    assert r.returncode == 0, r.stderr
    assert "param" not in (tmp_path / "s.svg").read_text()
    r = run("picture", BLOG, "-o", tmp_path / "s.png", "--transparent")
    img = QImage(str(tmp_path / "s.png"))
    assert img.pixelColor(2, 2).alpha() == 0


def test_a_slide_made_into_a_picture_of_the_graph_shows_no_pass(tmp_path):
    """A review: a slide carries its step, which opening it shows again; the
    graph's picture of it (no --step) is of the graph, with no pass."""
    r = run("picture", BLOG, "-o", tmp_path / "slide.png", "--step", "3")
    assert r.returncode == 0, r.stderr
    r = run("picture", tmp_path / "slide.png", "-o", tmp_path / "graph.svg")
    assert r.returncode == 0, r.stderr
    assert caption_lines(tmp_path / "graph.svg") == []


def test_an_empty_graph_or_a_root_with_no_pass_is_said(tmp_path):
    empty = tmp_path / "empty.mgraph"
    empty.write_text('{"directed": true, "multigraph": true, "graph": {"format": "micrograd-studio", '
                     '"version": 1}, "nodes": [], "edges": []}')  # fmt: skip
    r = run("picture", empty, "-o", tmp_path / "x.png")
    assert r.returncode == 1 and "no node" in r.stderr and not (tmp_path / "x.png").exists()
    r = run("picture", BLOG, "-o", tmp_path / "x.png", "--root", "e")
    assert r.returncode == 2 and "--root" in r.stderr and "--step" in r.stderr


def test_errors_of_the_pass_name_the_file(tmp_path):
    """Trial 74 #6: `picture incomplete.mgraph --end` said "error: node 'L'
    (mul) has nothing connected to input port 1 (in₂)" and `--step 99` "error:
    the pass has 7 steps", the only error lines of a command not naming the
    file (a marking loop over 20 files could not place them)."""
    data = json.loads(BLOG.read_text())
    data["edges"] = [e for e in data["edges"] if e["source"] != "f"]
    hole = tmp_path / "incomplete.mgraph"
    hole.write_text(json.dumps(data))
    for when in (["--end"], ["--steps"], ["--step", "2"]):
        r = run("picture", hole, "-o", tmp_path / "x.png", *when)
        assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
        assert r.stderr.startswith(f"error: {hole}: node 'L' (mul) has nothing connected to input port 1"), (
            r.stderr
        )
    r = run("picture", BLOG, "-o", tmp_path / "x.png", "--step", "99")
    assert r.stderr == f"error: {BLOG}: the pass has 7 steps: --step takes 0 to 7\n"
