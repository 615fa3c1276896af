"""Which item of one revision of a spec is which item of the next. Sphinx-free.

The one rule that ``sphinx-specs diff`` (:mod:`.diff`) and suspect trace links (:mod:`.suspect`)
follow to tell an item of an old revision of a spec from the same item in a new revision. Items
of different kinds never match; within a kind, in this order:

1. an explicit ID (``{#encrypt}``) matches the same explicit ID;
2. the items left match by their exact text, then by their normalized text (letter case,
   punctuation and spacing aside), each text's duplicates in document order; an item whose
   explicit ID was written, changed or removed keeps its identity this way when its words stay;
3. the auto-numbered items left pair up as rewordings, between the items already matched: where
   as many old as new ones stand between the same two matched neighbours, by position; else by
   similarity (a ratio of at least :data:`SIMILAR`), best pairs first, never crossing.

An automatic number (``G2``) decides nothing: inserting an item renumbers the ones after it, and
they are still the same items. What is left unmatched is removed (old) or added (new).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from .lazyre import lazy_compile

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

#: The least similarity (:meth:`difflib.SequenceMatcher.ratio` of the normalized texts) for an
#: old and a new item to pair as a rewording when their neighbours do not pair them by position.
SIMILAR = 0.6

#: How an automatic ID looks (``G1``, ``NG2``, ``design-D1`` on a spec folder's sub-page). Where
#: a record does not say whether its ID was written (``specs.json``), an ID of another shape is
#: explicit: see :func:`looks_explicit`.
AUTO_ID = lazy_compile(r"^(?:[A-Za-z][A-Za-z0-9_-]*-)?[A-Z][A-Z0-9]*[0-9]$")

_PUNCTUATION = lazy_compile(r"[\W_]+")


class Tracked(Protocol):
    """What matching reads of an item: a light reader's item or a build's record."""

    @property
    def kind(self) -> str: ...

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def explicit(self) -> bool: ...


ItemT = TypeVar("ItemT", bound=Tracked)


def normalize(text: str) -> str:
    """The text for the second, looser comparison: lower case, words only, single spaces."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def looks_explicit(item: Tracked) -> bool:
    """Whether ``item``'s ID was written by its author, for records that do not say so
    (``specs.json`` keeps no such flag): an ID not shaped like an automatic one (:data:`AUTO_ID`).
    An explicit ID written like an automatic one (``{#R7}``) is then matched like one."""
    return item.explicit or not AUTO_ID.match(item.id)


def _explicit(item: Tracked) -> bool:
    return item.explicit


@dataclass
class Matching(Generic[ItemT]):
    """The old and new items of one spec, and which new item is which old one.

    Positions are indexes in the sequences given to :func:`match`; :attr:`pairs` maps each
    matched new position to its old position."""

    old: Sequence[ItemT]
    new: Sequence[ItemT]
    pairs: dict[int, int] = field(default_factory=dict)

    def old_of(self, index: int) -> ItemT | None:
        """The old item that the new item at ``index`` was, or None (it was added)."""
        was = self.pairs.get(index)
        return None if was is None else self.old[was]

    @property
    def added(self) -> list[ItemT]:
        """New items with no old one, in new order."""
        return [item for n, item in enumerate(self.new) if n not in self.pairs]

    @property
    def removed(self) -> list[ItemT]:
        """Old items with no new one, in old order."""
        kept = set(self.pairs.values())
        return [item for n, item in enumerate(self.old) if n not in kept]

    @property
    def reworded(self) -> list[tuple[ItemT, ItemT]]:
        """(old, new) of each matched item whose text changed, in new order."""
        return [(o, n) for o, n in self._matched() if o.text != n.text]

    @property
    def unchanged(self) -> list[tuple[ItemT, ItemT]]:
        """(old, new) of each matched item whose text is the same, in new order (its automatic
        number may differ: see :attr:`renumbered`)."""
        return [(o, n) for o, n in self._matched() if o.text == n.text]

    @property
    def renumbered(self) -> list[tuple[ItemT, ItemT]]:
        """The :attr:`unchanged` items whose ID is not the same."""
        return [(o, n) for o, n in self.unchanged if o.id != n.id]

    def _matched(self) -> list[tuple[ItemT, ItemT]]:
        return [(self.old[self.pairs[n]], self.new[n]) for n in sorted(self.pairs)]


