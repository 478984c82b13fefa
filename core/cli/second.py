"""``python main.py forward FILE --wrt ID [--json]`` and ``python main.py
hessian FILE [--root ID] [--json]``: section 3 of the graph-file spec
(forward mode, and second order by reverse over reverse)."""

from __future__ import annotations

import argparse
import shlex
import shutil

from core.cli.registry import (
    FILE_HELP,
    about,
    command,
    constants_note,
    json_number,
    load,
    named_ids,
    print_json,
    print_table,
    shown_name,
    text_number,
)
from core.explain.names import shown_names
from core.explain.words import counted, the_counted
from core.files import program
from core.graph.roots import model_labels

#: A table wider than this (or than the terminal) is followed by a line suggesting --json.
WIDE = 200


def _forward_args(p: argparse.ArgumentParser) -> None:
    p.description = "Forward mode: carry d(node)/d(ID) from leaf ID through every node that depends on it."
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument(
        "--wrt", metavar="ID", required=True, help="id of the leaf to differentiate with respect to"
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")


@command("forward", _forward_args, "forward mode: every node's derivative with respect to one leaf")
def run_forward(args: argparse.Namespace) -> int:
    from core.graph.forward_mode import forward_mode  # only when this command runs

    model = load(args.file)
    (args.wrt,) = named_ids([args.wrt], lambda: model_labels(model), by_label=False)  # (the spec: ids)
    with about(shown_name(args.file)):
        model.check_complete()
        result = forward_mode(model, args.wrt)
    nodes = {
        n: {
            "op": model.op(n),
            "label": model.label(n),
            "value": result.values[n],
            "tangent": result.tangents[n],
        }
        for n in model.nodes()
    }
    if args.json:
        print_json(
            {
                "wrt": result.wrt,
                "order": result.order,
                "nodes": {
                    n: {**d, "value": json_number(d["value"]), "tangent": json_number(d["tangent"])}
                    for n, d in nodes.items()
                },
            }
        )
        return 0

    # The table: ID and the nodes that depend on it, in the order the tangents
    # ran, then (the spec has every node) the others, apart, so the count matches the rows.
    def row(n: str) -> tuple[str, ...]:
        d = nodes[n]
        return (n, d["op"], d["label"], text_number(d["value"]), text_number(d["tangent"]))

    seen = set(result.order)
    others = [row(n) for n in nodes if n not in seen]
    wrt = shown_names(model, [result.wrt])[result.wrt]  # (x2[1], not its id x1_2: trial 50)
    users = len(result.order) - 1
    print(
        f"forward mode with respect to {wrt!r}: tangent = d(node)/d({wrt}) ("
        + (
            f"{wrt!r} and the {the_counted(users, 'node that depends', 'nodes that depend')} on it, "
            "in the order the tangents ran)"
            if users
            else f"no node depends on {wrt!r})"
        )
    )
    print_table(
        ("id", "op", "label", "value", "tangent"),
        [row(n) for n in result.order],
        left={0, 1, 2},
        points={3, 4},
        parts=[(f"not depending on {wrt!r} ({counted(len(others), 'node')}: tangent 0)", others)],
    )
    return 0


def _hessian_args(p: argparse.ArgumentParser) -> None:
    p.description = (
        "The root's gradient and its second derivatives with respect to every leaf "
        "(reverse over reverse, as PyTorch's double backward)."
    )
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument(
        "--root", metavar="ID", help="node id to differentiate (default: the output, else the single sink)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")


@command("hessian", _hessian_args, "the root's gradient and second derivatives with respect to every leaf")
def run_hessian(args: argparse.Namespace) -> int:
    from core.graph.hessian import hessian, leaf_ids  # only when this command runs
    from core.learn.training import is_trainable

    model = load(args.file)
    (args.root,) = named_ids([args.root], lambda: model_labels(model), by_label=False)  # (the spec: ids)
    every = leaf_ids(model)
    with about(shown_name(args.file)):
        model.check_complete()
        root = model.resolve_root(args.root, by_id=True)  # (an unknown one said with the ids there are)
        if args.json:  # (every leaf of the file, as the spec says)
            res = hessian(model, root)
        else:  # the table: the leaves in the root's past (the others' rows and columns are all 0)
            past = model.past(root)
            res = hessian(model, root, [n for n in every if n in past])
    if args.json:
        print_json(
            {
                "root": res.root,
                "leaves": res.leaves,
                "gradient": [json_number(g) for g in res.gradient],
                "hessian": [[json_number(h) for h in row] for row in res.hessian],
            }
        )
        return 0
    shown = res.leaves
    others = len(every) - len(shown)
    name = shown_names(model, [res.root, *shown])
    held = [(name[n], model.label(n)) for n in shown if not is_trainable(model, n)]
    print(
        f"gradient and Hessian of {name[res.root]!r} with respect to the "
        f"{the_counted(len(shown), 'leaf', 'leaves')} "
        f"it depends on{constants_note(held)}"
        + (
            f"; the file's other {the_counted(others, 'leaf does', 'leaves do')} not affect it (all 0)"
            if others
            else ""
        )
    )
    width = print_table(
        ("leaf", "gradient", *(name[n] for n in shown)),
        [
            (name[n], text_number(g), *map(text_number, row))
            for n, g, row in zip(shown, res.gradient, res.hessian)
        ],
        left={0},
        points=range(1, 2 + len(shown)),
    )
    if width > min(shutil.get_terminal_size((WIDE, 24)).columns, WIDE):
        root = f" --root {shlex.quote(args.root)}" if args.root else ""
        again = f"{program.command()} hessian {shlex.quote(args.file)}{root} --json"
        print(
            f"\n(the table is {width} characters wide: '{again}' "
            "gives the same numbers as one JSON document, the leaves by id)"
        )
    return 0
