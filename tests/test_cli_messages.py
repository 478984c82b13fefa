"""What the headless commands say when a user's first try goes wrong: a
label given where an id is wanted, a cut-off file, a gradient check at a
kink, the leaves a root depends on, counts in words, each command's own
usage line. Run as a user runs them (a subprocess), as in test_cli.py."""

import json

import pytest
from test_cli import assert_error, run, write

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
    "args, said",
    [
        (["forward", "--wrt", "w1.1.1"], "unknown node 'w1.1.1' for --wrt: no node has that id"),
        (["backward", "--root", "a*b + c"], "unknown root 'a*b + c': no node has that id"),
        (["backward", "--json", "--root", "a*b + c"], "unknown root 'a*b + c': no node has that id"),
        (["hessian", "--root", "a*b + c"], "unknown root 'a*b + c': no node has that id"),
        (["gradcheck", "--root", "a*b + c"], "unknown root 'a*b + c': no node has that id"),
        (["train", "--root", "a*b + c"], "unknown root 'a*b + c': no node has that id"),
        (["export", "--to", "dot", "--root", "a*b + c"], "unknown root 'a*b + c': no node has that id"),
        (["gradcheck", "--leaves", "w1.1.1"], "no node with id 'w1.1.1' to check"),
    ],
)
def test_a_label_given_for_an_id_names_the_id(labelled, args, said):
    label = args[-1]
    ident = {"w1.1.1": "w1_1_1", "a*b + c": "m"}[label]
    r = run(args[0], labelled, *args[1:])
    # the spec's error: exit 1 and one "error:" line; only the text gains the hint
    assert_error(r, str(labelled), said, code=1)
    assert f"; the node labelled {label!r} has the id {ident!r} (use that)" in r.stderr


def test_a_label_several_nodes_share_lists_their_ids(labelled):
    r = run("forward", labelled, "--wrt", "x")
    assert_error(r, "unknown node 'x' for --wrt", "2 nodes are labelled 'x', with the ids 'x1', 'x2'", code=1)


def test_no_hint_when_the_text_is_no_label_and_ids_still_work(labelled):
    r = run("backward", labelled, "--root", "zz")
    assert_error(r, "unknown root 'zz': no node has that id", code=1)
    assert "labelled" not in r.stderr
    r = run("backward", labelled, "--root", "m", "--json")  # an id: as before
    assert r.returncode == 0 and json.loads(r.stdout)["root"] == "m"
