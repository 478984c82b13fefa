"""Trial 50's headless friction, run as a user runs the commands (a
subprocess, as in test_cli.py): the MLP's labels taken where ids are
wanted, gradcheck naming leaves as hessian does, "not found" listing what
there is, a mistyped command or template kind, graph files named .mgraph,
and every writer saying what it wrote."""

import json

import pytest
from test_cli import EXAMPLES, assert_error, run, write

BLOG = EXAMPLES / "blog_L.mgraph"


@pytest.fixture(scope="module")
def mlp(tmp_path_factory):
    path = tmp_path_factory.mktemp("mlp") / "mlp.mgraph"
    assert run("template", "mlp", "-o", path).returncode == 0
    return path


# ------------------------------------------------- 7. labels, where one node has them
def test_the_mlps_labels_are_taken_for_their_ids(mlp):
    """x2[1] (input 2 of data point 1) has the id x1_2: `forward --wrt
    'x2[1]'` and `gradcheck --leaves 'x1[1],x2[1]'` were refused."""
    # forward is the spec's: ids only, the error naming the id (review 50: "an unknown root is an error")
    by_label = run("forward", mlp, "--wrt", "x2[1]", "--json")
    assert by_label.returncode == 1 and "has the id 'x1_2'" in by_label.stderr, by_label.stderr
    r = run("forward", mlp, "--wrt", "x1_2")  # the table's words name it as the canvas does
    assert r.stdout.startswith("forward mode with respect to 'x2[1]': tangent = d(node)/d(x2[1]) (")
    r = run("gradcheck", mlp, "--leaves", "x1[1],x2[1]", "--root", "ypred[1]")
    assert r.returncode == 0, r.stderr
    # the texts name leaves as hessian does: by label (the table keeps both columns)
    assert r.stdout.splitlines()[0] == (
        "gradient check of 'ypred[1]' = 0.427678 for the 2 leaves chosen "
        "(x1[1], x2[1] are data: not trainable)"
    ), r.stdout
    assert "x1_2" not in r.stdout.splitlines()[0]
    rows = [ln.split()[:2] for ln in r.stdout.splitlines()[4:6]]
    assert rows == [["x1_1", "x1[1]"], ["x1_2", "x2[1]"]]


def test_an_id_always_wins_and_a_label_two_nodes_share_is_refused(tmp_path):
    # node "p" is labelled "q", and node "q" labelled "p": each id gives its own node
    p = write(
        tmp_path,
        [
            ("p", "leaf", {"label": "q", "value": 2.0}),
            ("q", "leaf", {"label": "p", "value": 3.0}),
            ("x1", "leaf", {"label": "x", "value": 1.0}),
            ("x2", "leaf", {"label": "x", "value": 5.0}),
            ("m", "mul", {"label": "m"}),
            ("s", "add", {"label": "s"}),
            ("t", "add", {"label": "t"}),
        ],
        [("p", "m", 0), ("q", "m", 1), ("m", "s", 0), ("x1", "s", 1), ("s", "t", 0), ("x2", "t", 1)],
    )
    doc = json.loads(run("forward", p, "--wrt", "p", "--json").stdout)
    assert doc["wrt"] == "p" and doc["nodes"]["t"]["tangent"] == 3.0  # d(p*q)/dp = q's value
    r = run("forward", p, "--wrt", "x")
    assert_error(r, "unknown node 'x' for --wrt", "2 nodes are labelled 'x', with the ids 'x1', 'x2'", code=1)
    # in core, as the commands use it
    from core.graph.roots import named

    pairs = [("p", "q"), ("q", "p"), ("x1", "x"), ("x2", "x"), ("m", "m")]
    assert named("p", pairs) == "p" and named("x", pairs) == "x" and named("zz", pairs) == "zz"
    assert named("m", [("k", "m"), ("j", "n")]) == "k"


