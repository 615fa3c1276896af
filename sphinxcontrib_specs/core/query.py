"""Selecting specs: the ``:filter:`` language and the selection options of the reports.

The filter language is parsed here (tokenizer, recursive-descent parser, evaluator over a spec's
values) and never evaluated as Python. Grammar, loosest binding first::

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand [ ("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in") operand ]
    operand    := FIELD | STRING | NUMBER | DATE | "[" [literal ("," literal)*] "]" | "(" expr ")"

``FIELD`` is a spec field (``status``, ``created``, ``tags``, ...); ``STRING`` is quoted with ``"``
or ``'``; ``DATE`` is ``YYYY-MM-DD``. Strings compare case-insensitively; a date field compares
with a date or a date-shaped string as a date; ``x in list`` is membership, ``x in text`` a
substring test. A comparison with a missing value (no ``updated`` date, say) is false. A field on
its own is true when it has a value (a non-empty list, a set date).

The selection (:class:`Selection`) is shared by every report directive and the command line: the
``:status:``, ``:tags:``, ``:authors:``, ``:team:``, ``:template:`` options (comma lists, any-of)
and ``:filter:``. It works on :func:`spec_values`, the same flat view of a spec whether it comes
from the domain or from ``specs.json``.

One concern: the filter language from tokens to evaluation, which reads best in one file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field
from typing import TYPE_CHECKING, Any

from .dates import parse_date, parse_spec_date
from .frozen import frozen
from .lazyre import lazy_compile
from .model import split_list
from .values import FIELDS

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


#: The fields every spec has, for filters and sorting; ``specs_fields`` adds more.
class FilterError(ValueError):
    """A filter that does not parse, or names an unknown field; the message says where."""


# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------


@frozen
class Token:
    """One token of a filter expression, with its place in the text (for the error)."""

    kind: str  # "op", "word", "string", "number", "date", "punct", "end"
    text: str
    pos: int
    value: Any = None


_TOKEN = lazy_compile(
    r"""
    (?P<space>\s+)
  | (?P<date>\d{4}-\d{2}-\d{2}(?![\w-]))
  | (?P<number>-?\d+(?:\.\d+)?(?![\w-]))
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<punct>[()\[\],])
  | (?P<word>[A-Za-z_][\w.-]*)
    """,
    re.VERBOSE,
)
KEYWORDS = {"and", "or", "not", "in"}


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            bad = text[pos]
            hint = " (strings need quotes)" if bad in "\"'" else ""
            if text.startswith("=", pos):
                hint = " (write == to compare)"
            raise FilterError(f"unexpected {bad!r} at column {pos + 1}{hint}")
        kind = match.lastgroup or ""
        raw = match.group(0)
        if kind == "string":
            value: Any = re.sub(r"\\(.)", r"\1", raw[1:-1])
            tokens.append(Token(kind, raw, pos, value))
        elif kind == "date":
            date = parse_date(raw)
            if date is None:
                raise FilterError(f"{raw!r} at column {pos + 1} is not a valid date")
            tokens.append(Token(kind, raw, pos, date))
        elif kind == "number":
            tokens.append(Token(kind, raw, pos, float(raw)))
        elif kind != "space":
            tokens.append(Token(kind, raw, pos, raw))
        pos = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


# ---------------------------------------------------------------------------------------------
# Syntax tree
# ---------------------------------------------------------------------------------------------


@frozen
class Field:
    """A field's name: the spec's value of it."""

    name: str


@frozen
class Literal:
    """A value written out: text, a number, a date."""

    value: Any


@frozen
class ListLiteral:
    """``(a, b)``: values for ``in``."""

    items: tuple[Any, ...]


@frozen
class Not:
    """``not X``."""

    operand: Node


@frozen
class BoolOp:
    """``X and Y``, ``X or Y``."""

    op: str  # "and" / "or"
    operands: tuple[Node, ...]


@frozen
class Compare:
    """``X op Y``."""

    op: str  # == != < <= > >= in "not in"
    left: Node
    right: Node


Node = Field | Literal | ListLiteral | Not | BoolOp | Compare


class Parser:
    """Recursive descent over the tokens; every error names the column."""

    def __init__(self, text: str, known_fields: Iterable[str]):
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0
        self.known = tuple(known_fields)

    @property
    def current(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def at_keyword(self, word: str) -> bool:
        return self.current.kind == "word" and self.current.text.lower() == word

    def expect(self, text: str) -> None:
        if self.current.text != text:
            raise self.error(f"expected {text!r}")
        self.take()

    def error(self, message: str) -> FilterError:
        token = self.current
        found = "the end" if token.kind == "end" else repr(token.text)
        return FilterError(f"{message} at column {token.pos + 1}, found {found}")

    def parse(self) -> Node:
        if self.current.kind == "end":
            raise FilterError("the filter is empty")
        node = self.parse_or()
        if self.current.kind != "end":
            raise self.error("expected 'and', 'or' or the end")
        return node

    def parse_or(self) -> Node:
        operands = [self.parse_and()]
        while self.at_keyword("or"):
            self.take()
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def parse_and(self) -> Node:
        operands = [self.parse_not()]
        while self.at_keyword("and"):
            self.take()
            operands.append(self.parse_not())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def parse_not(self) -> Node:
        if self.at_keyword("not"):
            self.take()
            return Not(self.parse_not())
        return self.parse_comparison()

    def parse_comparison(self) -> Node:
        left = self.parse_operand()
        token = self.current
        if token.kind == "op":
            self.take()
            return Compare(token.text, left, self.parse_operand())
        if self.at_keyword("in"):
            self.take()
            return Compare("in", left, self.parse_operand())
        if self.at_keyword("not") and self.tokens[self.pos + 1].text.lower() == "in":
            self.take()
            self.take()
            return Compare("not in", left, self.parse_operand())
        return left

    def parse_operand(self) -> Node:
        token = self.current
        if token.text == "(":
            self.take()
            node = self.parse_or()
            self.expect(")")
            return node
        if token.text == "[":
            return self.parse_list()
        if token.kind in ("string", "number", "date"):
            self.take()
            return Literal(token.value)
        if token.kind == "word" and token.text.lower() not in KEYWORDS:
            self.take()
            name = token.text.lower().replace("_", "-")
            if name in ("true", "false"):
                return Literal(name == "true")
            if name not in self.known:
                raise FilterError(
                    f"unknown field {token.text!r} at column {token.pos + 1}; known fields: "
                    f"{', '.join(self.known)}"
                )
            return Field(name)
        raise self.error("expected a field, a value, '[' or '('")

    def parse_list(self) -> Node:
        self.expect("[")
        items: list[Any] = []
        while self.current.text != "]":
            token = self.current
            if token.kind not in ("string", "number", "date"):
                raise self.error("a list holds quoted strings, numbers or dates")
            self.take()
            items.append(token.value)
            if self.current.text == ",":
                self.take()
            elif self.current.text != "]":
                raise self.error("expected ',' or ']'")
        self.take()
        return ListLiteral(tuple(items))


def parse_filter(text: str, known_fields: Iterable[str] = FIELDS) -> Node:
    """The syntax tree of a filter, or :class:`FilterError` saying what is wrong and where."""
    return Parser(text, known_fields).parse()


# ---------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _as_date(value: Any) -> Any:
    if isinstance(value, str):  # a date field's value; a month compares as its first day
        return parse_spec_date(value) or value
    return value


def _value(node: Node, values: Mapping[str, Any]) -> Any:
    if isinstance(node, Field):
        return values.get(node.name)
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, ListLiteral):
        return list(node.items)
    return evaluate(node, values)


def _truthy(value: Any) -> bool:
    return value is not None and value != [] and value != "" and value is not False


def _compare(op: str, left: Any, right: Any) -> bool:
    if op in ("in", "not in"):
        if right is None or left is None:
            return op == "not in"
        if isinstance(right, list):
            folded = [_fold(_as_date(x)) for x in right]
            if isinstance(left, list):
                found = any(_fold(_as_date(x)) in folded for x in left)
            else:
                found = _fold(_as_date(left)) in folded
        else:
            found = str(left).casefold() in str(right).casefold()
        return found if op == "in" else not found
    if isinstance(left, dt.date) or isinstance(right, dt.date):
        left, right = _as_date(left), _as_date(right)
    if isinstance(left, list) and not isinstance(right, list):
        # a list field against one value: == means "contains", != "does not contain"
        hit = _fold(right) in [_fold(x) for x in left]
        if op == "==":
            return hit
        if op == "!=":
            return not hit
    left, right = _fold(left), _fold(right)
    if op == "==":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    if left is None or right is None:
        return False
    try:
        result: bool = {
            "<": lambda: left < right,
            "<=": lambda: left <= right,
            ">": lambda: left > right,
            ">=": lambda: left >= right,
        }[op]()
    except TypeError:
        return False
    return result


def evaluate(node: Node, values: Mapping[str, Any]) -> bool:
    """Whether the spec whose values are ``values`` matches ``node``."""
    if isinstance(node, BoolOp):
        if node.op == "and":
            return all(evaluate(n, values) for n in node.operands)
        return any(evaluate(n, values) for n in node.operands)
    if isinstance(node, Not):
        return not evaluate(node.operand, values)
    if isinstance(node, Compare):
        return _compare(node.op, _value(node.left, values), _value(node.right, values))
    return _truthy(_value(node, values))


# ---------------------------------------------------------------------------------------------
# Selection
# ---------------------------------------------------------------------------------------------

SELECTION_OPTIONS = ("status", "tags", "authors", "team", "template", "filter")


@frozen
class Selection:
    """Which specs a report shows: any-of lists per option, all options together, and a filter."""

    status: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    team: tuple[str, ...] = ()
    template: tuple[str, ...] = ()
    filter: str = ""
    _tree: Node | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_options(
        cls, options: Mapping[str, Any], known_fields: Iterable[str] = FIELDS
    ) -> Selection:
        """Build from directive or command-line options; a bad filter raises FilterError."""

        def values(name: str) -> tuple[str, ...]:
            raw = options.get(name)
            if isinstance(raw, list | tuple):
                return tuple(str(v).strip() for v in raw if str(v).strip())
            return tuple(split_list(raw))

        text = str(options.get("filter") or "").strip()
        tree = parse_filter(text, known_fields) if text else None
        return cls(
            status=values("status"),
            tags=values("tags"),
            authors=values("authors"),
            team=values("team"),
            template=values("template"),
            filter=text,
            _tree=tree,
        )

    def matches(self, values: Mapping[str, Any]) -> bool:
        def any_of(wanted: tuple[str, ...], have: Any) -> bool:
            if not wanted:
                return True
            have_list = have if isinstance(have, list) else [have]
            folded = {str(h).casefold() for h in have_list if h}
            return any(w.casefold() in folded for w in wanted)

        return (
            any_of(self.status, values.get("status"))
            and any_of(self.tags, values.get("tags"))
            and any_of(self.authors, values.get("authors"))
            and any_of(self.team, values.get("team"))
            and any_of(self.template, values.get("template"))
            and (self._tree is None or evaluate(self._tree, values))
        )