def match(
    old: Sequence[ItemT],
    new: Sequence[ItemT],
    explicit: Callable[[ItemT], bool] = _explicit,
) -> Matching[ItemT]:
    """Match the items of an old and a new revision of one spec (each in document order).

    ``explicit`` says whether an item's ID was written by its author (default: its ``explicit``
    attribute; :func:`looks_explicit` for ``specs.json`` records)."""
    result: Matching[ItemT] = Matching(old, new)
    for kind in dict.fromkeys(item.kind for item in [*old, *new]):
        olds = [n for n, item in enumerate(old) if item.kind == kind]
        news = [n for n, item in enumerate(new) if item.kind == kind]
        _by_id(result, olds, news, explicit)
        for key in (_exact, normalize):
            _by_text(result, olds, news, key)
        _rewordings(result, olds, news, explicit)
    return result


def _exact(text: str) -> str:
    return text


def _by_id(
    result: Matching[ItemT], olds: list[int], news: list[int], explicit: Callable[[ItemT], bool]
) -> None:
    written = {result.old[n].id: n for n in olds if explicit(result.old[n])}
    for n in news:
        was = written.get(result.new[n].id)
        if was is not None and explicit(result.new[n]):
            result.pairs[n] = was


def _by_text(
    result: Matching[ItemT], olds: list[int], news: list[int], key: Callable[[str], str]
) -> None:
    taken = set(result.pairs.values())
    waiting: dict[str, list[int]] = {}
    for n in olds:
        if n not in taken:
            waiting.setdefault(key(result.old[n].text), []).append(n)
    for n in news:
        if n not in result.pairs:
            queue = waiting.get(key(result.new[n].text))
            if queue:
                result.pairs[n] = queue.pop(0)


def _rewordings(
    result: Matching[ItemT], olds: list[int], news: list[int], explicit: Callable[[ItemT], bool]
) -> None:
    """Pair the auto-numbered items left, gap by gap between matched neighbours."""
    taken = set(result.pairs.values())
    free = {n for n in olds if n not in taken and not explicit(result.old[n])}
    place = {n: i for i, n in enumerate(olds)}
    run: list[int] = []
    before = -1  # the position, among olds, of the old item of the last matched new item
    for n in [*news, None]:
        if n is not None and n not in result.pairs:
            if not explicit(result.new[n]):
                run.append(n)
            continue
        after = len(olds) if n is None else place[result.pairs[n]]
        gap = [o for o in olds[before + 1 : after] if o in free] if before < after else []
        for new_n, old_n in _pair_gap(result, gap, run):
            result.pairs[new_n] = old_n
            free.discard(old_n)
        run = []
        before = after


def _pair_gap(result: Matching[ItemT], olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    """(new, old) pairs of one gap: by position when the counts agree, else by similarity."""
    if not olds or not news:
        return []
    if len(olds) == len(news):
        return list(zip(news, olds, strict=True))
    scores = []
    for i, o in enumerate(olds):
        for j, n in enumerate(news):
            matcher = SequenceMatcher(
                None, normalize(result.old[o].text), normalize(result.new[n].text)
            )
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                score = matcher.ratio()
                if score >= SIMILAR:
                    scores.append((-score, i, j))
    chosen: list[tuple[int, int]] = []
    for _, i, j in sorted(scores):
        crossing = any((i - a) * (j - b) <= 0 for a, b in chosen)
        if not crossing:
            chosen.append((i, j))
    return [(news[j], olds[i]) for i, j in sorted(chosen)]
