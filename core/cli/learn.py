"""Headless learning commands: ``python main.py gradcheck FILE`` and ``train FILE``.

Exit status: 0 when every gradient agrees with its finite difference, 1 when
one does not (and, as for every command, 1 with one ``error:`` line on a bad
file or root, 2 on bad usage).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from core.cli.outputs import check_graph_output, writing
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
    terminal_safe,
    text_number,
)
from core.explain.names import shown_names
from core.explain.words import counted, the_counted
from core.graph.errors import GraphError
from core.graph.roots import model_labels
from core.learn import roles
from core.learn.gradcheck import DEFAULT_ATOL, DEFAULT_H, DEFAULT_RTOL, gradient_check
from core.learn.training import is_trainable

if TYPE_CHECKING:
    from core.graph.model import GraphModel


def _gradcheck_args(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Compare each leaf's gradient from backward with a central finite difference "
        "(f(x+s) - f(x-s)) / 2s, where the step s = H * max(1, |x|) for a leaf of value x."
    )
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument(
        "--root",
        metavar="ID",
        help="node to differentiate (id, or a label one node has; default: the output, else the single sink)",
    )
    p.add_argument(
        "--leaves",
        metavar="IDS",
        help="comma-separated leaves to check, by id or by a label one leaf has "
        "(default: every leaf the root depends on)",
    )
    p.add_argument(
        "--h",
        type=float,
        default=DEFAULT_H,
        metavar="H",
        help=f"finite-difference step: a leaf of value x moves by ±H * max(1, |x|) (default {DEFAULT_H:g})",
    )
    p.add_argument(
        "--rtol",
        type=float,
        default=DEFAULT_RTOL,
        help=f"relative error that passes (default {DEFAULT_RTOL:g})",
    )
    p.add_argument(
        "--atol",
        type=float,
        default=DEFAULT_ATOL,
        help=f"absolute error that passes (default {DEFAULT_ATOL:g})",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")


@command("gradcheck", _gradcheck_args, "compare each leaf's gradient with a finite difference")
def run_gradcheck(args: argparse.Namespace) -> int:
    model = load(args.file)
    leaves = None
    if args.leaves is not None:
        leaves = [s.strip() for s in args.leaves.split(",") if s.strip()]
    args.root, *chosen = named_ids([args.root, *(leaves or ())], lambda: model_labels(model))
    if leaves is not None:
        leaves = [n for n in chosen if n]
    with about(shown_name(args.file)):
        model.check_complete()
        res = gradient_check(model, args.root, leaves, args.h, args.rtol, args.atol)
    if args.json:
        print_json(
            {
                "root": res.root,
                "value": json_number(res.value),
                "h": res.h,
                "rtol": res.rtol,
                "atol": res.atol,
                "ok": res.ok,
                "leaves": [
                    {
                        "id": r.node,
                        "label": r.label,
                        "analytic": json_number(r.analytic),
                        "numeric": json_number(r.numeric),
                        "abs_error": json_number(r.abs_err),
                        "rel_error": json_number(r.rel_err),
                        "ok": r.ok,
                        "note": r.note,
                    }
                    for r in res.rows
                ],
            }
        )
        return 0 if res.ok else 1
    which = "chosen" if leaves is not None else "it depends on"
    # named as the canvas and `hessian` name them (x2[1], not its id x1_2: trial 50)
    name = shown_names(model, [res.root, *(r.node for r in res.rows)])
    held = [(name[r.node], model.label(r.node)) for r in res.rows if not is_trainable(model, r.node)]
    print(
        f"gradient check of {name[res.root]!r} = {text_number(res.value)} "
        f"for the {the_counted(len(res.rows), 'leaf', 'leaves')} "
        f"{which}{constants_note(held)}"
    )
    print(
        f"central difference with step h × max(1, |x|), h = {res.h:g} "
        f"(passes when abs error <= {res.atol:g} or rel error <= {res.rtol:g})"
    )
    print_table(
        ("id", "label", "analytic", "numeric", "abs error", "rel error", ""),
        [
            (
                r.node,
                r.label,
                text_number(r.analytic),  # (6 digits: the errors say how far apart they are)
                text_number(r.numeric),
                f"{r.abs_err:.3g}",
                f"{r.rel_err:.3g}",
                f"{'ok' if r.ok else 'FAIL'} {r.note}".rstrip(),
            )
            for r in res.rows
        ],
        left={0, 1, 6},
        points={2, 3, 4, 5},
        rule_columns=-1,
    )
    bad = [r for r in res.failures if r.checkable]
    unchecked = [r for r in res.failures if not r.checkable]  # (nan, inf: no difference to measure)
    if not res.rows:
        print("no leaves to check")
    elif res.failures:
        n = len(res.rows)
        said = [
            f"{'the gradient' if n == 1 else f'{len(rows)} of {n} gradients'} {what}: "
            + terminal_safe(", ".join(name[r.node] for r in rows))
            for rows, what in (
                (bad, f"{'disagrees' if len(bad) == 1 else 'disagree'} with the finite difference"),
                (unchecked, "could not be checked"),
            )
            if rows
        ]
        print("FAILED: " + "; ".join(said))
    else:
        print("the gradient agrees" if len(res.rows) == 1 else f"all {len(res.rows)} gradients agree")
    return 0 if res.ok else 1


# --------------------------------------------------------------------- train
def _train_args(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Gradient descent on the root: each step runs backward and moves every "
        'parameter (leaf not marked "trainable": false) by -lr x grad. It names the leaves it moves, '
        "and warns (on stderr) when some look like data: a leaf subtracted from a prediction, as a "
        "target is, or one named like data (x, y, x1, y_2, target...). --data keeps them still."
    )
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument(
        "--root",
        metavar="ID",
        help="node to minimise (id, or a label one node has; default: the output, else the single sink)",
    )
    p.add_argument("--steps", type=int, default=20, metavar="N", help="number of steps (default 20)")
    p.add_argument("--lr", type=float, default=0.05, metavar="RATE", help="learning rate (default 0.05)")
    p.add_argument(
        "--out", metavar="OUT.mgraph", help="save the trained graph to OUT.mgraph (may be FILE itself)"
    )
    p.add_argument(
        "--data",
        metavar="NAMES",
        action="append",
        default=[],
        help="comma-separated leaves (labels or ids) to mark as data first: not trained, "
        "and saved so in OUT.mgraph",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")


@command("train", _train_args, "gradient descent: every trainable leaf moved by -lr x grad, step by step")
def run_train(args: argparse.Namespace) -> int:
    from core.files import fileio
    from core.learn.training import Trainer, apply_values

    if args.steps < 0:
        raise GraphError(f"--steps must be 0 or more, not {args.steps}")
    replaced = bool(args.out) and check_graph_output(args.out)  # (a missing folder: said before training)
    model = load(args.file)
    (args.root,) = named_ids([args.root], lambda: model_labels(model))
    with about(shown_name(args.file)):
        marked = roles.mark_data_named(model, args.data)
        moving = roles.moves(model, args.root)
        warn_data(model, moving)  # (before the run, which may stop with an error)
        tr = Trainer(model, args.lr, args.root)
        for _ in range(args.steps):  # stop a run that is running away, as the Train dock does
            tr.step()
            stopped = tr.divergence()
            if stopped:
                raise GraphError(f"stopped at step {tr.steps}: {stopped} Nothing was saved.")
    apply_values(model, tr.values())
    if args.out:
        with writing(args.out):
            fileio.save(model, args.out)
    if args.json:
        print_json(
            {
                "root": tr.root,
                "steps": tr.steps,
                "lr": tr.lr,
                "history": [json_number(v) for v in tr.history],
                "parameters": {p: json_number(v) for p, v in tr.values().items()},
                "marked_as_data": marked,
                "looks_like_data": moving.data_like,
            }
        )
        return 0
    root = shown_names(model, [str(tr.root)])[str(tr.root)]  # (as the canvas names it)
    print(
        f"training {root!r}: {counted(len(tr.params), 'parameter')}, {counted(tr.steps, 'step')}, "
        f"learning rate {tr.lr:g}"
    )
    if marked:
        print(f"marked as data (not trained): {terminal_safe(roles.names(model, marked))}")
    if tr.params:
        print(f"moves: {terminal_safe(roles.names(model, tr.params))}")
    for i, v in enumerate(tr.history):
        print(f"step {i:>5}  {terminal_safe(root)} = {text_number(v)}")
    if args.out:
        print(f"saved to {args.out}" + (" (replacing what was there)" if replaced else ""))
    return 0


def warn_data(model: GraphModel, moving: roles.Moves) -> None:
    """On stderr: the moved leaves that look like data, and how to keep them still
    (the first few named; ``--json`` lists every one as ``looks_like_data``)."""
    data = moving.data_like
    if not data:
        return
    why = terminal_safe(roles.why_data(model, moving))
    suggested = terminal_safe(roles.data_names(model, data))
    every = (
        f". train --json lists all {len(data)} by id, as looks_like_data" if len(data) > roles.SHOWN else ""
    )
    print(
        f"warning: training moves leaves that look like data: {why}. "
        f"To keep them still, mark them as data: --data {suggested} "
        f"(or in the app: select them, untick Learn > Parameter (Trainable)){every}",
        file=sys.stderr,
    )
