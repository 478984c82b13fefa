"""What the headless commands say when a user's first try goes wrong: a
label given where an id is wanted, a cut-off file, a gradient check at a
kink, the leaves a root depends on, counts in words, each command's own
usage line. Run as a user runs them (a subprocess), as in test_cli.py."""

import json
import os
import re
import subprocess
import sys

import pytest
from test_cli import EXAMPLES, ROOT, assert_error, run, write

MLP_LEAVES = [
    ("w1_1_1", "leaf", {"label": "w1.1.1", "value": 0.5}),
    ("x1", "leaf", {"label": "x", "value": 2.0}),
    ("x2", "leaf", {"label": "x", "value": 3.0}),
    ("m", "mul", {"label": "a*b + c"}),
]


@pytest.fixture
def labelled(tmp_path):
    """Ids that differ from the labels the canvas shows (as the MLP template's)."""
    nodes = MLP_LEAVES + [("s", "add", {"label": "s"})]
    return write(tmp_path, nodes, [("w1_1_1", "m", 0), ("x1", "m", 1), ("m", "s", 0), ("x2", "s", 1)])


# ------------------------------------------------------- a label, not an id
@pytest.mark.parametrize(
    "args",
    [
        ["gradcheck", "--json", "--root", "a*b + c"],
        ["train", "--json", "--root", "a*b + c"],
        ["export", "--to", "dot", "--root", "a*b + c"],
        ["gradcheck", "--json", "--leaves", "w1.1.1"],
    ],
)
def test_a_label_one_node_has_is_taken_for_its_id(labelled, args):
    """Trial 50 #7: "the node labelled 'x2[1]' has the id 'x1_2' (use
    that)" refused what the canvas shows. A label that one node has, and
    that is no node's id, now names that node: the output is the id's."""
    label = args[-1]
    ident = {"w1.1.1": "w1_1_1", "a*b + c": "m"}[label]
    by_label = run(args[0], labelled, *args[1:])
    by_id = run(args[0], labelled, *args[1:-1], ident)
    assert by_label.returncode == by_id.returncode == 0, by_label.stderr
    assert by_label.stdout == by_id.stdout and by_label.stderr == by_id.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["forward", "--json", "--wrt", "w1.1.1"],
        ["backward", "--root", "a*b + c"],
        ["backward", "--json", "--root", "a*b + c"],
        ["hessian", "--json", "--root", "a*b + c"],
    ],
)
def test_the_specs_commands_take_ids_and_say_which_id_a_label_has(labelled, args):
    """backward, forward and hessian are the public contract
    (graph-file-format.md: ``--root ID``, an unknown root is an error): a
    label is refused, its error naming the id to use (review 50)."""
    label = args[-1]
    ident = {"w1.1.1": "w1_1_1", "a*b + c": "m"}[label]
    r = run(args[0], labelled, *args[1:])
    assert r.returncode == 1 and r.stdout == "" and r.stderr.startswith("error:")
    assert f"has the id '{ident}'" in r.stderr and "Traceback" not in r.stderr
    assert "no node has that id;" in r.stderr and "or label" not in r.stderr  # (verify 50: it said both)
    assert run(args[0], labelled, *args[1:-1], ident).returncode == 0


def test_a_label_several_nodes_share_lists_their_ids(labelled):
    r = run("forward", labelled, "--wrt", "x")
    assert_error(r, "unknown node 'x' for --wrt", "2 nodes are labelled 'x', with the ids 'x1', 'x2'", code=1)


def test_no_hint_when_the_text_is_no_label_and_ids_still_work(labelled):
    r = run("backward", labelled, "--root", "zz")
    assert_error(r, "unknown root 'zz': no node has that id", code=1)
    assert "labelled" not in r.stderr
    r = run("backward", labelled, "--root", "m", "--json")  # an id: as before
    assert r.returncode == 0 and json.loads(r.stdout)["root"] == "m"


