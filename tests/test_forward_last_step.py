"""Forward mode's last step is shown as every other (trial 65 #2): it is the
root's, where the parts from its inputs are summed, the step the audience
waits for. The banner said only "Finished: …" there and its wires had no
``dX/da += …`` caption; on ``b = a + a`` (one step) the two ``db/da += 1 × 1``
parts were never drawn. Now the last step says its sentence, "Finished"
after it, as Backward's end does, and its wires are captioned; ``picture
--wrt ID --step N`` draws that step too (``--end`` stays the finished
picture). Driven as a user: the card clicked, Shift+F5, → or End; the
command run as a script runs it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_codegen_cli import EX, run
from test_export_caption import caption_lines
from test_forward_mode_gui import start_forward
from test_picture_forward import same_picture
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.explain import forward_text
from core.explain.forward_replay import ForwardReplay
from core.files import fileio
from core.graph.forward_mode import forward_mode

BLOG = EX / "blog_L.mgraph"
A_PLUS_A = EX / "accumulate_a_plus_a.mgraph"
PART = "db/da += ∂b/∂a · da/da = 1 × 1 = 1"


def banner(w) -> str:
    return w.backward.narration.text()


def test_a_plus_a_its_one_step_draws_both_parts_and_says_them_then_finished(qtbot, window):
    w = window
    start_forward(qtbot, w, "accumulate_a_plus_a", "a")
    ctl = w.backward
    assert ctl.replay.wrt == "a" and ctl.replay.last == 1
    qtbot.keyClick(w.view, Qt.Key.Key_Right)  # the one step: b's tangent, the sum of its two parts
    QApplication.processEvents()
    assert ctl.animator.at_end
    flows = [w.scene.edge_item("a", "b", p).flow for p in (0, 1)]
    assert flows == [f"{PART} (input 1)", f"{PART} (input 2)"]
    said = banner(w)
    assert said.startswith("Step 1 of 1: db/da is the sum over its inputs"), said
    assert "so db/da = 1 + 1 = 2.  Finished: every node that depends on a shows d(node)/da" in said
    assert w.scene.node_item("b").note == "db/da = 1 + 1 = 2"
    assert (w.scene.node_item("b").highlight, w.scene.node_item("a").highlight) == ("current", "input")


def test_the_blogs_last_step_is_the_roots_sum_on_its_wire_by_arrow_and_by_end(qtbot, window):
    w = window
    start_forward(qtbot, w, "blog_L", "a")
    for _ in range(3):
        qtbot.keyClick(w.view, Qt.Key.Key_Right)
    QApplication.processEvents()
    ctl = w.backward
    assert ctl.animator.pos == 3 and ctl.animator.at_end
    stepped = banner(w)
    assert stepped.startswith("Step 3 of 3: dL/da is the sum over its inputs"), stepped
    assert ", so dL/da = 6.  Finished: every node that depends on a shows d(node)/da." in stepped
    assert w.scene.edge_item("d", "L", 0).flow == "dL/da += ∂L/∂d · dd/da = −2 × (−3) = 6"
    assert w.scene.edge_item("f", "L", 1).flow is None  # f does not depend on a: nothing flows
    # Home, then End: the same end, the step said and drawn
    qtbot.keyClick(w.view, Qt.Key.Key_Home)
    assert w.scene.edge_item("d", "L", 0).flow is None
    qtbot.keyClick(w.view, Qt.Key.Key_End)
    QApplication.processEvents()
    assert banner(w) == stepped
    assert w.scene.edge_item("d", "L", 0).flow == "dL/da += ∂L/∂d · dd/da = −2 × (−3) = 6"
    # ← goes back to d's step, whose caption replaces L's
    qtbot.keyClick(w.view, Qt.Key.Key_Left)
    assert w.scene.edge_item("d", "L", 0).flow is None and w.scene.edge_item("e", "d", 0).flow is not None


def test_the_replay_says_and_lights_a_plus_as_one_step():
    m = fileio.load(A_PLUS_A)
    rp = ForwardReplay(forward_mode(m, "a"), m.label, m.nonfinite_reason)
    assert rp.last == 1
    assert [(s, t, p) for s, t, p, _ in rp.flows(1)] == [("a", "b", 0), ("a", "b", 1)]
    s = forward_text.narrate(rp, 1)
    assert s.count("∂b/∂a · da/da = 1 × 1 = 1") == 2 and s.index("Step 1 of 1") < s.index("Finished")


def svg_texts(path) -> str:
    root = ET.parse(path).getroot()
    return " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))


def test_picture_step_last_is_the_roots_step_not_the_end(tmp_path):
    made = run("picture", BLOG, "-o", tmp_path / "s3.svg", "--wrt", "a", "--step", "3")
    assert made.returncode == 0 and made.stderr == "", made.stderr
    said = " ".join(caption_lines(tmp_path / "s3.svg"))
    assert said.startswith("Step 3 of 3: dL/da is the sum over its inputs"), said
    assert "Finished: every node that depends on a shows d(node)/da" in said
    assert "dL/da += ∂L/∂d · dd/da = −2 × (−3) = 6" in svg_texts(tmp_path / "s3.svg")
    # --end stays the finished picture: its caption from "Finished" on, no wire caption
    end = run("picture", BLOG, "-o", tmp_path / "end.svg", "--wrt", "a", "--end")
    assert end.returncode == 0, end.stderr
    assert " ".join(caption_lines(tmp_path / "end.svg")).startswith("Finished: every node that depends on a")
    assert "+=" not in svg_texts(tmp_path / "end.svg")
    for name, at in (("s3", ["--step", "3"]), ("end", ["--end"])):
        assert run("picture", BLOG, "-o", tmp_path / f"{name}.png", "--wrt", "a", *at).returncode == 0
    assert not same_picture(tmp_path / "s3.png", tmp_path / "end.png")


def test_picture_of_a_plus_a_step_one_draws_both_parts(tmp_path):
    made = run("picture", A_PLUS_A, "-o", tmp_path / "s1.svg", "--wrt", "a", "--step", "1")
    assert made.returncode == 0 and made.stderr == "", made.stderr
    said = " ".join(caption_lines(tmp_path / "s1.svg"))
    assert said.startswith("Step 1 of 1: db/da is the sum over its inputs"), said
    texts = svg_texts(tmp_path / "s1.svg")
    assert f"{PART} (input 1)" in texts and f"{PART} (input 2)" in texts
