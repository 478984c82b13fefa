"""The text tables of ``backward``, ``forward``, ``gradcheck`` and
``hessian`` (without --json) are read by eye: every number with at most 6
significant digits, no sign on a zero, nan and inf as words, each number
column lined up on its decimal points. Each number is the readable form of
the one the --json output of the same run gives with every digit (that
output is the spec's contract, unchanged). Run as a user runs them (a
subprocess), on the shipped examples, as in test_cli.py."""

from __future__ import annotations

import json
import math

import pytest
from test_cli import EXAMPLES, run, write

from core.cli.registry import text_number
from core.explain.names import shown_names
from core.files import fileio

EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.mgraph"))


def table(stdout: str) -> tuple[list[str], list[str], list[list[str]]]:
    """The first table of ``stdout``: its header cells, the underline's
    column spans as text, and each row's cells, cut at the underline's
    columns (a label may hold spaces); the lines of a part after a blank
    line and its title are rows too."""
    lines = stdout.splitlines()
    i = next(k for k, ln in enumerate(lines) if ln.startswith("--"))
    rule = lines[i]
    spans, at = [], 0
    for dashes in rule.split("  "):
        spans.append((at, at + len(dashes)))
        at += len(dashes) + 2
    spans.append((at, None))  # what runs on past the underline (gradcheck's note)

    def cells(ln: str) -> list[str]:
        return [ln[a:b] for a, b in spans]

    rows = []
    for k, ln in enumerate(lines[i + 1 :], i + 1):
        if not ln or not lines[k - 1]:
            continue  # the blank line and the title of a part
        if ln.startswith(("all ", "the gradient", "FAILED", "no leaves")):
            break
        rows.append(cells(ln))
    header = [c.strip() for c in cells(lines[i - 1])]
    return header[:-1] if not header[-1] else header, [rule[a:b] for a, b in spans], rows


def points_line_up(rows: list[list[str]], j: int) -> None:
    """Column ``j``'s decimal points (or where a word or a whole number ends) at one place."""
    places = set()
    for r in rows:
        c = r[j].rstrip()
        t = c.strip()
        if "." in t:
            places.add(c.index("."))
        elif "e" in t[1:]:
            places.add(c.index("e", len(c) - len(t) + 1))
        else:
            places.add(len(c))
    assert len(places) == 1, [r[j] for r in rows]


def readable(cell: str) -> bool:
    """At most 6 significant digits, no -0.0, a non-finite number as a word."""
    t = cell.strip()
    if t in ("nan", "inf", "-inf"):
        return True
    if t in ("-0.0", "-0"):
        return False
    mantissa = t.lstrip("-").split("e")[0]
    digits = mantissa.replace(".", "").lstrip("0")
    return len(digits.rstrip("0")) <= 6 and float(t) == float(text_number(float(t)))


def first_leaf(name: str) -> str:
    doc = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return next(n["id"] for n in doc["nodes"] if n["op"] == "leaf")


def both(*args) -> tuple[str, dict]:
    """The text and the JSON of one command."""
    r = run(*args)
    j = run(*args, "--json")
    assert r.stderr == j.stderr == "" and r.returncode == j.returncode
    return r.stdout, json.loads(j.stdout)


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_backward_and_forward_tables_are_readable_and_say_what_the_json_says(name):
    for args, key in (
        (("backward", EXAMPLES / name), "grad"),
        (("forward", EXAMPLES / name, "--wrt", first_leaf(name)), "tangent"),
    ):
        text, doc = both(*args)
        header, _, rows = table(text)
        assert header == ["id", "op", "label", "value", key]
        assert len(rows) == len(doc["nodes"])
        for r in rows:
            node = doc["nodes"][r[0].strip()]
            for j, field in ((3, "value"), (4, key)):
                assert readable(r[j]), r
                v = node[field]
                assert r[j].strip() == text_number(float(v)), (r, v)  # (JSON: every digit)
        points_line_up(rows, 3)
        points_line_up(rows, 4)


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_gradcheck_and_hessian_tables_are_readable(name):
    text, doc = both("gradcheck", EXAMPLES / name)
    assert f"= {text_number(float(doc['value']))} for the" in text.splitlines()[0]
    _, _, rows = table(text)
    assert [r[0].strip() for r in rows] == [x["id"] for x in doc["leaves"]]
    for r, x in zip(rows, doc["leaves"]):
        assert r[2].strip() == text_number(float(x["analytic"])) and readable(r[2])
        assert r[3].strip() == text_number(float(x["numeric"])) and readable(r[3])
    for j in (2, 3, 4, 5):
        points_line_up(rows, j)
    text, doc = both("hessian", EXAMPLES / name)
    header, _, rows = table(text)
    # the table names the leaves as the app does (trial 48), the JSON by id
    named = shown_names(fileio.load(EXAMPLES / name), doc["leaves"])
    leaves = [named[n] for n in doc["leaves"]]
    for r in rows:
        i = leaves.index(r[0].strip())
        assert r[1].strip() == text_number(float(doc["gradient"][i]))
        for j, leaf in enumerate(header[2:], 2):
            assert r[j].strip() == text_number(float(doc["hessian"][i][leaves.index(leaf)]))
    for j in range(1, len(header)):
        points_line_up(rows, j)


