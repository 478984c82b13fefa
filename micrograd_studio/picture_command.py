"""``picture FILE -o OUT``: the app's pictures made from the command line
(a teacher's script writes a lesson's slides). Registered with the headless
commands; Qt is started only when it runs, on its offscreen platform, so it
needs no display (gui/window/picture_script.py does the drawing)."""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import sys
import tempfile
from typing import TYPE_CHECKING

from core.cli.outputs import check_output
from core.cli.outputs import written as wrote
from core.cli.registry import (
    STDIN,
    UsageError,
    about,
    command,
    named_ids,
    shown_name,
    stdin_text,
    terminal_safe,
)
from core.explain.words import counted
from core.files import fileio
from core.graph.backward import backward
from core.graph.errors import GraphError, UnknownNodeError
from core.graph.roots import model_labels, not_found

if TYPE_CHECKING:  # (the headless commands import no graph library they do not use: test_headless_lean.py)
    from core.graph.model import GraphModel


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file",
        metavar="FILE",
        help="a graph file (or a picture carrying one), or - to read one from standard input "
        "(import … -o - | picture - -o NAME.png)",
    )
    p.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="the picture to write: NAME.png or NAME.svg"
    )
    when = p.add_mutually_exclusive_group()
    when.add_argument(
        "--step",
        type=int,
        metavar="N",
        help="the pass (Backward, or --wrt's) at step N, its sentence as a caption",
    )
    when.add_argument(
        "--end", action="store_true", help="the pass finished: every gradient (with --wrt: every tangent)"
    )
    when.add_argument(
        "--steps",
        action="store_true",
        help="a PNG of every step but a leaf's own, as Export Every Step: NAME-01.png, NAME-02.png, …",
    )
    p.add_argument(
        "--root",
        metavar="ID",
        help="the node Backward starts from (id, or a label one node has; default: the graph's output, "
        "or its one end)",
    )
    p.add_argument(
        "--wrt",
        metavar="ID",
        help="draw forward mode from this leaf instead, as Backward › Forward Mode shows it: "
        "d(node)/d(ID) (id, or a label one node has; with --step N, --end or --steps)",
    )
    p.add_argument("--no-marks", action="store_true", help="leave out a group's ▾, param tags, done rings")
    p.add_argument("--transparent", action="store_true", help="a transparent background (else white)")


@command(
    "picture",
    _args,
    "a PNG or SVG of a graph, or of its Backward pass (or forward mode's, --wrt ID) at a step "
    "(--step N, --end, --steps)",
)
def run(args: argparse.Namespace) -> int:
    kind = os.path.splitext(args.output)[1].lstrip(".").lower()
    if kind not in ("png", "svg"):
        raise UsageError(f"{args.output!r}: a picture's name ends in .png or .svg")
    if args.steps and kind != "png":
        raise UsageError("--steps writes PNG pictures: name them NAME.png")
    at = "steps" if args.steps else "end" if args.end else args.step
    if args.root is not None and args.wrt is not None:
        raise UsageError("--root is where Backward starts, --wrt the leaf forward mode starts from: give one")
    for given, what in ((args.root, "--root chooses where a pass starts"), (args.wrt, "--wrt draws a pass")):
        if given is not None and at is None:
            raise UsageError(f"{what}: give --step N, --end or --steps with it")
    check_output(args.output)  # (a missing folder: said before Qt starts)
    before = _there(args.output, args.steps)  # what the pictures may replace, said after
    name = shown_name(args.file)
    piped = stdin_text() if args.file == STDIN else None  # (a picture piped in: the graph inside it)
    # (a bad file is said here, as by the other commands)
    model = fileio.load(args.file) if piped is None else fileio.loads(piped, name)
    args.root, args.wrt = named_ids([args.root, args.wrt], lambda: model_labels(model))
    if len(model) == 0:
        print(
            f"error: {terminal_safe(name)}: the graph has no node, so there is nothing to draw",
            file=sys.stderr,
        )
        return 1
    if args.wrt is not None:
        _forward_runs(model, args.wrt, name)
    elif at is not None:
        root = args.root or model.output or _one_end(model.sinks(), name)
        if root not in model:
            raise UsageError(f"{name}: unknown root {root!r}: {not_found(root, model_labels(model))}")
        with about(name):  # (named as every command names it: trial 74 #6)
            backward(model, root)  # (what Backward would refuse, said here)
    # Qt draws off screen; the app's settings and recovery files go to a folder of its own, removed after
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    config = os.environ["MICROGRAD_STUDIO_CONFIG"] = tempfile.mkdtemp(prefix="micrograd-studio-picture-")
    from gui.canvas.image_export import Look
    from gui.window.picture_script import PictureError, write_pictures

    look = Look(marks=not args.no_marks, transparent=args.transparent)
    file = args.file
    try:
        if piped is not None:  # opened as a file is (a graph named "stdin")
            file = os.path.join(config, "stdin.mgraph")
            with open(file, "w", encoding="utf-8") as f:
                f.write(piped)
        written = write_pictures(file, args.output, kind, args.root, at, look, args.wrt, name=name)
    except PictureError as e:
        print(f"error: {terminal_safe(str(e))}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(config, ignore_errors=True)
    many = f"{len(written)} pictures, {written[0]} … {written[-1]}" if len(written) > 1 else written[0]
    replaced = [p for p in written if os.path.abspath(p) in before]
    if len(written) == 1:
        print(terminal_safe(wrote(written[0], bool(replaced))))
    else:
        over = f" ({counted(len(replaced), 'file')} there replaced)" if replaced else ""
        print(f"wrote {terminal_safe(many)}{over}")
    return 0


def _there(out: str, steps: bool) -> set[str]:
    """The files the pictures of ``out`` may replace, as absolute paths:
    ``out``, and with ``steps`` its numbered pictures (lesson-01.png, …)."""
    found = {os.path.abspath(out)} if os.path.lexists(out) else set()
    if steps:
        stem, ext = os.path.splitext(out)
        found |= {os.path.abspath(p) for p in glob.glob(glob.escape(stem) + "-*" + glob.escape(ext))}
    return found


def _forward_runs(model: GraphModel, wrt: str, name: str) -> None:
    """What Forward Mode would refuse from ``wrt``, said here: no such leaf,
    or a node it reaches that has no value (an empty input)."""
    from core.graph.forward_mode import NotALeafError, forward_mode

    try:
        forward_mode(model, wrt)
    except (UnknownNodeError, NotALeafError) as e:
        raise GraphError(f"{name}: {e}") from None
    except GraphError as e:
        raise GraphError(f"{name}: cannot run forward mode from {wrt!r}: {e}") from None


def _one_end(sinks: list[str], name: str) -> str:
    if len(sinks) == 1:
        return sinks[0]
    shown = ", ".join(sinks[:5]) + (" …" if len(sinks) > 5 else "")
    raise UsageError(
        f"{name}: the graph has {len(sinks)} ends ({shown}): choose the one Backward starts from with --root"
    )
