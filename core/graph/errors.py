"""Specific exceptions for refused edits and unusable graphs.

Each message says what is wrong and where, in words a user can act on; the
GUI shows it as it is and the headless command prints it after ``error:``.
"""


def nth(i: int, what: str) -> str:
    """How a message names item ``i`` (from 0) of a file's list: "the 1st
    edge", "the 12th node", counted from 1 as a reader counts (trial 74 #9:
    "edge #0" sent a reader looking for "edge #3" to the fourth)."""
    n = i + 1
    end = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"the {n}{end} {what}"


class GraphError(Exception):
    """An edit or a graph the model refuses."""


class UnknownNodeError(GraphError):
    pass


class DuplicateIdError(GraphError):
    pass


class UnknownOpError(GraphError):
    pass


class InvalidValueError(GraphError):
    """A leaf value or exponent that is missing, not a number, or not finite."""


class PortOutOfRangeError(GraphError):
    pass


class PortOccupiedError(GraphError):
    pass


class LeafInputError(GraphError):
    """A wire into a leaf: leaves have no inputs."""


class CycleError(GraphError):
    pass


class IncompleteGraphError(GraphError):
    """A node needed for evaluation has an empty input port. ``node`` (its
    id) and ``port`` (0-based), where known: the window words its own
    message from them, in the card's names (the message itself is the
    headless command's, which names ids)."""

    def __init__(self, message: str = "", *, node: str | None = None, port: int | None = None) -> None:
        super().__init__(message)
        self.node, self.port = node, port


class RootError(GraphError):
    """No unambiguous node to start backward from."""


class FileFormatError(GraphError):
    """A graph file that cannot be read; the message names the file.
    ``headless``: the message the headless commands print instead, where
    what to do differs there (a command to run, not a menu to open)."""

    def __init__(self, message: str = "", *, headless: str | None = None) -> None:
        super().__init__(message)
        self.headless = headless
