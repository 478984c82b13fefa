"""Headless ``train`` names the leaves it moves and warns when some look like
data; ``import --data`` and ``train --data`` mark leaves as data. Trial 49:
``train`` on an imported ``L = (w*x1+b - y1)**2 + …`` said "6 parameters"
and moved the data (y1 from 1 to 0.77), saying nothing."""

import json

from test_cli import assert_error, run

LIN = "L = (w*x1+b - y1)**2 + (w*x2+b - y2)**2"
VALUES = ["--value", "w=0.5", "--value", "b=-1", "--value", "x1=2", "--value", "y1=1"]
VALUES += ["--value", "x2=-1", "--value", "y2=0"]


def nodes(path) -> dict:
    return {n["id"]: n for n in json.loads(path.read_text())["nodes"]}


def lin(tmp_path, *more) -> object:
    path = tmp_path / "lin.mgraph"
    r = run("import", LIN, *VALUES, *more, "-o", path)
    assert r.returncode == 0, r.stderr
    return path


def test_train_names_what_it_moves_and_warns_of_data(tmp_path):
    path = lin(tmp_path)
    r = run("train", path, "--steps", "3", "--lr", "0.1")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "training 'L': 6 parameters, 3 steps, learning rate 0.1"
    assert lines[1] == "moves: w, x1, b, y1, x2, y2"
    (warning,) = r.stderr.splitlines()
    assert warning.startswith("warning: training moves leaves that look like data: ")
    assert "y1, y2 are subtracted from a prediction, as a target is" in warning
    assert "x1, x2 are named like data" in warning
    assert "--data x1,y1,x2,y2" in warning and "Parameter (Trainable)" in warning


def test_import_data_marks_leaves_and_train_leaves_them_alone(tmp_path):
    path = lin(tmp_path, "--data", "x1,y1", "--data", "x2,y2")
    saved = nodes(path)
    assert [n for n, a in saved.items() if a.get("trainable") is False] == ["x1", "y1", "x2", "y2"]
    assert "trainable" not in saved["w"]  # the weights stay parameters
    out = tmp_path / "trained.mgraph"
    r = run("train", path, "--steps", "3", "--lr", "0.1", "--out", out)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert r.stdout.splitlines()[:2] == [
        "training 'L': 2 parameters, 3 steps, learning rate 0.1",
        "moves: w, b",
    ]
    after = nodes(out)
    assert [after[n]["value"] for n in ("x1", "y1", "x2", "y2")] == [2.0, 1.0, -1.0, 0.0]
    assert after["w"]["value"] != 0.5 and after["b"]["value"] != -1.0


def test_import_data_says_what_it_marked_and_refuses_unknown_names(tmp_path):
    r = run("import", "L = (w*x - y)**2", "--data", "x, y", "-o", tmp_path / "a.mgraph")
    assert r.returncode == 0, r.stderr
    assert r.stdout.endswith("; data (not trained): x, y\n"), r.stdout
    assert_error(run("import", "L = a*b", "--data", "q", "-o", tmp_path / "b.mgraph"), "no leaf is named 'q'")
    assert_error(run("import", "L = a*b", "--data", "L", "-o", tmp_path / "c.mgraph"), "'L' is not a leaf")
    assert not (tmp_path / "b.mgraph").exists() and not (tmp_path / "c.mgraph").exists()


def test_train_data_marks_before_the_run_and_saves_the_marks(tmp_path):
    path = lin(tmp_path)
    r = run("train", path, "--steps", "2", "--data", "x1,y1,x2,y2", "--out", path, "--json")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    doc = json.loads(r.stdout)
    assert sorted(doc["parameters"]) == ["b", "w"]
    assert doc["marked_as_data"] == ["x1", "y1", "x2", "y2"] and doc["looks_like_data"] == []
    y1 = nodes(path)["y1"]
    assert y1["value"] == 1.0 and y1["trainable"] is False


def test_the_mlp_template_trains_as_before_without_a_warning(tmp_path):
    path = tmp_path / "mlp.mgraph"
    assert run("template", "mlp", "-o", path).returncode == 0
    r = run("train", path, "--steps", "1")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "training 'loss': 41 parameters, 1 step, learning rate 0.05"
    assert lines[1] == "moves: w1.1.1, w1.1.2, w1.1.3, b1.1, w1.2.1, w1.2.2, w1.2.3, b1.2 and 33 more"


def test_a_warning_of_many_data_leaves_names_a_few_and_counts_the_rest(tmp_path):
    """Review 49: 1,585 data-like leaves made one stderr line of 9,400
    characters (a --data naming them all), after 19 s of a scan of the graph
    per leaf. It names a few, as the moves line does, and says where all are."""
    path = tmp_path / "many.mgraph"
    terms = " + ".join(f"(w*x{i} + b - y{i})**2" for i in range(40))
    assert run("import", f"L = {terms}", "-o", path).returncode == 0
    r = run("train", path, "--steps", "0")
    assert r.returncode == 0, r.stderr
    (warning,) = r.stderr.splitlines()
    assert "y0, y1, y2, y3, y4, y5, y6, y7 and 32 more are subtracted from a prediction" in warning
    assert "--data x0,y0,x1,y1,x2,y2,x3,y3 and 72 more (" in warning
    assert warning.endswith("train --json lists all 80 by id, as looks_like_data")
    assert len(warning) < 600


def test_the_data_warning_reads_the_labels_once(monkeypatch, capsys):
    """Each data-like leaf's --data name was checked with a scan of every node."""
    from core.cli.learn import warn_data
    from core.code.codeadd import import_code
    from core.learn import roles

    model, _ = import_code("L = " + " + ".join(f"(w*x{i} + b - y{i})**2" for i in range(40)))
    moving = roles.moves(model)
    reads = []
    real = model.label
    monkeypatch.setattr(model, "label", lambda n: reads.append(n) or real(n))
    warn_data(model, moving)
    assert "--data x0,y0," in capsys.readouterr().err
    assert len(reads) < 2 * len(model)  # (a scan a leaf: 80 scans of 283 nodes)