# ------------------------------------------------------------ a cut-off file
def test_a_cut_off_file_says_it_ends_early(tmp_path):
    whole = (EXAMPLES / "blog_L.mgraph").read_text("utf-8")
    cut = whole[: whole.index('"id": "c"') + 2]  # stops inside the third node, after a comma
    p = tmp_path / "cut.mgraph"
    for text in (whole[:120] + "\n  \n", cut[: cut.rindex(",") + 1], whole[:-3]):
        p.write_text(text, encoding="utf-8")
        r = run("backward", p, "--json")
        at = f"line {text.count(chr(10)) + 1}, column {len(text) - text.rfind(chr(10))}"  # the end
        assert_error(r, str(p), "not valid JSON: the file ends early (cut off?) at " + at, code=1)
    p.write_text(cut[:-1], encoding="utf-8")  # inside a string
    r = run("hessian", p)
    assert_error(r, "not valid JSON: the file ends early (cut off?) inside the string that starts at line")
    p.write_text('{"graph": {"format": "micrograd-studio", "version": 1}, "directed": tr', encoding="utf-8")
    assert_error(run("backward", p), "the file ends early (cut off?) at line 1, column 69", code=1)


def test_an_empty_file_and_bad_json_inside_are_not_called_cut_off(tmp_path):
    p = tmp_path / "bad.mgraph"
    p.write_text("", encoding="utf-8")
    assert_error(run("backward", p), str(p), "not valid JSON: the file is empty", code=1)
    p.write_text('{"graph": {"format": "micrograd-studio", nodes: []}}', encoding="utf-8")
    r = run("backward", p)
    assert_error(r, "not valid JSON (line 1, column 42: Expecting property name", code=1)
    assert "ends early" not in r.stderr


# ---------------------------------------------------------------- gradcheck
def gradcheck_rows(r) -> dict:
    """id -> the row's cells after the label (analytic ... note), of the text table."""
    return {ln.split()[0]: ln.split(maxsplit=2)[2] for ln in r.stdout.splitlines()[4:] if "  " in ln}


def test_gradcheck_at_a_relu_kink_says_why_it_fails(tmp_path):
    p = write(tmp_path, [("a", "leaf", {"value": 0.0}), ("r", "relu", {})], [("a", "r", 0)])
    r = run("gradcheck", p)
    assert r.returncode == 1 and r.stderr == ""
    row = gradcheck_rows(r)["a"]
    assert row.split()[:5] == ["0.0", "0.5", "0.5", "1", "FAIL"]
    assert "FAIL not differentiable at a = 0: the slopes on its left and right differ (0 and 1)" in row
    assert "straddles that kink" in row
    doc = json.loads(run("gradcheck", p, "--json").stdout)
    assert doc["ok"] is False and "not differentiable" in doc["leaves"][0]["note"]


def test_gradcheck_of_a_wrong_smooth_gradient_names_no_kink(tmp_path):
    from core.files import fileio
    from core.learn.gradcheck import gradient_check

    p = write(tmp_path, [("x", "leaf", {"value": 20.0}), ("e", "exp", {})], [("x", "e", 0)])
    row = gradient_check(fileio.load(p), analytic={"x": 1.0}).rows[0]  # exp is smooth, steep at 20
    assert not row.ok and row.note == ""


def test_gradcheck_nan_rows_are_not_checkable_not_a_zero_error(tmp_path):
    p = write(
        tmp_path,
        [("x", "leaf", {"value": -1.0}), ("l", "log", {}), ("y", "leaf", {"value": 2.0}), ("m", "mul", {})],
        [("x", "l", 0), ("l", "m", 0), ("y", "m", 1)],
    )
    r = run("gradcheck", p)  # log(-1) = nan: dm/dx = y/x = -2, but f(x ± s) is nan
    assert r.returncode == 1
    rows = gradcheck_rows(r)
    assert rows["x"].split()[:4] == ["-2.0", "nan", "nan", "nan"]
    assert rows["x"].endswith("FAIL not checkable: the finite difference is not a number (nan)")
    assert rows["y"].split()[:4] == ["nan", "nan", "nan", "nan"]
    assert "neither the gradient nor the finite difference is a number" in rows["y"]
    assert r.stdout.splitlines()[-1] == "FAILED: 2 of 2 gradients could not be checked: x, y"
    doc = json.loads(run("gradcheck", p, "--json").stdout)
    assert [d["rel_error"] for d in doc["leaves"]] == ["nan", "nan"]


