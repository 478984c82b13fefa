"""The Code panel writes a leaf just before the first statement that uses
it. A trial (t68 #9) read the MLP's code starting with layer 3's bias,
``b3_1 = Value(…)``, then ``w3_1_1``, ``b2_1``: the depth-first walk from
the loss reached each layer's first leaves on its way down. The lecture's
small graphs read as before (a, b, e = a*b, c, d = e + c, f, L = d*f)."""

from __future__ import annotations

import re

from core.cli.templates import build
from core.code.codetext import to_code
from core.files import fileio
from core.files.data import examples_dir


def test_the_mlp_s_code_starts_with_its_first_layer():
    text = to_code(build("mlp")).text
    first = text.splitlines()[:3]
    assert first[0].startswith("w1_1_1 = Value(") and first[1].startswith("x1_1 = Value("), first
    assert first[2].startswith("m1_1_1_1 = w1_1_1 * x1_1"), first
    lines = text.splitlines()
    # each leaf's line is among the leaves right before the first line using it
    for i, line in enumerate(lines):
        if " = Value(" in line:
            name = re.escape(line.split(" = ")[0])
            uses = [
                j
                for j, u in enumerate(lines)
                if " = " in u and re.search(rf"\b{name}\b", u.split(" = ", 1)[1])
            ]
            between = lines[i + 1 : uses[0]]
            assert all(" = Value(" in b for b in between), (line, between)


def test_the_blog_graph_reads_as_the_lecture_writes_it():
    m = fileio.load(str(examples_dir() / "blog_L.mgraph"))
    names = [ln.split(" = ")[0] for ln in to_code(m).text.splitlines() if " = " in ln]
    assert names == ["a", "b", "e", "c", "d", "f", "L"]
