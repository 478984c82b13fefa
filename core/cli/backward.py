"""``python main.py backward FILE [--root ID] [--json]``: the public contract
of section 2 of the graph-file spec."""

from __future__ import annotations

import argparse

from core.cli.registry import about, command, json_number, load, print_json, print_table
from core.graph.backward import backward


def _backward_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE", help="a .mgraph graph file")
    p.add_argument(
        "--root", metavar="ID", help="node to start from (default: the output, else the single sink)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")


@command("backward", _backward_args)
def run_backward(args: argparse.Namespace) -> int:
    model = load(args.file)
    with about(args.file):
        model.check_complete()
        result = backward(model, args.root)
    nodes = {}
    for n in model.nodes():
        nodes[n] = {
            "op": model.op(n),
            "label": model.label(n),
            "value": result.values[n],
            "grad": result.grads[n],
        }
    if args.json:
        print_json(
            {
                "root": result.root,
                "order": result.order,
                "nodes": {
                    n: {**d, "value": json_number(d["value"]), "grad": json_number(d["grad"])}
                    for n, d in nodes.items()
                },
            }
        )
        return 0
    rank = {n: i for i, n in enumerate(result.order)}
    rows = sorted(nodes, key=lambda n: rank.get(n, len(rank)))
    print(
        f"backward from {result.root!r} ({len(result.order)} nodes in its past, "
        f"in the order the chain rule ran)"
    )
    print_table(
        ("id", "op", "label", "value", "grad"),
        [(n, d["op"], d["label"], repr(d["value"]), repr(d["grad"])) for n in rows for d in [nodes[n]]],
        left={0, 1, 2},
    )
    return 0
