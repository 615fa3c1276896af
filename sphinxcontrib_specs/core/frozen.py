"""The frozen records' classes: :func:`frozen` makes them, :func:`pickled_fast` pickles them as
the tuple of their values, loaded through their slots."""

from __future__ import annotations

import _thread
import operator
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar, dataclass_transform, overload

if TYPE_CHECKING:
    from collections.abc import Callable

_R = TypeVar("_R")


@overload
def frozen(cls: type[_R], /) -> type[_R]: ...
@overload
def frozen(*, slots: bool = False) -> Callable[[type[_R]], type[_R]]: ...


@dataclass_transform(frozen_default=True)
def frozen(
    cls: type[_R] | None = None, /, *, slots: bool = False
) -> type[_R] | Callable[[type[_R]], type[_R]]:
    """``@dataclass(frozen=True, slots=slots)`` for type checkers, with the same ``__eq__``,
    ``__hash__`` and ``__repr__`` made from shared functions instead of from source text.

    At run time the class has no ``__setattr__`` / ``__delattr__`` of its own: ``dataclasses``
    compiles the two that refuse an assignment for each frozen class, some 76 M instructions of
    every build's import (2 % of an incremental build at 100 specs), to guard what mypy already
    refuses (``dataclass_transform(frozen_default=True)``: an assignment to a record's field is
    a type error, and ``test_quality`` runs mypy on the package and a sample of such code).

    In Python 3.11 ``dataclasses`` writes each method of a class as text and ``exec`` s it; every
    build imports some 45 frozen classes, and their ``__eq__`` and ``__hash__`` alone were about
    1 % of an incremental build at 100 specs. These two compare and hash the same tuple of
    values (the fields with ``compare``; with ``hash``, or ``compare`` when ``hash`` is None) and
    stand back where the class defines its own, as ``dataclasses`` does. The repr formats the
    same tuple of values (the fields with ``repr``) with one ``%`` format made once, and guards
    against recursion as ``dataclasses``' does: the text is the same, a call about 7 % slower
    (reports and the ledger call it for digests, some 10,000 times a build), the import about
    0.5 M instructions a class cheaper. ``__init__`` is still ``dataclasses``'."""

    def make(cls: type[_R]) -> type[_R]:
        own = vars(cls)
        explicit_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
        has_eq = "__eq__" in own
        has_repr = "__repr__" in own
        made = dataclass(slots=slots, eq=False, repr=False)(cls)
        every = fields(made)  # type: ignore[arg-type]
        compared = tuple(f.name for f in every if f.compare)
        hashed = tuple(f.name for f in every if (f.compare if f.hash is None else f.hash))
        if not has_eq:
            made.__eq__ = _eq(made, _values(compared))  # type: ignore[method-assign]
        if not explicit_hash:
            made.__hash__ = _hash(made, _values(hashed))  # type: ignore[method-assign,assignment]
        if not has_repr:
            shown = tuple(f.name for f in every if f.repr)
            made.__repr__ = _repr(made, shown)  # type: ignore[method-assign]
        return made

    return make if cls is None else make(cls)


def _values(names: tuple[str, ...]) -> Callable[[object], tuple[Any, ...]]:
    """The values of ``names`` as a tuple, as the code ``dataclasses`` writes makes it."""
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    if not names:
        return lambda obj: ()
    return operator.attrgetter(*names)


def _eq(cls: type, values: Callable[[object], tuple[Any, ...]]) -> Callable[[object, object], Any]:
    def __eq__(self: object, other: object) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    __eq__.__qualname__ = f"{cls.__qualname__}.__eq__"
    return __eq__


def _repr(cls: type, names: tuple[str, ...]) -> Callable[[object], str]:
    """The repr ``dataclasses`` writes (``Name(a=1, b='x')``, ``...`` for an object within
    itself), from one format string."""
    values = _values(names)
    form = "(" + ", ".join(f"{name}=%r" for name in names) + ")"
    running: set[tuple[int, int]] = set()

    def __repr__(self: object) -> str:
        key = id(self), _thread.get_ident()
        if key in running:
            return "..."
        running.add(key)
        try:
            return self.__class__.__qualname__ + form % values(self)
        finally:
            running.discard(key)

    __repr__.__qualname__ = f"{cls.__qualname__}.__repr__"
    return __repr__


def _hash(cls: type, values: Callable[[object], tuple[Any, ...]]) -> Callable[[object], int]:
    def __hash__(self: object) -> int:
        return hash(values(self))

    __hash__.__qualname__ = f"{cls.__qualname__}.__hash__"
    return __hash__


def pickled_fast(cls: type[_R]) -> type[_R]:
    """Pickle a frozen record as the tuple of its values, and load it through its slots'
    descriptors: what ``dataclasses`` gives a frozen class walks ``fields()`` for every object
    loaded, which doubles the time an incremental build takes to load the records it did not
    read again."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    setters = tuple(vars(cls)[name].__set__ for name in names)
    values = operator.attrgetter(*names)

    def __getstate__(self: object) -> tuple[Any, ...]:
        return values(self)

    def __setstate__(self: object, state: tuple[Any, ...]) -> None:
        for set_value, value in zip(setters, state, strict=True):
            set_value(self, value)

    cls.__getstate__ = __getstate__  # type: ignore[method-assign]
    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls
