"""Headless ``import`` and ``export`` commands (registered with core.cli.commands).

    python main.py import EXPR_OR_FILE -o OUT.mgraph [--value NAME=NUMBER ...] [--data NAMES]
    python main.py export FILE --to python|torch|dot|lecture [-o OUT] [--root ID]

No Qt here. Failures raise GraphError (or OSError), which core.cli.commands prints
as one ``error:`` line with a non-zero exit.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path

from core.cli.outputs import check_graph_output, check_output, writing, written
from core.cli.registry import FILE_HELP, about, command, load, named_ids, shown_name, terminal_safe
from core.code import codeout
from core.code.codegraph import DEFAULT_LEAF_VALUE, CodeError
from core.code.codein import MAX_CODE_CHARS
from core.explain.format import decimal_comma
from core.explain.words import counted
from core.files import fileio, program
from core.files.reading import read_limited
from core.files.text_check import not_utf8
from core.graph.errors import GraphError
from core.graph.roots import model_labels
from core.learn import roles
from core.learn.lecture_code import to_lecture


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "source",
        metavar="EXPR_OR_FILE",
        help="a formula such as 'L = (a*b + c) * f', a file of micrograd-style Python, "
        "or - to read standard input",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT.mgraph",
        required=True,
        help="the graph file to write (- for standard output)",
    )
    p.add_argument(
        "--value",
        metavar="NAME=NUMBER",
        action="append",
        default=[],
        help="a value for a leaf the text gives none (repeatable)",
    )
    p.add_argument(
        "--data",
        metavar="NAMES",
        action="append",
        default=[],
        help="comma-separated leaves to mark as data (inputs, targets): Train leaves them alone",
    )


def _read_source(source: str) -> tuple[str, str]:
    """(text, name for messages): a file if one exists by that name, else the text itself."""
    if source == "-":
        return sys.stdin.read(MAX_CODE_CHARS + 1), "<stdin>"  # more is refused, not cut
    path = Path(source)
    try:
        is_file = len(source) < 4096 and "\n" not in source and path.is_file()
    except OSError:
        is_file = False
    if is_file:
        try:
            data, _ = read_limited(path, limit=4 * MAX_CODE_CHARS)  # UTF-8: up to 4 bytes a character
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise GraphError(f"{source}: {not_utf8(e)}") from None
        if path.suffix.lower() == ".mgraph" or text.lstrip().startswith(
            "{"
        ):  # (a trial: "a dict is not supported")
            raise GraphError(
                f"{source} is a graph file already, not a formula or code: give it to backward, "
                f"picture or export (its code: export {source} --to python)"
            )
        return text, source
    if re.fullmatch(r"[\w./\\~-]+\.(py|txt|ipy|mgraph)", source):  # meant as a file name
        raise GraphError(f"{source}: no such file")
    return source, "expression"


def _parse_values(items: list[str]) -> dict[str, float]:
    values = {}
    for item in items:
        name, sep, num = item.partition("=")
        try:
            v = float(num)
        except ValueError:
            v = None
        if not sep or not name.strip() or v is None or not math.isfinite(v):
            point = decimal_comma(num)
            if sep and name.strip() and point:  # 0,7: trial 50
                raise GraphError(f"--value {item!r}: use a decimal point: --value {name.strip()}={point}")
            raise GraphError(f"--value {item!r}: write NAME=NUMBER with a finite number, e.g. --value a=2.0")
        values[name.strip()] = v
    return values


def _write(path: str, text: str) -> None:
    with writing(path):
        fileio.write_atomic(path, text.encode("utf-8"))


@command("import", _import_args, "a formula or micrograd-style Python turned into a graph file")
def run_import(args: argparse.Namespace) -> int:
    text, where = _read_source(args.source)
    values = _parse_values(args.value)
    replaced = args.output != "-" and check_graph_output(args.output)
    with about(where):
        from core.code import codeadd  # builds a model: networkx, only for this command

        try:
            model, plan = codeadd.import_code(text, values)
        except CodeError as e:  # micrograd's nn: the template command builds it here
            if way := e.template:
                raise GraphError(f"{e}; from the command line: {program.command()} {way} -o FILE") from None
            raise
    marked = roles.mark_data_named(model, args.data)
    if args.output == "-":
        sys.stdout.write(fileio.dumps(model))
    else:
        _write(args.output, fileio.dumps(model))
        out = f", output {model.label(model.output)!r}" if model.output else ""
        groups = f", {counted(len(model.groups), 'group')}" if len(model.groups) else ""
        data = f"; data (not trained): {terminal_safe(roles.names(model, marked))}" if marked else ""
        print(
            f"{written(args.output, replaced)}: {counted(len(model), 'node')}, "
            f"{counted(len(model.edges()), 'edge')}{groups}{out}{data}"
        )
    for note in plan.notes:  # a group comment read as a plain one
        print(f"note: skipped {note}", file=sys.stderr)
    if "draw_dot" in text:  # the lecture's cells end with draw_dot(o): read, not done
        from core.code.codenotes import read_notes

        if drawn := read_notes(text).drawn:
            print(f"note: skipped {_drawn_note(drawn, args.output)}", file=sys.stderr)
    if plan.needs_value:
        names = terminal_safe(roles.names(model, plan.needs_value))  # (10,000 of them: 80 KB, trial 58)
        print(
            f"note: no value given for {names}; set to {DEFAULT_LEAF_VALUE} "
            f"(give {'it' if len(plan.needs_value) == 1 else 'them'} with --value NAME=NUMBER "
            "or a line such as 'a = 2.0')",
            file=sys.stderr,
        )
    return 0


def _drawn_note(drawn: list[str], output: str) -> str:
    """What a skipped ``draw_dot(o)`` is told: where the graph's picture is."""
    what = drawn[-1] if len(drawn) == 1 else f"{drawn[-1]} ×{len(drawn)}"
    if output == "-":
        return f"{what} (the app draws the graph)"
    png = str(Path(output).with_suffix(".png"))
    return f"{what}: open {output} in the app to see the graph, or draw it with 'picture {output} -o {png}'"


#: --to's choices: the flat ones, and the lecture's code of an MLP made by Insert MLP
EXPORTERS = {**codeout.EXPORTERS, "lecture": to_lecture}


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument(
        "--to",
        required=True,
        choices=sorted(EXPORTERS),
        help="python: a script using this project's Value that asserts every gradient; "
        "torch: PyTorch code that prints them; dot: Graphviz in draw_dot's style; "
        "lecture: a graph made by 'template mlp' (Insert MLP) as the lecture's Neuron, Layer and MLP "
        "classes with its weights, checking every gradient",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument(
        "--root",
        metavar="ID",
        help="node to run backward from (id, or a label one node has; "
        "default: the output, else the single sink)",
    )


@command("export", _export_args, "a graph as Python, PyTorch or Graphviz code, an MLP as the lecture's")
def run_export(args: argparse.Namespace) -> int:
    to_file = bool(args.output) and args.output != "-"
    replaced = to_file and check_output(args.output)
    model = load(args.file)
    (args.root,) = named_ids([args.root], lambda: model_labels(model))
    with about(shown_name(args.file)):
        text = EXPORTERS[args.to](model, args.root)
    if to_file:
        _write(args.output, text)
        # said as template, import and picture say it (trial 50: export alone was silent)
        print(terminal_safe(written(args.output, replaced)))
    else:
        sys.stdout.write(text)
    return 0
