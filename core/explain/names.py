"""How a node's label is written in what the app says about it: the
Backward banner, the Order list, the Chain Rule panel, the notes under the
cards. One rule, so a node reads the same everywhere, and as Properties
shows it whenever its label is a name.

A label that is a name (``a``, ``x1``, ``w1.2.3``, an indexed one like
``x1[1]`` or ``h1.4[4]``) is written as it is; a label that is an
expression (``x1*w1 + x2*w2``, ``(ypred − y)² [1]``) is put in parentheses
(not a call, ``tanh(x*y)``: its brackets are there already),
so ``(x1*w1 + x2*w2).grad`` reads as one thing; so is a number (a
constant from imported code: ``(2).grad``) and a gradient's own name (a
card of Build Gradient Graph: ``(d.grad).grad``, where ``d.grad.grad`` read
as a second derivative of d). Where nothing follows or stands around it
(the Order list's rows, "so x*y passes it back") a label is written as it
is, and inside a formula (:func:`place`) in brackets only where Python's
precedence needs them (label_forms.place; verify 50: "((p1 - y1)**2) + …", "(-y)" in a row)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from itertools import compress, repeat
from typing import TYPE_CHECKING, Any, TypeVar

from core.graph.label_forms import ATOM, binding, is_call

T = TypeVar("T")

if TYPE_CHECKING:
    from core.graph.groups import GroupSet
    from core.graph.model import GraphModel

#: A name: word characters and dots, primes (imported code's second ``c``,
#: ``c′``, after ``c += …``), then any number of ``[index]`` parts.
_NAME = re.compile(r"^[\w.′″‴']+(\[[\w.,]+\])*$")
#: A number written as a label (a constant imported from code: ``2`` in ``a*2``).
_NUMBER = re.compile(r"^(\d+\.?\d*|\.\d+)([eE][-+−]?\d+)?$")
#: A gradient's name (the gradient graph's ``x.grad``, ``w1.2.3.grad[1]``).
_GRAD = re.compile(r"\.grad\b")


def formula_hint(label: str) -> str | None:
    """What to say of a leaf labelled ``label`` where it reads as a formula
    ("L = a*b + c", "a*b + c"): a label computes nothing (trial 69 #6: the
    Chain Rule panel then read "L = a*b + c = −2 (a leaf value)"); else None."""
    if "=" not in label and not (binding(label) < ATOM and any(c in label for c in "+*/")):
        return None
    name, _, word = (part.strip() for part in label.partition("="))
    if name and word and is_name_or_empty(name) and is_name_or_empty(word):  # x1 = abc (t72 #4)
        return (  # (a value meant, or a formula, or a label with "=" in it: each said, review 72 #5)
            f"“{label}” is only this card's name: {word} is not a number (the card keeps its "
            f"number) · for a value, type {name} = 2; to build a formula, type it in the f(x) bar"
        )
    return (
        f"“{label}” is only this card's name: a label computes nothing (the card keeps its "
        "number) · to build a formula, type it in the f(x) bar"
    )


def is_name_or_empty(text: str) -> bool:
    """Is ``text`` a name (``a``, ``x1[1]``, not a formula or a number), or nothing?
    What may stand left of "=" in a box that takes ``name = number``."""
    return not text or bool(_NAME.match(text) and not _NUMBER.match(text))


def is_gradient_name(label: str) -> bool:
    """Is ``label`` a gradient's name (Build Gradient Graph's ``x.grad``)?"""
    return bool(_GRAD.search(label))


def is_number(label: str) -> bool:
    """Is ``label`` a number (a constant's, from imported code: ``1`` in ``e - 1``)?"""
    return bool(_NUMBER.match(label))


def is_constant(label: str) -> bool:
    """Is a leaf not trained, labelled ``label``, a constant (a number of the
    code, ``2``; the gradient graph's seed, ``L.grad``), not data (x1, a
    target)? One rule for the cards' tag, the Hessian panel and the headless
    commands (trial 65 #7)."""
    return is_number(label) or is_gradient_name(label)


def data_and_constants(held: Iterable[tuple[T, str]]) -> tuple[list[T], list[T]]:
    """The leaves not trained (each ``(what, label)``) as data and as
    constants (:func:`is_constant`)."""
    data: list[T] = []
    consts: list[T] = []
    for what, label in held:
        (consts if is_constant(label) else data).append(what)
    return data, consts


def constant_name(label: str, users: Iterable[str]) -> str:
    """A constant (a leaf whose label is its number) named by where it is
    used: "1 (in e - 1)", "2 (in 2*n, 2*m)"; its number alone if unused.
    (Two constants 1 read "(1)" and "(1, id const2)" in a trial's banner.)"""
    used = list(dict.fromkeys(users))
    if not used:
        return label
    return f"{label} (in {', '.join(used[:2])}{', …' if len(used) > 2 else ''})"


def node_name(label: str) -> str:
    """``label`` as text about the node writes it: ``x1[1]``, ``(x1*w1)``,
    and a constant as ``(2)``: "(2).grad" reads as the constant's gradient,
    where "2.grad" read as a number."""
    plain = _NAME.match(label) and not _NUMBER.match(label)
    call = is_call(label)  # (a trial: "(exp(-y))")
    return label if (plain or call) and not _GRAD.search(label) else f"({label})"


def told_apart(
    label: Callable[[str], str],
    groups: GroupSet,
    nodes: Iterable[str],
    otherwise: Callable[[str], str] | None = None,
) -> dict[str, str]:
    """Where each of ``nodes`` whose label another of them shares sits:
    its group's name (four "(w2.3.1·h1.1)" sending a shared weight its
    gradient, one per data point, read "in neuron 2.3 [1]" … "[4]"), or,
    where that does not tell it apart either, ``otherwise(node)`` (the
    Chain Rule panel: "at step 3", the step that sent it), else its id.
    Others get no entry."""
    by_label: dict[str, list[str]] = {}
    for n in dict.fromkeys(nodes):
        by_label.setdefault(label(n), []).append(n)
    out: dict[str, str] = {}
    for same in by_label.values():
        if len(same) < 2:
            continue
        where = {n: groups.get(g).label if (g := groups.group_of(n)) is not None else "" for n in same}
        names = list(where.values())
        for n in same:
            w = where[n]
            if w and names.count(w) == 1:
                out[n] = f"in {w}"
            else:
                out[n] = otherwise(n) if otherwise is not None else f"id {n}"
    return out


def listed_names(
    label: Callable[[str], str], groups: GroupSet, nodes: list[str], gap: str = "   "
) -> list[str]:
    """``nodes`` as a list to choose from shows them (Forward Mode's "which
    leaf?", Backward's "from which node?"): each by its label, with where it
    is (:func:`told_apart`: "in sample 2", else "id x2") only where another
    of them reads the same. A bare id beside a label read as another node's
    name (trial 49: "x1 (x2)" for the card x1, while another card was x2)."""
    apart = told_apart(label, groups, nodes)
    return [f"{label(n)}{gap}({apart[n]})" if n in apart else label(n) for n in nodes]


def shared_labels(attrs: Mapping[str, Mapping[str, Any]]) -> dict[str, list[str]]:
    """Label -> its nodes, for each label several nodes share (a node without
    one goes by its id), from every node's attributes (``attrs``) in C loops
    but one over the labels shared: read at each Backward pressed, by the
    banner and the Order list (their two tables took 120 ms at 50,000 nodes)."""
    # (the model's node dicts are plain dicts, asked in C: dict.get, not a call each)
    labels: list[str] = list(map(dict.get, attrs.values(), repeat("label")))  # type: ignore[arg-type]
    out: dict[str, list[str]] = {}
    # (the usual: each its own, told in C loops: no two labels alike, and none
    # the id of a node without one, by which that node goes; those ids found
    # from the labels' side, a node's attributes read for each only)
    named = list(filter(None, labels))
    own = set(named)
    if len(own) == len(named) and not any(not attrs[n].get("label") for n in attrs.keys() & own):
        return out
    if None in labels or "" in labels:  # (those without one go by their id)
        labels = [lab or n for n, lab in zip(attrs, labels)]
    twice = {lab for lab, k in Counter(labels).items() if k > 1}
    for n, lab in compress(zip(attrs, labels), map(twice.__contains__, labels)):
        out.setdefault(lab, []).append(n)
    return out


class LabelsShared:
    """:func:`shared_labels` of ``attrs()``, read when first asked, then kept
    (one pass's: a node renamed clears the pass)."""

    __slots__ = ("_attrs", "_table")

    def __init__(self, attrs: Callable[[], Mapping[str, Mapping[str, Any]]]) -> None:
        self._attrs = attrs
        self._table: dict[str, list[str]] | None = None

    def __call__(self) -> dict[str, list[str]]:
        if self._table is None:
            self._table = shared_labels(self._attrs())
        return self._table


class SentenceNames:
    """A node's name in a sentence about a step of a pass (the Backward
    banner, the Order list's line): :func:`node_name`, and where another
    node of the graph has its label, which one, inside the parentheses:
    "(… + w·x2 in neuron 1.3 [1])", by its innermost group's name (an MLP
    saved before its partial sums were named apart had sixteen
    "(… + w·x2)", and a banner's "Step 286" could be any of them), else
    its id: "(a, id a_2)". A graph whose labels are all its own reads as
    before. ``shared()`` gives :func:`shared_labels` of the graph; read once,
    when a sentence first needs it, until :meth:`forget`."""

    def __init__(
        self, label: Callable[[str], str], groups: GroupSet, shared: Callable[[], Mapping[str, list[str]]]
    ) -> None:
        self._label, self._groups, self.shared = label, groups, shared
        self._shared: Mapping[str, list[str]] | None = None  # label -> its nodes, where several
        self._where: dict[str, str] = {}
        self._among: dict[str, str | None] = {}

    def forget(self) -> None:
        """A label or a group changed: read them again when next asked."""
        self._shared = None
        self._where = {}
        self._among = {}

    def plain(self, node: str) -> str:
        """``node`` where nothing follows it ("so x*y passes it back", an
        Order list row): its label as it is, and where another node has it,
        which one after it: "a (id a_2)", "… + w·x2 (in neuron 1.3 [1])"."""
        label = self._label(node)
        where = self._told(node, label)
        return label if where is None else f"{label} ({where})"

    def _same(self, label: str) -> list[str] | None:
        """The nodes labelled ``label``, where several are; else None."""
        if self._shared is None:
            self._shared = self.shared()
        return self._shared.get(label)

    def among(self, node: str, name_of: Callable[[str], str | None]) -> str | None:
        """Where ``node`` is ("id const3", "in neuron 1") among the nodes
        sharing its label whose ``name_of`` reads as its own (two constants
        "2 (in 2*n)" of the exp form of tanh, verify 51: the banner named
        both alike); None where none does. Each label's nodes are named
        once, until :meth:`forget`."""
        if node not in self._among:
            same = self._same(self._label(node)) or [node]
            by_name: dict[str, list[str]] = {}
            for n in same:
                self._among[n] = None
                if (name := name_of(n)) is not None:
                    by_name.setdefault(name, []).append(n)
            for ns in by_name.values():
                if len(ns) > 1:
                    self._among.update(told_apart(lambda n: self._label(n), self._groups, ns))
        return self._among.get(node)

    def _told(self, node: str, label: str) -> str | None:
        """Where ``node`` is, told apart from the others sharing its label; None if none does."""
        same = self._same(label)
        if same is None or node not in same or is_number(label):
            # (a constant: its step's sentence says where it is, "the constant 1 (in e - 1)")
            return None
        if node not in self._where:
            self._where.update(told_apart(self._label, self._groups, same))
        return self._where.get(node, f"id {node}")

    def __call__(self, node: str) -> str:
        label = self._label(node)
        where = self._told(node, label)
        if where is None:
            return node_name(label)
        return _apart(label, where)

    def bare(self, node: str) -> str:
        """``node`` in a formula whose brackets are placed as needed
        (label_forms.place): its label as it is, but where another node has
        it, told apart as :meth:`__call__` tells it, "(a, id e)" (trial 69
        #6: "∂a/∂a = b = −3" for a card e renamed a)."""
        label = self._label(node)
        where = self._told(node, label)
        return label if where is None else _apart(label, where)

    def told(self, node: str) -> bool:
        """Whether ``node`` shares its label and :meth:`bare` tells it apart."""
        return self._told(node, self._label(node)) is not None


def _apart(label: str, where: str) -> str:
    """``label`` told apart by ``where``: "(a, id e)", "(… in neuron 1.3 [1])"."""
    return f"({label} {where})" if where.startswith("in ") else f"({label}, {where})"


def names_of(model: GraphModel) -> SentenceNames:
    """``model``'s nodes named as a pass's sentences name them
    (:class:`SentenceNames`), its labels read when first needed."""
    return SentenceNames(model.label, model.groups, LabelsShared(model.attr_table))


def shown_names(model: GraphModel, nodes: list[str]) -> dict[str, str]:
    """Each of ``nodes`` as the app shows it: its label (a constant's with
    where it is used, "1 (in e - 1)"), with its id where two read the same
    ("x (id x1)"; the ids are the JSON's, and --root's; said to be one: "x1 (x2)"
    read as another node's name, trial 49). The headless commands' texts and
    the Hessian panel name leaves so (trial 68 #7: the panel's "1 (id const2)")."""
    named = {n: shown_label(model, n) for n in dict.fromkeys(nodes)}
    count = Counter(named.values())
    return {n: lab if count[lab] == 1 else f"{lab} (id {n})" for n, lab in named.items()}


def shown_label(model: GraphModel, n: str) -> str:
    """``n``'s label, a constant's with where it is used ("1 (in e - 1)")."""
    label = model.label(n)
    if model.op(n) == "leaf" and is_number(label):
        return constant_name(label, [model.label(c) for c, _ in model.consumers(n)])
    return label