def test_the_json_keeps_every_digit_the_table_rounds():
    """tanh(0.8813735870195432) is 0.7071067811865477 to the last digit in
    the JSON (the spec's contract), 0.707107 in the table; its gradients
    0.4999999999999998, 0.5."""
    text, doc = both("backward", EXAMPLES / "neuron_tanh.mgraph")
    r = run("backward", EXAMPLES / "neuron_tanh.mgraph", "--json")
    assert '"value": 0.7071067811865477' in r.stdout and '"grad": 0.4999999999999998' in r.stdout
    assert r.stdout == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    rows = {r[0].strip(): r for r in table(text)[2]}
    assert rows["o"][3].strip() == "0.707107" and rows["n"][4].strip() == "0.5"
    assert "0.4999999999999998" not in text and "0.7071067811865477" not in text


def test_nonfinite_numbers_and_negative_zeros_are_words_and_zeros(tmp_path):
    """log(0) = -inf, 0/0 = nan, 1/0 = inf; -0.0 (0 × -1) is 0.0 in the
    table and -0.0 in the JSON."""
    p = write(
        tmp_path,
        [
            ("z", "leaf", {"value": 0.0}),
            ("one", "leaf", {"value": 1.0}),
            ("m", "leaf", {"value": -1.0}),
            ("lz", "log", {}),
            ("q", "div", {}),
            ("r", "div", {}),
            ("nz", "mul", {}),
            ("s", "add", {}),
            ("t", "add", {}),
            ("u", "add", {}),
        ],
        [
            ("z", "lz", 0),
            ("z", "q", 0),
            ("z", "q", 1),
            ("one", "r", 0),
            ("z", "r", 1),
            ("z", "nz", 0),
            ("m", "nz", 1),
            ("lz", "s", 0),
            ("q", "s", 1),
            ("r", "t", 0),
            ("nz", "t", 1),
            ("s", "u", 0),
            ("t", "u", 1),
        ],
    )
    text, doc = both("backward", p)
    rows = {r[0].strip(): r for r in table(text)[2]}
    assert rows["lz"][3].strip() == "-inf" and rows["q"][3].strip() == "nan" and rows["r"][3].strip() == "inf"
    assert doc["nodes"]["nz"]["value"] == -0.0 and math.copysign(1, doc["nodes"]["nz"]["value"]) < 0
    assert rows["nz"][3].strip() == "0.0"
    assert (doc["nodes"]["lz"]["value"], doc["nodes"]["q"]["value"]) == ("-inf", "nan")
    assert all(readable(r[j]) for r in rows.values() for j in (3, 4))
    points_line_up(list(rows.values()), 3)
    points_line_up(list(rows.values()), 4)
    assert "-0.0" not in text


def test_train_and_fit_print_their_losses_readably(tmp_path):
    """``train`` and ``fit`` print a loss a step, read by eye as the tables
    are: the readable form of the JSON's number of the same step."""
    text, doc = both("train", EXAMPLES / "neuron_tanh.mgraph", "--steps", "4")
    steps = [ln for ln in text.splitlines() if ln.startswith("step ")]
    assert len(steps) == len(doc["history"]) == 5
    for ln, v in zip(steps, doc["history"]):
        shown = ln.rsplit("= ", 1)[1]
        assert shown == text_number(v) and readable(shown), ln
    assert any(len(repr(v)) > len(text_number(v)) for v in doc["history"])  # (some were rounded)
    data = tmp_path / "d.csv"
    data.write_text("x1,x2,y\n1,2,1\n-1,-2,-1\n0.5,-1,1\n-2,1,-1\n", encoding="utf-8")
    text, doc = both("fit", data, "--layers", "3", "--steps", "4")
    header, _rule, rows = table(text)
    assert header[:3] == ["step", "lr", "loss"]
    assert [r[2].strip() for r in rows] == [text_number(v) for v in doc["loss"]]
    assert all(readable(r[2]) for r in rows)
    points_line_up(rows, 2)
