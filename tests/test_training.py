"""Parameters, the lecture's nudge, and training the lecture's MLP."""

import math
from pathlib import Path

import pytest
from micrograd.engine import Value as MgValue

from core.files import fileio
from core.graph.model import GraphModel
from core.learn import templates, training
from core.learn.training import Trainer, TrainingError

BLOG_L = Path(__file__).resolve().parents[1] / "resources" / "examples" / "blog_L.mgraph"


def test_leaves_are_trainable_unless_marked_false(tmp_path):
    m = fileio.load(BLOG_L)  # the file has no "trainable" keys
    assert training.parameters(m) == [n for n in m.topological_order() if m.op(n) == "leaf"]
    m.set_attr("c", "trainable", False)
    assert "c" not in training.parameters(m)
    assert not training.is_trainable(m, "e")  # not a leaf
    f = tmp_path / "x.mgraph"
    fileio.save(m, f)
    again = fileio.load(f)
    assert again.node("c")["trainable"] is False
    assert sorted(training.parameters(again)) == ["a", "b", "f"]


def test_nudge_matches_the_lecture_and_first_order():
    m = fileio.load(BLOG_L)
    res = training.nudge(m, 0.01, +1)
    # The lecture: a.data += 0.01 * a.grad, ... then L = -7.286496
    assert {n: m.value(n) for n in "abcf"} == pytest.approx(
        {"a": 2.06, "b": -3.04, "c": 9.98, "f": -1.96}, rel=1e-15
    )
    assert res.plan.before == -8.0
    assert res.after == pytest.approx(-7.286496, abs=1e-12)
    assert res.plan.predicted == pytest.approx(0.01 * (36 + 16 + 4 + 16))  # step x sum of grad^2
    assert res.actual == pytest.approx(0.713504, abs=1e-12)
    # first order: the gap shrinks like step^2
    gaps = []
    for step in (1e-2, 1e-3):
        m = fileio.load(BLOG_L)
        r = training.nudge(m, step, +1)
        gaps.append(abs(r.actual - r.plan.predicted))
    assert gaps[1] < gaps[0] / 50


def test_nudge_down_lowers_the_root_and_skips_constants():
    m = fileio.load(BLOG_L)
    m.set_attr("f", "trainable", False)
    plan = training.plan_nudge(m, 0.01, -1)
    assert sorted(plan.new) == ["a", "b", "c"]
    assert m.value("a") == 2.0  # planning edits nothing
    res = training.nudge(m, 0.01, -1)
    assert res.actual < 0 and m.value("f") == -2.0


def mg_tanh(v):
    """The lecture's tanh for micrograd 0.1.0, which has none."""
    t = math.tanh(v.data)
    out = MgValue(t, (v,), "tanh")

    def _backward():
        v.grad += (1 - t**2) * out.grad

    out._backward = _backward
    return out


def lecture_mlp_reference(t, steps, lr):
    """The lecture's training loop with the micrograd package, same weights."""
    vals = {n: a["value"] for n, a in t.nodes if a["op"] == "leaf"}
    params = {n: MgValue(v) for n, v in vals.items() if n[0] in "wb"}
    sizes = [3, 4, 4, 1]
    losses = []
    for _ in range(steps + 1):
        loss = None
        for x, y in zip(templates.LECTURE_XS, templates.LECTURE_YS):
            acts = [MgValue(v) for v in x]
            for layer in range(3):
                outs = []
                for j in range(sizes[layer + 1]):
                    s = params[f"b{layer + 1}_{j + 1}"]
                    for i, a in enumerate(acts):
                        s = s + params[f"w{layer + 1}_{j + 1}_{i + 1}"] * a
                    outs.append(mg_tanh(s))
                acts = outs
            term = (acts[0] - y) ** 2
            loss = term if loss is None else loss + term
        losses.append(loss.data)
        for p in params.values():
            p.grad = 0.0
        loss.backward()
        for p in params.values():
            p.data += -lr * p.grad
    return losses


def test_training_the_lecture_mlp_lowers_the_loss():
    m = GraphModel()
    t = templates.placed(templates.mlp(seed=1337), m)
    templates.insert(m, t)
    m.set_output(t.output)
    tr = Trainer(m, lr=0.05)
    assert len(tr.params) == 41  # 4*(3+1) + 4*(4+1) + (4+1)
    start = m.value(t.output)
    hist = tr.run(20)
    assert hist[0] == start and len(hist) == 21
    assert hist[-1] < start / 10
    assert all(b < a for a, b in zip(hist, hist[1:]))
    # the same loop in micrograd gives the same curve
    ref = lecture_mlp_reference(t, 20, 0.05)
    assert hist == pytest.approx(ref, rel=1e-9)
    assert m.value(t.output) == start  # training edits nothing until written back
    before = dict(tr.start)
    training.apply_values(m, tr.values())
    assert m.value(t.output) == pytest.approx(hist[-1], rel=1e-12)
    training.apply_values(m, before)
    assert m.value(t.output) == start


