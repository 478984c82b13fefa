"""Groups through Python code (trial 44 #4): the Python export writes the
graph's groups as ``# --- layer 1 [1] / neuron 1.1 [1]`` comment lines and
Import Code (headless ``import`` here) makes the same groups again; code
without such lines imports as it did."""

from __future__ import annotations

import os
import subprocess
import sys

from test_codegen_cli import ROOT, backward_json, run

from core.code.codeadd import import_code
from core.code.codegroups import read_path
from core.code.codeout import to_python, to_torch
from core.files import fileio
from core.graph.backward import backward
from core.graph.model import GraphModel


def group_tree(model: GraphModel) -> list[tuple]:
    """Each group as (its path of labels from the top, its own members'
    labels, folded), sorted: the tree by what a user sees, not by ids."""
    gs = model.groups
    out = []
    for g in gs:
        path = tuple(gs.get(a).label for a in [*reversed(gs.ancestors(g.id)), g.id])
        out.append((path, sorted(model.label(n) for n in g.members), g.collapsed))
    return sorted(out)


def grads_by_label(data: dict) -> dict[str, tuple]:
    nodes = data["nodes"].values()
    assert len({d["label"] for d in nodes}) == len(nodes)  # (labels tell the nodes apart)
    return {d["label"]: (d["value"], d["grad"]) for d in nodes}


def test_the_mlp_comes_back_with_its_groups_values_and_gradients(tmp_path):
    """The trial's steps: template mlp → export --to python → import: 52
    groups (not none), the same tree, and the very numbers Backward gives."""
    mlp, script, back = tmp_path / "mlp.mgraph", tmp_path / "mlp_export.py", tmp_path / "back.mgraph"
    assert run("template", "mlp", "-o", mlp).returncode == 0
    done = run("export", mlp, "--to", "python", "-o", script)
    assert done.returncode == 0, done.stderr
    text = script.read_text()
    first = "m1_1_1_1 = w1_1_1 * x1_1; m1_1_1_1.label = 'w1.1.1·x1[1]'"
    assert f"\n# --- ▸ layer 1 [1] / neuron 1.1 [1]\n{first}\n" in text
    assert text.count("# --- ▸ layer 1 [1] / neuron 1.1 [1]\n") == 1  # each group's statements together
    done = run("import", script, "-o", back)
    assert done.returncode == 0, done.stderr
    assert "360 nodes, 566 edges, 52 groups" in done.stdout
    original, imported = fileio.load(mlp), fileio.load(back)
    assert len(imported.groups) == 52
    assert group_tree(imported) == group_tree(original)
    assert sorted(map(imported.label, imported.nodes())) == sorted(map(original.label, original.nodes()))
    assert grads_by_label(backward_json(back)) == grads_by_label(backward_json(mlp))  # to the bit
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    ran = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert ran.returncode == 0 and ran.stdout.endswith("all 360 gradients match\n"), ran.stderr
    # the layers come folded, each laid out as the card it is, clear of the others
    layer = next(g for g in imported.groups if g.label == "layer 1 [1]")
    assert layer.collapsed and imported.groups.shown_as_card(layer.id)


def test_the_header_says_what_is_kept_and_what_is_not(tmp_path):
    mlp = tmp_path / "mlp.mgraph"
    assert run("template", "mlp", "--one-point", "-o", mlp).returncode == 0
    head = to_python(fileio.load(mlp)).split("from micrograd_studio import Value")[0]
    one_line = " ".join(line.lstrip("# ") for line in head.splitlines())
    assert "Kept: every node with its value, operator and label" in one_line
    assert "and the groups" in one_line
    assert "Not kept: where the nodes are (the graph is laid out again)" in one_line
    assert "which inputs are data" in one_line
    assert "\n# --- " not in head  # (its example is no group comment itself)


HAND_WRITTEN = """\
from micrograd.engine import Value

# --- inputs ---
x = Value(2.0, label='x')
w = Value(-1.5, label='w')
# ---
b = Value(0.5, label='b')
# --- ▸ neuron / ▸ sum
xw = x*w; xw.label = 'x·w'
n = xw + b
# --- neuron / 'out / act' #2
o = n.tanh()
# --- neuron / 'out / act'
p = o * 2
# --- neuron / sum
q = n * n
# --- neuron
r = p + q
r.backward()
"""


