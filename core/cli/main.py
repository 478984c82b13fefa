"""The headless command line: ``python main.py COMMAND ...``.

Nothing here imports Qt, so it starts fast and runs on machines without a
display. Every failure is one ``error:`` line on stderr and a non-zero exit.
The commands register themselves with :func:`core.cli.registry.command`
when their modules are imported below, in the order ``--help`` lists them.
"""

from __future__ import annotations

import argparse
import sys

# Each command module registers its commands when it is imported.
import core.cli.backward
import core.cli.code
import core.cli.examples
import core.cli.fit
import core.cli.learn
import core.cli.second
import core.cli.templates  # noqa: F401
from core.cli.registry import COMMANDS, SUMMARIES, UsageError, terminal_safe
from core.cli.stdout import StdoutError, quiet
from core.graph.errors import FileFormatError, GraphError


class _Parser(argparse.ArgumentParser):
    #: A command's own parser: its usage line goes with its errors.
    own_usage = False

    def __init__(self, *a, **k) -> None:
        super().__init__(*a, **k)
        self.commands: dict[str, _Parser] = {}  # (the top's: each command's own parser)

    def usage_line(self) -> str:
        return " ".join(self.format_usage().removeprefix("usage:").split())

    def error(self, message: str):  # one line, no usage dump
        raise UsageError(message, self.usage_line() if self.own_usage else None)


def build_parser(prog: str = "python main.py") -> _Parser:
    p = _Parser(prog=prog, description="micrograd-studio headless commands")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, (add_arguments, _) in COMMANDS.items():
        one = p.commands[name] = sub.add_parser(name, help=SUMMARIES[name])
        one.own_usage = True  # (a "template FILE" usage line, a trial: template takes a kind)
        add_arguments(one)
        if one.description is None:  # the line --help gives it, said in a sentence
            one.description = SUMMARIES[name][:1].upper() + SUMMARIES[name][1:] + "."
    return p


def main(argv: list[str] | None = None, prog: str = "python main.py") -> int:
    """Run one command; ``prog`` is how the user called us (``micrograd-studio-cli``
    when installed), for the usage lines."""
    parser = build_parser(prog)
    args = None
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # found by the top parser, but the command's own usage line says what it takes
            raise UsageError(
                f"unrecognized arguments: {' '.join(extra)}", parser.commands[args.command].usage_line()
            )
        return COMMANDS[args.command][1](args)
    except UsageError as e:
        usage = e.args[1] if len(e.args) > 1 else None
        if usage is None and args is not None:  # refused by the command itself: its usage line
            usage = parser.commands[args.command].usage_line()
        usage = usage or f"{prog} {'|'.join(COMMANDS)} FILE ..."
        said = f"{e.args[0]}{_dash_hint(sys.argv[1:] if argv is None else argv, prog)}"
        print(f"error: {terminal_safe(said)} (usage: {terminal_safe(usage)})", file=sys.stderr)
        return 2
    except FileFormatError as e:  # (a Python file given for a graph: the command that reads it)
        print(f"error: {_one_line(e.headless or e)}", file=sys.stderr)
        return 1
    except GraphError as e:
        print(f"error: {_one_line(e)}", file=sys.stderr)
        return 1
    except StdoutError:  # said once, by stdout.guarded, which runs the command
        raise
    except BrokenPipeError:  # e.g. `... | head`: stop quietly
        try:
            quiet(sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except (OSError, UnicodeError) as e:
        print(f"error: {_one_line(e)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - a bug must still be one line, not a traceback
        print(f"error: unexpected {type(e).__name__}: {_one_line(e)}", file=sys.stderr)
        return 1


def _one_line(e: BaseException | str) -> str:
    return terminal_safe(" ".join(str(e).split()) or type(e).__name__)


def _dash_hint(argv: list[str], prog: str) -> str:
    """A formula that starts with a minus ("-a*b") is read as an option,
    and the command then misses its formula (a trial): where one was
    given, the way to pass it."""
    formula = next(
        (a for a in argv if a.startswith("-") and not a.startswith("--") and set(a) & set("*+/()=^ ")), None
    )
    if formula is None:
        return ""
    command = argv[0] if argv else "import"
    if "--" in argv and argv.index("--") < argv.index(formula):  # after -- already: an option is there too
        return f"; options such as -o go before --, e.g. {prog} {command} -o OUT.mgraph -- '{formula}'"
    return f"; a formula that starts with - goes after --, e.g. {prog} {command} -o OUT.mgraph -- '{formula}'"