def test_gradcheck_help_says_the_step_it_uses():
    r = run("gradcheck", "--help")
    assert r.returncode == 0
    text = " ".join(r.stdout.split())
    assert "s = H * max(1, |x|)" in text and "moves by ±H * max(1, |x|)" in text


# ------------------------------------------- the leaves of the root's past
@pytest.fixture
def with_constant(tmp_path):
    """L = (a*b + c) * 2, the 2 a constant leaf (as `import` makes it), and a
    leaf f that only a second sink uses."""
    nodes = [
        ("a", "leaf", {"value": 2.0}),
        ("b", "leaf", {"value": -3.0}),
        ("c", "leaf", {"value": 10.0}),
        ("const1", "leaf", {"label": "2", "value": 2.0, "trainable": False}),
        ("f", "leaf", {"value": 4.0}),
        ("e", "mul", {}),
        ("d", "add", {}),
        ("L", "mul", {}),
        ("g", "neg", {}),
    ]
    edges = [("a", "e", 0), ("b", "e", 1), ("e", "d", 0), ("c", "d", 1), ("d", "L", 0), ("const1", "L", 1)]
    return write(tmp_path, nodes, edges + [("f", "g", 0)], output="L")


def test_hessian_text_counts_and_names_the_roots_leaves(with_constant):
    r = run("hessian", with_constant, "--root", "e")
    lines = r.stdout.splitlines()
    assert lines[0] == (
        "gradient and Hessian of 'e' with respect to the 2 leaves it depends on; "
        "the file's other 3 leaves do not affect it (all 0)"
    )
    assert lines[1].split() == ["leaf", "gradient", "a", "b"]
    assert [ln.split() for ln in lines[3:]] == [["a", "-3.0", "0.0", "1.0"], ["b", "2.0", "1.0", "0.0"]]
    r = run("hessian", with_constant, "--root", "a")
    assert r.stdout.splitlines()[0].startswith("gradient and Hessian of 'a' with respect to the leaf it")
    r = run("hessian", with_constant)
    assert r.stdout.splitlines()[0] == (
        "gradient and Hessian of 'L' with respect to the 4 leaves it depends on "
        "(2 (in L) is a constant: not trainable); the file's other leaf does not affect it (all 0)"
    )


def test_hessian_json_still_lists_every_leaf_of_the_file(with_constant):
    doc = json.loads(run("hessian", with_constant, "--root", "e", "--json").stdout)
    assert doc["leaves"] == ["a", "b", "c", "const1", "f"]  # the spec: every leaf, in file order
    assert doc["gradient"] == [-3.0, 2.0, 0.0, 0.0, 0.0] and len(doc["hessian"]) == 5


def test_gradcheck_text_counts_the_roots_leaves_and_names_constants(with_constant):
    r = run("gradcheck", with_constant)
    assert r.returncode == 0
    assert r.stdout.splitlines()[0] == (
        "gradient check of 'L' = 8.0 for the 4 leaves it depends on (2 (in L) is a constant: not trainable)"
    )
    assert sorted(gradcheck_rows(r)) == ["a", "b", "c", "const1"]
    r = run("gradcheck", with_constant, "--root", "e", "--leaves", "a")
    assert r.stdout.splitlines()[0] == "gradient check of 'e' = -6.0 for the leaf chosen"


def test_data_leaves_are_named_data_not_constants():
    """Trial 65 #7: the neuron's x1 and x2 (data leaves of a file, not numbers
    of code) were "constants"; the written-out neuron's 2 and 1s still are."""
    first = run("gradcheck", EXAMPLES / "neuron_exp.mgraph").stdout.splitlines()[0]
    assert first.endswith(
        "(x1, x2 are data; 2 (in 2n), 1 (in e - 1), 1 (in e + 1) are constants: not trainable)"
    ), first
    first = run("hessian", EXAMPLES / "neuron_tanh.mgraph").stdout.splitlines()[0]
    assert first.endswith("it depends on (x1, x2 are data: not trainable)"), first