# ---------------------------------------------- 14. "not found" says what there is
def test_not_found_lists_the_leaves_or_nodes_and_a_close_match(mlp):
    # forward and backward take ids only: what they list and guess are ids (review 50 N4)
    r = run("forward", BLOG, "--wrt", "A")
    assert_error(
        r,
        "unknown node 'A' for --wrt: no node has that id or label; did you mean 'a'? (leaf ids: a, b, c, f)",
    )
    r = run("forward", BLOG, "--wrt", "z")
    assert_error(r, "unknown node 'z' for --wrt: no node has that id or label (leaf ids: a, b, c, f)", code=1)
    r = run("backward", BLOG, "--root", "LL")
    assert_error(
        r, "unknown root 'LL': no node has that id or label; did you mean 'L'? (ids: a, b, c,", code=1
    )
    r = run("gradcheck", BLOG, "--leaves", "a,bb")
    assert_error(r, "no node with id or label 'bb' to check; did you mean 'b'? (leaves: a, b, c, f)", code=1)
    r = run("forward", mlp, "--wrt", "x2[9]")  # 57 leaves: the 8 nearest what was typed, and a close one
    assert_error(
        r,
        "; did you mean 'x4_2' (labelled x2[4])? (leaf ids: x1_2 (x2[1]), x2_2 (x2[2]), x3_2 (x2[3]), "
        "x4_2 (x2[4]), x2_1 (x1[2]), x2_3 (x3[2]),",
        ", … (49 more))",
        code=1,
    )
    # the core's hint, as the app's callers have it
    from core.graph.roots import label_hint

    pairs = [("tanh1", "tanh(add1)"), ("x", "x"), ("y", "y")]
    assert label_hint("tanh", pairs) == "; did you mean 'tanh(add1)'? (nodes: 'tanh(add1)', x, y)"
    assert label_hint("tanh", pairs, by_id=True) == (
        "; did you mean 'tanh1' (labelled tanh(add1))? (ids: tanh1 (tanh(add1)), x, y)"
    )
    many = [(f"w{i}", f"w{i}") for i in range(11)]
    assert label_hint("v", many).endswith("(nodes: w0, w1, w2, w3, w4, w5, w6, w7, … (3 more))")
    assert label_hint("v", many[:10]).endswith(", w7, w8, w9)")  # ("… (1 more)" said in its room)
    assert label_hint("z", pairs, leaves={"x", "y"}) == " (leaves: x, y)"


@pytest.mark.parametrize(
    "typed, meant", [("backwards", "backward"), ("bakward", "backward"), ("hesian", "hessian")]
)
def test_a_mistyped_command_suggests_the_one_meant(typed, meant):
    r = run(typed, BLOG)
    assert_error(r, f"unknown command {typed!r}; did you mean {meant}? (commands: backward,", code=2)


def test_template_kind_in_capitals_is_taken_and_another_is_named(tmp_path):
    out = tmp_path / "m.mgraph"
    r = run("template", "MLP", "--one-point", "-o", out)
    assert r.returncode == 0 and r.stdout == f"wrote {out}: 120 nodes, 16 groups\n", r.stdout + r.stderr
    r = run("template", "perceptron", "-o", out)
    assert_error(r, "template: choose neuron or mlp, not 'perceptron'", code=2)
    assert "invalid choice" not in r.stderr and "argument kind" not in r.stderr


# --------------------------------------------------- 8. a graph file is named .mgraph
@pytest.mark.parametrize(
    "args",
    [["template", "mlp", "-o"], ["import", "f = a*b", "-o"], ["train", str(BLOG), "--steps", "1", "--out"]],
)
@pytest.mark.parametrize("name", ["m.png", "m"])
def test_a_graph_file_not_named_mgraph_is_refused_as_picture_refuses(tmp_path, args, name):
    r = run(*args, name, cwd=tmp_path)
    assert_error(r, f"{name!r}: a graph file's name ends in .mgraph (e.g. m.mgraph)", code=2)
    assert list(tmp_path.iterdir()) == []


def test_json_and_standard_output_are_still_written(tmp_path):
    r = run("template", "neuron", "-o", "n.json", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == "wrote n.json: 10 nodes, 1 group\n"
    r = run("import", "f = a*b", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0 and json.loads(r.stdout)["graph"]["format"] == "micrograd-studio"


# -------------------------------------------------------- 15. the same feedback
def test_export_says_what_it_wrote_and_picture_help_names_its_arguments(tmp_path):
    out = tmp_path / "out.txt"
    r = run("export", BLOG, "--to", "dot", "-o", out)
    assert r.returncode == 0 and r.stdout == f"wrote {out}\n" and out.read_text().startswith("//")
    r = run("picture", "--help")
    usage = " ".join(r.stdout.split("\n\n")[0].split())
    assert usage.endswith("[--root ID] [--wrt ID] [--no-marks] [--transparent] FILE"), usage
    assert "-o OUT" in usage and "ROOT" not in r.stdout and "\n  FILE " in r.stdout