def test_a_hand_written_grouped_file_imports_as_written_and_round_trips():
    """Labels from the outermost, ▸ folded, a quoted label holding " / ",
    #2 for a second group of one name, "# ---" ending the groups, closing
    dashes as decoration, and a group written in two places (one group)."""
    model, _plan = import_code(HAND_WRITTEN)
    tree = [
        (("inputs",), ["w", "x"], False),
        (("neuron",), ["r"], True),
        (("neuron", "out / act"), ["2", "p"], False),  # (the 2 of o * 2 too)
        (("neuron", "out / act"), ["o"], False),
        (("neuron", "sum"), ["n", "q", "x·w"], True),
    ]
    assert group_tree(model) == tree
    gs = model.groups
    assert gs.group_of(next(n for n in model.nodes() if model.label(n) == "b")) is None
    assert len(model.groups) == 5  # no statement group besides: the text names its own
    text = to_python(model)
    assert "# --- ▸ neuron / ▸ sum\n" in text
    assert "# --- ▸ neuron / 'out / act'\n" in text and "# --- ▸ neuron / 'out / act' #2\n" in text
    back, _ = import_code(text)
    assert group_tree(back) == tree
    assert sorted(backward(back).grads.values()) == sorted(backward(model).grads.values())


def test_labels_that_would_read_otherwise_are_written_as_strings():
    for label in ["a / b", "'q'", "▸ x", "part #2", "---", "  two  spaces", "line\nbreak", "/", "x /"]:
        m = GraphModel()
        a = m.add_node("leaf", "a", label="a", value=2.0)
        t = m.add_node("tanh", "t", label=label)
        m.connect(a, t, 0)
        m.groups.add([a, t], label)
        m.groups.add([t], label)  # nested, same name
        text = to_python(m)
        back, _ = import_code(text)
        assert group_tree(back) == group_tree(m), (label, text)


def test_a_group_fed_through_a_node_outside_it_is_written_in_pieces():
    """a → b (outside) → c: the group {a, c} cannot be one block; its
    line comes twice and Import Code makes one group of both pieces."""
    m = GraphModel()
    a = m.add_node("leaf", "a", label="a", value=0.5)
    b = m.add_node("exp", "b", label="b")
    c = m.add_node("mul", "c", label="c")
    m.connect(a, b, 0)
    m.connect(b, c, 0)
    m.connect(a, c, 1)
    m.groups.add([a, c], "ends")
    text = to_python(m)
    assert text.count("# --- ends\n") == 2 and "\n# ---\nb = a.exp()" in text
    back, _ = import_code(text)
    assert group_tree(back) == [(("ends",), ["a", "c"], False)]


def test_code_without_group_comments_imports_as_it_did():
    """Ordinary comments (rules of dashes too) change nothing, and a graph
    without groups is exported in its own order with no group line."""
    commented = (
        "# -------------------------\n# the graph\n#--\na = Value(2.0)\n"
        "b = Value(-3.0)  # --- not on its own\nd = a*b + a*a + b*b\n# ----\nL = d.tanh()\n"
    )
    plain = "\n".join("" if ln.startswith("#") else ln for ln in commented.split("\n"))  # (same lines)
    m1, _ = import_code(plain)
    m2, _ = import_code(commented)
    assert fileio.dumps(m1) == fileio.dumps(m2)
    assert group_tree(m1) == [(("d (line 6)",), ["a*a", "a*b", "a*b + a*a", "b*b", "d"], False)]
    m1.groups.clear()
    text = to_python(m1)
    assert "\n# ---" not in text.split("import Value")[1]
    lines = [ln for ln in text.splitlines() if " = " in ln and not ln.startswith(("#", "print", "assert"))]
    assert [ln.split(" = ")[0] for ln in lines] == [variable for variable in m1.topological_order()]


def test_a_malformed_group_comment_is_read_as_a_plain_comment_and_said(tmp_path):
    """Decided: "# --- a /  / b" names no group; it is read as a plain
    comment (the statements after it stay where they were) and the import
    says so, naming its line."""
    assert read_path("a /  / b") is None and read_path("a / ▸") is None
    code = tmp_path / "bad.py"
    code.write_text("# --- part\na = Value(2.0)\nb = a * a\n# --- part /  / x\nc = b + a\n")
    out = tmp_path / "bad.mgraph"
    done = run("import", code, "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        "note: skipped the group comment on line 4 "
        "(a name is missing between two “ / ”; read as a plain comment)\n"
    )
    assert group_tree(fileio.load(out)) == [(("part",), ["a", "b", "c"], False)]


def test_the_torch_export_carries_the_same_group_lines(tmp_path):
    mlp = tmp_path / "mlp.mgraph"
    assert run("template", "mlp", "--one-point", "-o", mlp).returncode == 0
    model = fileio.load(mlp)
    py, torch = to_python(model), to_torch(model)
    heads = [ln for ln in py.splitlines() if ln.startswith("# --- ") or ln == "# ---"]
    assert heads and heads == [ln for ln in torch.splitlines() if ln.startswith("# --- ") or ln == "# ---"]
    assert "# --- ▸ layer 1 [1] / neuron 1.1 [1]\nm1_1_1_1 = w1_1_1 * x1_1; m1_1_1_1.retain_grad()" in torch