# ----------------------------------------------------------- counts in words
def test_counts_of_one_are_singular(tmp_path):
    p = write(tmp_path, [("a", "leaf", {"value": 0.0}), ("r", "relu", {})], [("a", "r", 0)])
    first = {
        "backward": "backward from 'a' (1 node in its past, in the order the chain rule ran)",
        "forward": "forward mode with respect to 'a': tangent = d(node)/d(a) "
        "('a' and the node that depends on it,",
        "train": "training 'r': 1 parameter, 1 step, learning rate 0.05",
    }
    args = {"backward": ["--root", "a"], "forward": ["--wrt", "a"], "train": ["--steps", "1"]}
    for name, line in first.items():
        r = run(name, p, *args[name])
        assert r.returncode == 0, r.stderr
        assert r.stdout.splitlines()[0].startswith(line), r.stdout
    r = run("gradcheck", p)
    assert r.stdout.splitlines()[-1] == "FAILED: the gradient disagrees with the finite difference: a"
    r = run("gradcheck", p, "--root", "a")
    assert r.stdout.splitlines()[-1] == "the gradient agrees"
    r = run("import", "y = x", "-o", tmp_path / "one.mgraph")
    assert r.stdout == f"wrote {tmp_path / 'one.mgraph'}: 1 node, 0 edges, output 'x'\n"
    assert "no value given for x; set to 1.0 (give it with --value" in r.stderr
    r = run("template", "neuron", "-o", tmp_path / "n.mgraph")
    assert r.stdout.endswith(": 10 nodes, 1 group\n")


# "the 1 leaf", "other 1 leaf", "all 1 gradients", "1 nodes": a count of one
# said as a number where the words want none (a trial read "the file's other 1 leaf").
ONE_AS_A_NUMBER = re.compile(
    r"\b(the|other|all) 1 [a-z]|(?<![\d.,])\b1 (nodes|leaves|edges|steps|parameters|gradients|groups|errors|"
    r"contributions|parts|values|constants)\b"
)


def _leaf(path) -> str:
    return next(n["id"] for n in json.loads(path.read_text())["nodes"] if n["op"] == "leaf")


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.mgraph")))
def test_no_command_says_a_count_of_one_as_a_number_on_the_examples(tmp_path, example):
    path = EXAMPLES / example
    leaf = _leaf(path)
    runs = [["backward"], ["backward", "--root", leaf], ["gradcheck"], ["gradcheck", "--root", leaf]]
    runs += [["gradcheck", "--leaves", leaf], ["hessian"], ["hessian", "--root", leaf]]
    runs += [["forward", "--wrt", leaf]]
    runs += [["train", "--steps", "1", "--out", tmp_path / "t.mgraph"], ["export", "--to", "python"]]
    runs += [["export", "--to", "torch"], ["export", "--to", "dot"]]
    for args in runs:
        r = run(args[0], path, *args[1:])
        said = ONE_AS_A_NUMBER.search(r.stdout + r.stderr)
        assert said is None, (args, said and said.group(0), r.stdout[:400])
    lone = write(tmp_path, [("a", "leaf", {"value": 2.0})], [])  # a one-node graph's exported script
    script = tmp_path / "lone.py"
    script.write_text(run("export", lone, "--to", "python").stdout)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, script], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and r.stdout.splitlines()[-1] == "the gradient matches", r.stdout + r.stderr


def test_counts_of_several_stay_plural():
    r = run("backward", EXAMPLES / "blog_L.mgraph")
    assert r.stdout.startswith("backward from 'L' (7 nodes in its past,")
    r = run("forward", EXAMPLES / "blog_L.mgraph", "--wrt", "a")
    assert "('a' and the 3 nodes that depend on it," in r.stdout.splitlines()[0]


# ------------------------------------------------- each command's own usage
@pytest.mark.parametrize(
    "args",
    [
        ["forward", "g.mgraph", "--wrt", "a"],
        ["backward", "g.mgraph"],
        ["hessian", "g.mgraph"],
        ["gradcheck", "g.mgraph"],
        ["train", "g.mgraph"],
        ["fit", "d.csv", "--layers", "4"],
        ["import", "y = x", "-o", "g.mgraph"],
        ["export", "g.mgraph", "--to", "dot"],
        ["template", "neuron", "-o", "g.mgraph"],
    ],
)
def test_an_unknown_option_shows_the_commands_own_usage(tmp_path, args):
    for extra in (["--bogus"], ["stray"]):
        r = run(*args, *extra, cwd=tmp_path)
        assert_error(r, f"error: unrecognized arguments: {extra[0]} (usage: ", code=2)
        assert f"(usage: python main.py {args[0]} [-h]" in r.stderr
        assert "backward|import" not in r.stderr
    assert not (tmp_path / "g.mgraph").exists()  # refused before anything ran


