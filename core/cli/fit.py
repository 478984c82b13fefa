"""``python main.py fit DATA.csv --layers 16,16 ...``: micrograd's demo, headless.

Section 4 of the spec: the numbers are those of micrograd's own demo loop
step for step (``tests/test_fit.py`` compares them with the micrograd package).
"""

from __future__ import annotations

import argparse
import math

from core.cli.registry import command, json_number, print_json, print_table, text_number
from core.explain.words import counted


def _layers(text: str) -> list[int]:
    parts = [p.strip() for p in text.split(",")]
    if text.strip() == "":
        return []  # no hidden layer: a linear classifier
    try:
        sizes = [int(p) for p in parts]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--layers takes hidden layer sizes such as 16,16, not {text!r}"
        ) from None
    if any(k < 1 or k > 4096 for k in sizes):
        raise argparse.ArgumentTypeError(f"--layers: each size must be from 1 to 4096, not {text!r}")
    return sizes


def _count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--steps must be a whole number, not {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"--steps must be 0 or more, not {n}")
    return n


def _finite(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        v = math.nan
    if not math.isfinite(v):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return v


def _fit_args(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Train MLP(nin, LAYERS + [1]) on a CSV data set exactly as micrograd's demo does: "
        "full batch, loss = mean(relu(1 - y*score)) + l2 * sum(p^2), "
        "lr = lr_start - (lr_start - lr_end) * k / steps."
    )
    p.add_argument("data", metavar="DATA.csv", help="a header row, then inputs and a -1/1 label per row")
    p.add_argument(
        "--layers", type=_layers, required=True, metavar="SIZES", help="hidden layer sizes, e.g. 16,16"
    )
    p.add_argument("--steps", type=_count, default=100, metavar="N", help="training steps (default 100)")
    p.add_argument("--seed", type=int, default=1337, help="random.seed for the weights (default 1337)")
    p.add_argument("--l2", type=_finite, default=1e-4, help="L2 regularisation strength (default 1e-4)")
    p.add_argument("--lr-start", type=_finite, default=1.0, help="learning rate at step 0 (default 1.0)")
    p.add_argument("--lr-end", type=_finite, default=0.1, help="learning rate it falls towards (default 0.1)")
    p.add_argument("--json", action="store_true", help="print one JSON document")


@command("fit", _fit_args, "train micrograd's demo classifier on a CSV of data")
def run_fit(args: argparse.Namespace) -> int:
    from core.learn.data import read_csv
    from core.learn.fit import fit, learning_rate

    data = read_csv(args.data)
    r = fit(data, args.layers, args.steps, args.seed, args.l2, args.lr_start, args.lr_end)
    if args.json:
        print_json(
            {
                "loss": [json_number(v) for v in r.loss],
                "accuracy": r.accuracy,
                "parameters": r.parameters,
                "seconds": r.seconds,
            }
        )
        return 0
    sizes = ", ".join(map(str, [*args.layers, 1]))
    print(
        f"MLP({data.nin}, [{sizes}]): {counted(r.parameters, 'parameter')}, {counted(len(data), 'example')}, "
        f"{counted(args.steps, 'step')} in {r.seconds:.3f} s"
    )
    print_table(
        ("step", "lr", "loss", "accuracy"),
        [
            (str(k), f"{rate:.4g}", text_number(v), f"{a:.0%}")
            for k, (v, a) in enumerate(zip(r.loss, r.accuracy))
            for rate in [learning_rate(k, args.steps, args.lr_start, args.lr_end)]
        ],
        left=set(),
        points={2},
    )
    return 0