def test_a_root_without_a_minimum_is_reported_as_running_off():
    m = fileio.load(Path(__file__).resolve().parents[1] / "resources" / "examples" / "blog_L.mgraph")
    tr = Trainer(m, lr=0.05)
    why = None
    while why is None and tr.steps < 40:
        tr.step()
        why = tr.divergence()
    assert why is not None and tr.steps < 20  # caught before the 1e21 the review saw
    assert "no minimum" in why and "−∞" in why and "Insert MLP" in why
    assert why.startswith("L went from −8 to −")
    assert abs(tr.value) > 1e3 * 8 and math.isfinite(tr.value)


def test_divergence_kinds_and_a_healthy_run_is_left_alone():
    from core.learn.training import divergence

    assert divergence([4.0, 3.0, 2.5, 2.4]) is None
    assert divergence([4.0, 3e3, 3.9e3]) is None  # big, but under 1000 × the start
    assert "lower the learning rate" in divergence([4.0, -50.0, 900.0, 5e3])  # oscillating up
    assert "blew up" in divergence([4.0, math.inf])
    assert divergence([4.0, 5e3, 4e3]) is None  # not growing any more
    m = GraphModel()
    t = templates.placed(templates.mlp(seed=1337), m)
    templates.insert(m, t)
    m.set_output(t.output)
    tr = Trainer(m, lr=0.05)
    for _ in range(30):
        tr.step()
        assert tr.divergence() is None


def test_training_refuses_a_step_to_infinity():
    m = GraphModel()
    m.add_node("leaf", "x", value=1e150)  # (p = 1e300: finite; its gradient 2e150 times the rate is not)
    m.add_node("pow", "p", exponent=2.0)
    m.connect("x", "p", 0)
    tr = Trainer(m, lr=1e200)
    with pytest.raises(TrainingError, match="lower the learning rate"):
        tr.step()
    assert tr.values() == {"x": 1e150} and tr.steps == 0
    # a loss inf already: no learning rate helps, said so (trial 69 #8)
    m.set_value("x", 1e200)
    with pytest.raises(TrainingError, match="p is inf already .*: gradient descent needs a finite loss"):
        Trainer(m, lr=0.01)
    with pytest.raises(Exception, match="learning rate"):
        Trainer(m, lr=math.nan)


def test_apply_values_is_all_or_nothing_and_one_recompute():
    m = fileio.load(BLOG_L)
    seen = []
    m.values_changed.connect(lambda ids: seen.append(set(ids)))
    with pytest.raises(Exception, match="finite"):
        training.apply_values(m, {"a": 3.0, "b": math.inf})
    assert m.value("a") == 2.0 and seen == []
    with pytest.raises(Exception, match="not a leaf"):
        training.apply_values(m, {"a": 3.0, "e": 1.0})
    training.apply_values(m, {"a": 3.0, "b": -2.0})
    assert len(seen) == 1 and m.value("L") == (3.0 * -2.0 + 10.0) * -2.0


def test_train_command_saves_the_trained_graph(tmp_path):
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    m = GraphModel()
    t = templates.placed(templates.mlp(), m)
    templates.insert(m, t)
    m.set_output(t.output)
    src, out = tmp_path / "mlp.mgraph", tmp_path / "trained.mgraph"
    fileio.save(m, src)
    p = subprocess.run(
        [
            sys.executable,
            str(root / "main.py"),
            "train",
            str(src),
            "--steps",
            "20",
            "--lr",
            "0.05",
            "--out",
            str(out),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["root"] == "loss" and len(doc["history"]) == 21 and len(doc["parameters"]) == 41
    assert doc["history"][-1] < doc["history"][0] / 10
    trained = fileio.load(out)
    assert trained.value("loss") == pytest.approx(doc["history"][-1], rel=1e-12)
    assert trained.node("x1_1")["trainable"] is False
    p = subprocess.run(
        [sys.executable, str(root / "main.py"), "train", str(BLOG_L), "--lr", "1e300"],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=120,
    )
    assert p.returncode == 1 and p.stderr.startswith("error:") and "learning rate" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