def test_the_generic_usage_line_is_left_for_no_command(capsys):
    from core.cli.main import main

    assert main(["--bogus"]) == 2  # no command to take a usage line from
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    # (every command named: their order is the order their modules were first imported in)
    names = err.split("(usage: python main.py ", 1)[1].split(" ", 1)[0].split("|")
    assert {"backward", "import", "forward", "hessian", "gradcheck", "template"} <= set(names)


def test_gradcheck_an_infinite_row_could_not_be_checked_it_does_not_disagree(tmp_path):
    """A review: log(a)·b at a = b = 0 gives b's gradient and difference the
    same -inf (an error of 0, "not finite"): it was counted as disagreeing."""
    p = write(
        tmp_path,
        [("a", "leaf", {"value": 0.0}), ("l", "log", {}), ("b", "leaf", {"value": 0.0}), ("m", "mul", {})],
        [("a", "l", 0), ("l", "m", 0), ("b", "m", 1)],
    )
    r = run("gradcheck", p)
    assert r.returncode == 1
    rows = gradcheck_rows(r)
    assert "FAIL not finite" in rows["b"]
    assert r.stdout.splitlines()[-1] == "FAILED: 2 of 2 gradients could not be checked: a, b"


# ------------------------------------------------ a Python file given for a graph
def test_a_python_file_is_pointed_to_the_import_command(tmp_path):
    """Trial 48 #8d: `backward lecture.py` said "(Import Code reads Python
    into a graph)", a menu of the app; the commands name the command that
    reads it (the app keeps its menu's hint)."""
    from core.files import fileio
    from core.graph.errors import FileFormatError

    code = tmp_path / "my lecture.py"
    code.write_text("from micrograd.engine import Value\na = Value(2.0)\nb = a * 3\nb.backward()\n")
    for args in (["backward", code], ["hessian", code], ["picture", code, "-o", tmp_path / "x.png"]):
        assert_error(
            run(*args),
            f"{code}: not a micrograd-studio graph file: it looks like Python code (to read it into a "
            f"graph file: python main.py import '{code}' -o '{tmp_path / 'my lecture.mgraph'}')",
            code=1,
        )
    with pytest.raises(FileFormatError, match=r"it looks like Python code \(Import Code reads Python"):
        fileio.load(code)  # the app's words


def test_the_import_hint_never_names_a_graph_file_that_is_there(tmp_path):
    """t62 #9: with mlp.mgraph saved from the app beside mlp.py, `backward mlp.py` proposed
    `import mlp.py -o mlp.mgraph`, which replaces it (its groups and layout). The hint names
    a file that is not there, and the one that is."""
    code, saved = tmp_path / "mlp.py", tmp_path / "mlp.mgraph"
    code.write_text("from micrograd.engine import Value\na = Value(2.0)\nb = a * 3\n")
    assert run("import", code, "-o", saved).returncode == 0
    kept = saved.read_bytes()
    (tmp_path / "mlp-1.mgraph").write_text("{}")  # (taken too)
    new = tmp_path / "mlp-2.mgraph"
    said = f"python main.py import {code} -o {new}; {saved}, beside it, is a graph file already)"
    r = run("backward", code)
    assert_error(
        r,
        f"{code}: not a micrograd-studio graph file: it looks like Python code (to read it into a graph "
        f"file: {said}",
        code=1,
    )
    args = r.stderr.split("graph file: ", 2)[2].split(";")[0].split()[2:]  # the hint, followed
    assert run(*args).returncode == 0 and saved.read_bytes() == kept and new.exists()


