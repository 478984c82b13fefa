"""Review 50's headless slips (verify 50 N4, N8, N9), run as a user runs
the commands (a subprocess): a "not found" offers what the command takes
(ids for backward, forward and hessian; labels for the others, the MLP's
x1[1] … x1[4] rather than the id x4_1), the note on an id two leaves share
as a label says what is so, and a picture's pass from another root leaves
the "output" tag on the file's output."""

import json

import pytest
from test_cli import assert_error, run
from test_cli_trial50 import mlp  # noqa: F401  (the MLP template, made once)
from window_helpers import answers, tmp_settings, window  # noqa: F401

from core.files import embed, fileio


@pytest.fixture(scope="module")
def f_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("f") / "f.mgraph"
    r = run("import", "f = tanh(x*y + x**2) * exp(-y)", "--value", "x=0.7", "--value", "y=-0.3", "-o", path)
    assert r.returncode == 0, r.stderr
    return path


@pytest.fixture
def dup_file(f_file, tmp_path):
    """f.mgraph with y relabelled "x": two leaves named x (the app allows it)."""
    doc = json.loads(f_file.read_text(encoding="utf-8"))
    for node in doc["nodes"]:
        if node["id"] == "y":
            node["label"] = "x"
    path = tmp_path / "dup.mgraph"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


# ------------------------------------------------ N4: a guess the command takes
def test_backward_and_hessian_guess_and_list_ids_with_their_labels_beside(f_file):
    ids = (
        "(ids: x, y, mul1 (x*y), pow1 (x**2), add1 (x*y + x**2), tanh1 (tanh(x*y + x**2)), "
        "neg1 (-y), exp1 (exp(-y)), f)"
    )
    said = (
        "unknown root 'tanh': no node has that id or label; "
        "did you mean 'tanh1' (labelled tanh(x*y + x**2))? "
    )
    for command in ("backward", "hessian"):
        r = run(command, f_file, "--root", "tanh")
        assert_error(r, code=1)
        assert r.stderr == f"error: {f_file}: {said}{ids}\n"
    # what the list offers is taken: ids (its labels were refused: "unknown root 'x*y'")
    r = run("backward", f_file, "--root", "mul1", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["root"] == "mul1", r.stderr
    r = run("forward", f_file, "--wrt", "X")
    assert r.stderr == (
        f"error: {f_file}: unknown node 'X' for --wrt: no node has that id or label; "
        "did you mean 'x'? (leaf ids: x, y)\n"
    )


def test_an_id_only_guess_on_the_mlp_says_which_card_each_id_is(mlp):
    r = run("backward", mlp, "--root", "x1")
    assert r.stderr.splitlines()[0].endswith(
        "did you mean 'x1_1' (labelled x1[1]), 'x1_2' (labelled x2[1]) or 'x1_3' (labelled x3[1])? "
        "(ids: x1_1 (x1[1]), x1_2 (x2[1]), x1_3 (x3[1]), x2_1 (x1[2]), x3_1 (x1[3]), x4_1 (x1[4]), "
        "x2_2 (x2[2]), x2_3 (x3[2]), … (352 more))"
    ), r.stderr


def test_a_command_that_takes_labels_guesses_labels_and_lists_the_xs(mlp, f_file):
    r = run("gradcheck", mlp, "--leaves", "x1")
    assert r.stderr == (
        f"error: {mlp}: no node with id or label 'x1' to check; "
        "did you mean 'x1[1]', 'x1[2]', 'x1[3]' or 'x1[4]'? "
        "(leaves: x1[1], x1[2], x1[3], x1[4], x2[1], x3[1], x2[2], x3[2], … (49 more))\n"
    )
    r = run("gradcheck", mlp, "--leaves", "x")  # no guess: the x's listed, not the first weights
    assert r.stderr == (
        f"error: {mlp}: no node with id or label 'x' to check "
        "(leaves: x1[1], x2[1], x3[1], x1[2], x2[2], x3[2], x1[3], x2[3], … (49 more))\n"
    )
    r = run("train", f_file, "--root", "tanh")
    assert r.stderr == (
        f"error: {f_file}: unknown root 'tanh': no node has that id or label; "
        "did you mean 'tanh(x*y + x**2)'? "
        "(nodes: x, y, 'x*y', 'x**2', 'x*y + x**2', 'tanh(x*y + x**2)', -y, 'exp(-y)', f)\n"
    )


# --------------------------------------- N8: an id two leaves share as a label
def test_the_note_on_an_id_two_leaves_share_as_a_label_is_true(dup_file, tmp_path):
    note = "note: 'x' is an id (of the node labelled 'x'); another node, id 'y', is also labelled 'x'\n"
    r = run("gradcheck", dup_file, "--leaves", "x")
    assert r.returncode == 0 and r.stderr == note
    r = run("export", dup_file, "--root", "x", "--to", "python", "-o", tmp_path / "e.py")
    assert r.returncode == 0 and r.stderr == note
    r = run("forward", dup_file, "--wrt", "x", "--json")
    assert r.returncode == 0 and r.stderr == note and json.loads(r.stdout)["wrt"] == "x"
    # as train says it of the label
    r = run("train", dup_file, "--data", "x")
    assert_error(r, "2 leaves are named 'x' (ids x, y); give an id", code=1)
    from core.graph.roots import id_note

    three = [("x", "x"), ("y", "x"), ("z", "x"), ("w", None)]
    assert id_note("x", three) == (
        "note: 'x' is an id (of the node labelled 'x'); 2 other nodes, ids 'y', 'z', are also labelled 'x'"
    )
    assert id_note("w", [("w", None), ("v", "w")]) == (
        "note: 'w' is the id of a node with no label; the node labelled 'w' has the id 'v'"
    )


# ------------------------------------------- N9: a picture's pass from a root
def test_a_picture_from_another_root_keeps_the_output_tag_on_the_output(f_file, tmp_path, window, answers):
    out = tmp_path / "e.svg"
    r = run("picture", f_file, "--root", "exp(-y)", "--end", "-o", out)
    assert r.returncode == 0, r.stderr
    assert fileio.load(out).output == "f"  # the graph inside is the file's
    root, _step = embed.pass_step(out.read_bytes()) or ("", 0)
    assert root == "exp1"
    # opened in the app, as the picture was drawn: the pass from exp(-y), the tag on f
    assert window.open_path(str(out))
    scene = window.scene
    assert window.backward.replay is not None and window.backward.replay.root == "exp1"
    assert scene.node_item("f").output_badge == "output"
    assert scene.node_item("exp1").output_badge is None
