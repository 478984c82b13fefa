"""Training on data (spec section 4): ``python main.py fit DATA.csv ...``
against micrograd's own demo loop, the fast batch step against this project's
Value graph (bit for bit) and against finite differences."""

from __future__ import annotations

import gc
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from core.learn.data import generate, to_csv
from core.learn.fit import Mlp, batch_step, fit, learning_rate, value_graph_step

ROOT = Path(__file__).resolve().parents[1]


def run_fit(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "fit", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def fit_json(*args) -> dict:
    r = run_fit(*args, "--json")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    return json.loads(r.stdout)


def micrograd_demo(xs, ys, layers, steps, seed=1337, alpha=1e-4, lr_start=1.0, lr_end=0.1):
    """micrograd's demo notebook's loop, as written there, on the micrograd package."""
    engine = pytest.importorskip("micrograd.engine")
    nn = pytest.importorskip("micrograd.nn")
    Value = engine.Value
    random.seed(seed)
    model = nn.MLP(len(xs[0]), [*layers, 1])
    out = []
    for k in range(steps):
        inputs = [list(map(Value, xrow)) for xrow in xs]
        scores = list(map(model, inputs))
        losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(ys, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        reg_loss = alpha * sum(p * p for p in model.parameters())
        total_loss = data_loss + reg_loss
        accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(ys, scores)]
        model.zero_grad()
        total_loss.backward()
        learning_rate = lr_start - (lr_start - lr_end) * k / steps
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        out.append((total_loss.data, sum(accuracy) / len(accuracy)))
        del inputs, scores, losses, data_loss, reg_loss, total_loss
        gc.collect()  # micrograd's closures are cycles: free each step's graph now
    return out, len(model.parameters())


def test_fit_command_matches_micrograd_step_for_step(tmp_path):
    data = generate("moons", 40, 0.1, seed=7)
    csv = tmp_path / "moons.csv"
    csv.write_text(to_csv(data), encoding="utf-8")
    ref, n_params = micrograd_demo(data.xs, data.ys, [8, 8], 100)
    doc = fit_json(csv, "--layers", "8,8")
    assert set(doc) == {"loss", "accuracy", "parameters", "seconds"}
    assert doc["parameters"] == n_params == 8 * 3 + 8 * 9 + 9
    assert len(doc["loss"]) == len(doc["accuracy"]) == 100
    for k, ((loss, acc), ours, our_acc) in enumerate(zip(ref, doc["loss"], doc["accuracy"])):
        assert ours == pytest.approx(loss, rel=1e-6, abs=0), k
        assert our_acc == acc, k
    assert doc["loss"][-1] < doc["loss"][0] and doc["accuracy"][-1] >= 0.9  # it learned
    assert doc["seconds"] > 0


def test_fit_matches_micrograd_with_other_options(tmp_path):
    data = generate("xor", 24, 0.05, seed=3)
    ref, _ = micrograd_demo(data.xs, data.ys, [6], 30, seed=5, alpha=1e-3, lr_start=0.5, lr_end=0.05)
    r = fit(data, [6], 30, seed=5, l2=1e-3, lr_start=0.5, lr_end=0.05)
    assert r.loss == pytest.approx([v for v, _ in ref], rel=1e-6)
    assert r.accuracy == [a for _, a in ref]


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_batch_step_is_the_value_graph_bit_for_bit(activation):
    data = generate("moons", 50, 0.2, seed=11)
    a = Mlp.init(2, [16, 16], seed=1337, activation=activation)
    b = a.copy()
    for k in range(3):  # three steps, each from the previous one's parameters
        fast = batch_step(a, data.xs, data.ys, 1e-4)
        slow = value_graph_step(b, data.xs, data.ys, 1e-4)
        assert fast.loss.hex() == slow.loss.hex()
        assert fast.accuracy == slow.accuracy
        assert [s.hex() for s in fast.scores] == [s.hex() for s in slow.scores]
        assert [g.hex() for g in fast.grads.parameters()] == [g.hex() for g in slow.grads.parameters()]
        lr = learning_rate(k, 3, 1.0, 0.1)
        a.update(fast.grads, lr)
        b.update(slow.grads, lr)
        assert a.parameters() == b.parameters()


def test_batch_step_three_inputs_and_one_hidden_unit_layers():
    rng = random.Random(4)
    xs = [tuple(rng.uniform(-2, 2) for _ in range(3)) for _ in range(17)]
    ys = [1 if x[0] * x[1] > x[2] else -1 for x in xs]
    m = Mlp.init(3, [5, 1, 4], seed=2)
    fast, slow = batch_step(m, xs, ys, 0.01), value_graph_step(m, xs, ys, 0.01)
    assert [g.hex() for g in fast.grads.parameters()] == [g.hex() for g in slow.grads.parameters()]
    assert fast.loss == slow.loss


def test_gradient_agrees_with_finite_differences():
    data = generate("circles", 30, 0.1, seed=2)
    m = Mlp.init(2, [6, 5], seed=9)
    for _ in range(3):  # not only at the start
        m.update(batch_step(m, data.xs, data.ys, 1e-3).grads, 0.3)
    grads = batch_step(m, data.xs, data.ys, 1e-3).grads.parameters()
    flat = m.parameters()
    assert any(abs(g) > 1e-3 for g in grads)

    def loss_at(i, v):
        p = list(flat)
        p[i] = v
        return batch_step(unflatten(m, p), data.xs, data.ys, 1e-3).loss

    h = 1e-6
    for i, p in enumerate(flat):
        numeric = (loss_at(i, p + h) - loss_at(i, p - h)) / (2 * h)
        assert numeric == pytest.approx(grads[i], rel=1e-4, abs=1e-7), i


def unflatten(m: Mlp, flat: list[float]) -> Mlp:
    it = iter(flat)
    ws = [[[next(it) for _ in w] + [next(it)] for w in W] for W in m.weights]
    return Mlp([[r[:-1] for r in W] for W in ws], [[r[-1] for r in W] for W in ws], m.activation)


def test_initialisation_is_micrograds():
    nn = pytest.importorskip("micrograd.nn")
    random.seed(1337)
    ref = [p.data for p in nn.MLP(2, [16, 16, 1]).parameters()]
    assert Mlp.init(2, [16, 16], seed=1337).parameters() == ref


def test_fit_table_and_steps_zero(tmp_path):
    csv = tmp_path / "d.csv"
    csv.write_text(to_csv(generate("blobs", 20, 0.1, 1)), encoding="utf-8")
    r = run_fit(csv, "--layers", "4", "--steps", "3")
    assert r.returncode == 0, r.stderr
    assert "MLP(2, [4, 1]): 17 parameters, 20 examples" in r.stdout
    assert len([ln for ln in r.stdout.splitlines() if ln.strip()[:1].isdigit()]) == 3
    doc = fit_json(csv, "--layers", "4", "--steps", "0")
    assert doc["loss"] == doc["accuracy"] == [] and doc["parameters"] == 17


def assert_error(r, *words, code=1):
    assert r.returncode == code, r
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    for w in words:
        assert w in lines[0], (w, lines[0])


@pytest.mark.parametrize(
    "text, words",
    [
        ("x1,x2,y\n1,2,1\n3,abc,-1\n", ["line 3", "'x2'", "'abc' is not a finite number"]),
        ("x1,x2,y\n1,2,1\n\n3,4\n", ["line 4", "2 values", "3 columns"]),
        ("x1,x2,y\n1,2,1\n3,4,1\n", ["every example has label 1"]),
        ("x1,x2,y\n1,2,1\n3,4,2\n", ["line 3", "label must be -1 or 1", "'2'"]),
        ("x1,x2,y\n1,nan,1\n3,4,-1\n", ["line 2", "'nan' is not a finite number"]),
        ("", ["empty"]),
        ("x1,x2,y\n", ["no examples"]),
    ],
)
def test_fit_refuses_bad_csv_naming_the_line(tmp_path, text, words):
    csv = tmp_path / "bad.csv"
    csv.write_text(text, encoding="utf-8")
    assert_error(run_fit(csv, "--layers", "4"), str(csv), *words)


def test_fit_usage_errors(tmp_path):
    csv = tmp_path / "d.csv"
    csv.write_text("a,b,label\n0,1,0\n1,0,1\n", encoding="utf-8")  # 0 is read as -1
    assert fit_json(csv, "--layers", "2", "--steps", "2")["parameters"] == 9
    assert_error(run_fit(csv, "--layers", "4,x"), "--layers", code=2)
    assert_error(run_fit(csv, "--layers", "4", "--steps", "-1"), "--steps", code=2)
    assert_error(run_fit(csv, "--layers", "4", "--l2", "nan"), "finite", code=2)
    assert_error(run_fit(csv), "--layers", code=2)
    assert_error(run_fit(tmp_path / "missing.csv", "--layers", "4"), "missing.csv", "no such file")


def test_live_trainer_follows_the_demo_schedule():
    from core.learn.classifier import LiveTrainer

    data = generate("moons", 30, 0.1, seed=1)
    live = LiveTrainer(data)  # micrograd's demo settings: [16, 16], lr 1.0 -> 0.1 over 100 steps, l2 1e-4
    for _ in range(6):
        live.step()
    assert live.loss == fit(data, [16, 16], 100).loss[:6]


def test_the_canvas_graph_is_the_model_on_one_example():
    from core.graph.backward import backward
    from core.graph.model import GraphModel
    from core.learn import templates
    from core.learn.classifier import graph_for, leaf_values

    data = generate("circles", 20, 0.1, seed=2)
    m = Mlp.init(2, [5, 4], seed=3)
    m.update(batch_step(m, data.xs, data.ys, 1e-4).grads, 0.5)  # biases no longer 0
    x, y = data.xs[4], data.ys[4]
    g = GraphModel()
    t = graph_for(m, x, y)
    templates.insert(g, t)
    g.set_output(t.output)
    assert len(g.groups) and all(g.groups.folded_into(n) for n in ("h1_1", "w2_1_1"))
    bw = backward(g)
    one = batch_step(m, [x], [y], 0.0)  # the same loss on that example alone
    assert bw.values["loss"] == one.loss and bw.values["score"] == one.scores[0]
    assert sorted(n for n in leaf_values(m, x, y) if n[0] in "wb") == sorted(_param_ids(m))
    by_id = dict(zip(_param_ids(m), one.grads.parameters()))
    assert all(bw.grads[n] == by_id[n] for n in by_id)
    # and the live run puts other weights on it without a rebuild
    m.update(one.grads, 0.1)
    g.set_values(leaf_values(m, x, y))
    assert g.value("score") == m.scores([x])[0]


def _param_ids(m: Mlp) -> list[str]:
    return [
        n
        for li, W in enumerate(m.weights)
        for j, w in enumerate(W)
        for n in (*(f"w{li + 1}_{j + 1}_{i + 1}" for i in range(len(w))), f"b{li + 1}_{j + 1}")
    ]
