"""``python main.py template neuron|mlp [--one-point] -o FILE``: the graphs
Learn › Insert Neuron and Insert MLP build, groups included, written to a
file, for teachers who script their material."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from core.cli.outputs import check_graph_output, writing, written
from core.cli.registry import UsageError, command
from core.explain.words import counted
from core.learn.templates import ACTIVATIONS

if TYPE_CHECKING:
    from core.graph.model import GraphModel


#: what ``template`` writes
KINDS = ("neuron", "mlp")


def _args(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Write the graph Learn › Insert Neuron or Insert MLP builds in an empty window "
        "(the lecture's neuron, or MLP(3, [4, 4, 1]) with its loss on the lecture's four data points)."
    )
    # (not argparse's choices: "argument kind: invalid choice" named an inner
    # name, and MLP in capitals is the same template: trial 50)
    p.add_argument("kind", metavar="{neuron,mlp}", help="which template (neuron or mlp)")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the .mgraph file to write ('-': standard output)",
    )
    p.add_argument("--one-point", action="store_true", help="mlp: on the first data point only")
    p.add_argument(
        "--activation",
        choices=ACTIVATIONS,
        default="tanh",
        help="the neurons' nonlinearity (default: tanh, the lecture's)",
    )


def build(kind: str, one_point: bool = False, activation: str = "tanh") -> GraphModel:
    """The model the app's Insert Neuron / Insert MLP makes in an empty window."""
    from core.graph.model import GraphModel
    from core.learn import templates

    if kind == "neuron":
        t = templates.neuron(2, activation)
    else:
        k = 1 if one_point else len(templates.LECTURE_XS)
        t = templates.mlp(3, (4, 4, 1), templates.LECTURE_XS[:k], templates.LECTURE_YS[:k], activation)
    m = GraphModel()
    placed = templates.placed(t, m, (0.0, 0.0))
    templates.insert(m, placed)
    m.set_output(placed.output)
    return m


@command("template", _args, "write the app's neuron or MLP template to a graph file")
def run_template(args: argparse.Namespace) -> int:
    import sys

    from core.files import fileio

    kind = args.kind.strip().lower()
    if kind not in KINDS:
        raise UsageError(f"template: choose neuron or mlp, not {args.kind!r}")
    if args.one_point and kind != "mlp":  # (it was silently ignored: a trial)
        raise UsageError("--one-point is for mlp only (the neuron has no data points)")
    replaced = args.output != "-" and check_graph_output(args.output)  # (a missing folder: said first)
    model = build(kind, args.one_point, args.activation)
    if args.output == "-":  # piped on, as `import -o -` does
        sys.stdout.write(fileio.dumps(model))
        return 0
    with writing(args.output):
        fileio.save(model, args.output)
    k = len(model.groups)
    print(f"{written(args.output, replaced)}: {counted(len(model), 'node')}, {counted(k, 'group')}")
    return 0
