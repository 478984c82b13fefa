"""The lean headless path (issue 14): ``main.py backward`` works on the
file's checked tables instead of a model, writes its JSON by a template and
validates in one pass. Each shortcut must give exactly what the long way
gives: the same bytes, numbers, order and first error."""

import json
import math
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.cli.backward import json_document
from core.files import fileio
from core.graph.backward import backward
from core.graph.errors import FileFormatError
from core.graph.headless import backward_tables

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "resources" / "examples"


def test_backward_imports_neither_networkx_nor_psygnal():
    code = (
        "import sys, io, contextlib\n"
        "import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    rc = main.main(['backward', {str(EXAMPLES / 'blog_L.mgraph')!r}, '--json'])\n"
        "assert rc == 0, rc\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('networkx', 'psygnal'))\n"
        "assert not heavy, heavy\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


# ------------------------------------------------------- the JSON template
floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([-0.0, 0.0, 1e-320, 1e308])
texts = st.text(st.characters(codec="utf-8"), max_size=8) | st.sampled_from(['"', "\\", "\n\t\x00", "é→𝔵"])


def reference(root, order, rows) -> str:
    """What registry.print_json wrote before the template (json.dumps, indent 2)."""

    def num(v):
        return v if math.isfinite(v) else ("nan" if v != v else ("inf" if v > 0 else "-inf"))

    doc = {
        "root": root,
        "order": order,
        "nodes": {n: {"op": op, "label": lab, "value": num(v), "grad": num(g)} for n, op, lab, v, g in rows},
    }
    return json.dumps(doc, indent=2, allow_nan=False, ensure_ascii=False) + "\n"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(texts, st.sampled_from(["leaf", "add", "tanh"]), texts, floats, floats), max_size=12),
    st.lists(texts, max_size=6),
    texts,
    st.integers(1, 4),
)
def test_the_template_writes_the_bytes_json_dumps_writes(rows, order, root, chunk):
    rows = list({r[0]: r for r in rows}.values())  # ids are unique
    ids, ops, labels, values, grads = (list(c) for c in zip(*rows)) if rows else ([], [], [], [], [])
    text = "".join(json_document(root, order, ids, ops, labels, values, grads, chunk=chunk))
    assert text == reference(root, order, rows)


# ------------------------------------------- tables and model agree exactly
OPS = ["add", "sub", "mul", "div", "neg", "exp", "log", "tanh", "relu", "sigmoid", "pow"]


def random_doc(seed: int, n: int = 60) -> dict:
    rnd = random.Random(seed)
    nodes, edges = [], []
    for i in range(n):
        if i < 3 or rnd.random() < 0.3:
            nd = {"id": f"v{i}", "op": "leaf", "value": rnd.choice([rnd.uniform(-3, 3), 0, 2, 1e300])}
        else:
            op = rnd.choice(
                ["add", "sub", "mul", "div", "neg", "exp", "log", "tanh", "relu", "sigmoid", "pow"]
            )
            nd = {"id": f"v{i}", "op": op}
            if op == "pow":
                nd["exponent"] = rnd.choice([2, 0.5, -1, 3.0, 0, 1.5])  # ints too: read as floats
            arity = 2 if op in ("add", "sub", "mul", "div") else 1
            for p in rnd.sample(range(arity), arity):  # edges not in port order
                edges.append({"source": f"v{rnd.randrange(i)}", "target": nd["id"], "port": p})
        if rnd.random() < 0.4:
            nd["label"] = rnd.choice(["a", "é", None, ""])
        nodes.append(nd)
    rnd.shuffle(edges)
    return {"graph": {"format": "micrograd-studio", "version": 1}, "nodes": nodes, "edges": edges}


def same(a: float, b: float) -> bool:
    return repr(a) == repr(b)  # bit for bit, nan and -0.0 included


@pytest.mark.parametrize("seed", range(8))
def test_the_tables_pass_is_the_models_pass_bit_for_bit(seed, tmp_path):
    doc = random_doc(seed)
    p = tmp_path / "g.mgraph"
    p.write_text(json.dumps(doc), encoding="utf-8")
    model = fileio.load(p)
    rec = fileio.read(p)
    sinks = model.sinks()
    for root in [sinks[-1], sinks[0], "v7"]:
        want = backward(model, root)
        got = backward_tables(rec.by_id, rec.inputs, rec.order, None, root)
        assert got.root == want.root and got.order == want.order
        for n in model.nodes():
            assert same(got.values[n], want.values[n]), n
            assert same(got.grads[n], want.grads[n]), n


# ------------------------------------- one pass, the stage-by-stage errors
def doc_with(**parts) -> str:
    doc = {
        "graph": {"format": "micrograd-studio", "version": 1},
        "nodes": [{"id": "a", "op": "leaf", "value": 1.0}, {"id": "t", "op": "tanh"}],
        "edges": [{"source": "a", "target": "t", "port": 0}],
    }
    doc.update(parts)
    return json.dumps(doc)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        # a node that is no object comes before a wrong format
        (
            {"graph": {"format": "x", "version": 1}, "nodes": [{"id": "a", "op": "leaf", "value": 1}, 7]},
            "the 2nd node is not a JSON object",
        ),
        # an edge that is no object comes before a bad node
        (
            {"nodes": [{"id": "a", "op": "frob"}], "edges": [{"source": "a", "target": "a", "port": 0}, []]},
            "the 2nd edge is not a JSON object",
        ),
        # a wrong version comes before a bad node
        ({"graph": {"format": "micrograd-studio", "version": 9}, "nodes": [{"id": 1}]}, "version 9 is newer"),
        # a bad node comes before a bad edge, the first bad node first
        (
            {
                "nodes": [{"id": "a", "op": "leaf"}, {"id": "b", "op": "frob"}],
                "edges": [{"source": "zz", "target": "a", "port": 0}],
            },
            "node 'a': a leaf needs a finite number",
        ),
        # the graph's keys come before the edges
        (
            {"graph": {"format": "micrograd-studio", "version": 1, "output": "q"}, "edges": [{"port": 0}]},
            "\"output\" names 'q'",
        ),
        # a port taken twice names the first edge into it
        (
            {"edges": [{"source": "a", "target": "t", "port": 0}, {"source": "t", "target": "t", "port": 0}]},
            "port 0 of 't' already has an edge (the 1st edge)",
        ),
        # a NaN in a key of a node's own, or of an edge's own
        (
            {"nodes": [{"id": "a", "op": "leaf", "value": 1, "style": {"w": [float("nan")]}}]},
            "['style']['w'][0]",
        ),
        (
            {"edges": [{"source": "a", "target": "t", "port": 0, "w": float("inf")}]},
            "the 1st edge ('a' -> 't', port 0): key ['w'] (inf)",
        ),
    ],
)
def test_the_first_fault_is_the_one_a_stage_by_stage_check_finds(parts, message):
    with pytest.raises(FileFormatError) as e:
        fileio.loads(doc_with(**parts), "f.mgraph")
    assert message in str(e.value), str(e.value)