# ------------------------------------------------ hessian in the app's names
def test_hessian_table_names_leaves_as_the_app_does_and_suggests_json_when_wide(tmp_path, labelled):
    """Trial 48 #9: `hessian mlp.mgraph` named its rows and columns by id,
    and x1_2 is the card labelled x2[1]; the table, 800 characters wide,
    gave no hint of --json. Labels now (ids only where two are the same),
    and a table wider than the terminal or 200 characters says --json
    has the numbers; the JSON keeps the ids (the spec's section 3)."""
    mlp = tmp_path / "mlp.mgraph"
    assert run("template", "mlp", "-o", mlp).returncode == 0
    r = run("hessian", mlp, env={**os.environ, "COLUMNS": "5000"})
    lines = r.stdout.splitlines()
    assert lines[0].startswith(
        "gradient and Hessian of 'loss' with respect to the 57 leaves it depends on "
        "(x1[1], x2[1], x3[1], y[1], x1[2], "
    ), lines[0]
    assert lines[1].split()[:4] == ["leaf", "gradient", "w1.1.1", "w1.1.2"] and "x2[1]" in lines[1].split()
    assert "x1_2" not in r.stdout and "w1_1_1" not in r.stdout
    assert [ln.split()[0] for ln in lines[3:5]] == ["w1.1.1", "w1.1.2"]
    width = max(map(len, lines))
    assert lines[-1] == (
        f"(the table is {width} characters wide: 'python main.py hessian {mlp} --json' "
        "gives the same numbers as one JSON document, the leaves by id)"
    )
    doc = json.loads(run("hessian", mlp, "--json").stdout)
    assert doc["root"] == "loss" and doc["leaves"][41:43] == ["x1_1", "x1_2"]  # ids, as the spec has them
    # two leaves labelled x: each with its id; a narrow terminal gets the hint too
    r = run("hessian", labelled, "--root", "s", env={**os.environ, "COLUMNS": "20"})
    lines = r.stdout.splitlines()
    # (said to be ids: "x (x1)" read as the name of another leaf, trial 49)
    assert lines[1].split() == ["leaf", "gradient", "w1.1.1", "x", "(id", "x1)", "x", "(id", "x2)"]
    assert [ln[:9] for ln in lines[3:6]] == ["w1.1.1   ", "x (id x1)", "x (id x2)"]
    assert lines[-1].startswith("(the table is ") and "--root s --json" in lines[-1]
    r = run("hessian", labelled, "--root", "s", env={**os.environ, "COLUMNS": "300"})
    assert "--json" not in r.stdout


def test_a_formula_starting_with_a_minus_is_told_to_go_after_dashes(tmp_path):
    """A trial: `import '-a*b' -o x.mgraph` said only that EXPR_OR_FILE was
    missing (argparse took the formula for an option)."""
    out = tmp_path / "x.mgraph"
    r = run("import", "-a*b", "-o", out)
    assert_error(r, "EXPR_OR_FILE", "goes after --", "-- '-a*b'", code=2)
    assert not out.exists()
    ok = run("import", "-o", out, "--", "-a*b")  # the way the message gives
    assert ok.returncode == 0, ok.stderr
    assert out.exists()


def test_importing_a_graph_file_says_it_is_one(tmp_path):
    """A trial: `import lin.mgraph -o x.mgraph` said "line 1, column 1: a
    dict is not supported in a formula"."""
    out = tmp_path / "x.mgraph"
    r = run("import", EXAMPLES / "blog_L.mgraph", "-o", out)
    assert_error(r, "blog_L.mgraph is a graph file already", "export")
    assert not out.exists()
    renamed = tmp_path / "graph.txt"  # a graph under another name: found by its contents
    renamed.write_text((EXAMPLES / "blog_L.mgraph").read_text())
    assert_error(run("import", renamed, "-o", out), "is a graph file already")


def test_an_option_after_the_dashes_is_told_to_go_before_them(tmp_path):
    """A check of the fixes: ``import -- '-a*b' -o x.mgraph`` was told to put
    the formula after --, where it was already; the -o after it was the fault."""
    out = tmp_path / "x.mgraph"
    r = run("import", "--", "-a*b", "-o", out)
    assert r.returncode == 2 and "options such as -o go before --" in r.stderr, r.stderr
    assert "goes after --" not in r.stderr
