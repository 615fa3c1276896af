"""core.identity: which item of an old revision of a spec is which item of the new one."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_specs.core.identity import looks_explicit, match

PREFIXES = {"goal": "G", "requirement": "R", "dod": "D"}


@dataclass(frozen=True)
class Item:
    kind: str
    id: str
    text: str
    explicit: bool = False


def items(*entries: str | tuple[str, str] | tuple[str, str, str]) -> list[Item]:
    """Items numbered as the build numbers them: ``"text"`` is a goal, ``(kind, text)`` an item
    of that kind, ``(kind, text, id)`` one with an explicit ID."""
    counters: dict[str, int] = {}
    result = []
    for entry in entries:
        kind, text, written = ("goal", entry, "") if isinstance(entry, str) else (*entry, "")[:3]
        if written:
            result.append(Item(kind, written, text, True))
            continue
        counters[kind] = counters.get(kind, 0) + 1
        result.append(Item(kind, f"{PREFIXES[kind]}{counters[kind]}", text))
    return result


def ids(pairs: list[tuple[Item, Item]]) -> list[tuple[str, str]]:
    return [(old.id, new.id) for old, new in pairs]


def test_empty_lists() -> None:
    nothing = match([], [])
    assert (nothing.added, nothing.removed, nothing.reworded, nothing.unchanged) == ([], [], [], [])
    assert [i.id for i in match([], items("A")).added] == ["G1"]
    assert [i.id for i in match(items("A"), []).removed] == ["G1"]


def test_insertion_at_the_top_renumbers_but_changes_nothing() -> None:
    old, new = items("Alpha.", "Beta."), items("New.", "Alpha.", "Beta.")
    result = match(old, new)
    assert [i.text for i in result.added] == ["New."]
    assert (result.removed, result.reworded) == ([], [])
    assert ids(result.unchanged) == [("G1", "G2"), ("G2", "G3")]
    assert ids(result.renumbered) == [("G1", "G2"), ("G2", "G3")]
    assert result.old_of(0) is None and result.old_of(1) == old[0]


def test_insertion_in_the_middle_and_deletion() -> None:
    result = match(items("A", "B", "C"), items("A", "New", "B", "C"))
    assert [i.id for i in result.added] == ["G2"] and result.reworded == []
    assert ids(result.renumbered) == [("G2", "G3"), ("G3", "G4")]
    result = match(items("A", "B", "C"), items("A", "C"))
    assert [i.text for i in result.removed] == ["B"] and result.added == []
    assert ids(result.unchanged) == [("G1", "G1"), ("G3", "G2")]


def test_rewording_pairs_by_position_between_matched_neighbours() -> None:
    result = match(items("A", "Restore in 5 minutes.", "C"), items("A", "Something else.", "C"))
    assert [(o.text, n.text) for o, n in result.reworded] == [
        ("Restore in 5 minutes.", "Something else.")
    ]
    assert (result.added, result.removed) == ([], [])


def test_rewording_and_insertion_in_one_gap_pair_by_similarity() -> None:
    old = items("Tokens expire after one hour.", "Tokens can be revoked.")
    new = items("Keys rotate monthly.", "Tokens expire after 15 minutes.", "Tokens can be revoked.")
    result = match(old, new)
    assert ids(result.reworded) == [("G1", "G2")]
    assert [i.text for i in result.added] == ["Keys rotate monthly."] and result.removed == []
    # Nothing alike: removed and added, not reworded.
    result = match(items("Alpha", "Zeta"), items("Quux", "Wibble", "Zeta"))
    assert [i.text for i in result.removed] == ["Alpha"]
    assert [i.text for i in result.added] == ["Quux", "Wibble"] and result.reworded == []


def test_reorder_is_unchanged_text() -> None:
    result = match(items("A", "B", "C"), items("C", "A", "B"))
    assert (result.added, result.removed, result.reworded) == ([], [], [])
    assert ids(result.renumbered) == [("G3", "G1"), ("G1", "G2"), ("G2", "G3")]


def test_normalized_text_matches_before_position() -> None:
    result = match(items("Alpha.", "Beta.", "Gamma."), items("gamma!", "Alpha.", "Beta."))
    assert ids(result.reworded) == [("G3", "G1")]
    assert (result.added, result.removed) == ([], [])


def test_explicit_ids_match_by_id_whatever_their_place_or_text() -> None:
    old = items(("goal", "Restore fast.", "fast"), ("goal", "Encrypt.", "safe"), "Small")
    new = items("Small", ("goal", "Encrypt.", "safe"), ("goal", "Restore faster.", "fast"))
    result = match(old, new)
    assert ids(result.reworded) == [("fast", "fast")]
    assert ids(result.unchanged) == [("G1", "G1"), ("safe", "safe")]
    assert result.renumbered == []


def test_an_explicit_id_is_never_a_rewording_of_another_item() -> None:
    old = items("A", ("goal", "Old words.", "old"), "C")
    new = items("A", ("goal", "New words.", "new"), "C")
    result = match(old, new)
    assert [i.id for i in result.removed] == ["old"] and [i.id for i in result.added] == ["new"]
    assert result.reworded == []


def test_writing_an_id_keeps_the_item_when_its_words_stay() -> None:
    result = match(items("A", "Encrypt."), items("A", ("goal", "Encrypt.", "encrypt")))
    assert ids(result.renumbered) == [("G2", "encrypt")]


def test_items_of_different_kinds_never_match() -> None:
    old = items("Same.", ("requirement", "One"), ("requirement", "Two"))
    new = items(("requirement", "Same."), ("requirement", "One"), ("requirement", "Other"))
    result = match(old, new)
    assert [(i.kind, i.text) for i in result.removed] == [("goal", "Same.")]
    assert [(i.kind, i.text) for i in result.added] == [("requirement", "Same.")]
    assert ids(result.reworded) == [("R2", "R3")]


def test_duplicate_texts_match_in_document_order() -> None:
    result = match(items("Same", "Same"), items("Same", "Other", "Same"))
    assert ids(result.unchanged) == [("G1", "G1"), ("G2", "G3")]
    assert [i.id for i in result.added] == ["G2"]
    result = match(items("Same"), items("Same", "Same"))
    assert ids(result.unchanged) == [("G1", "G1")] and [i.id for i in result.added] == ["G2"]


def test_looks_explicit_reads_the_id_shape() -> None:
    for auto in ("G1", "NG12", "design-D1", "restore-drills-R3"):
        assert not looks_explicit(Item("goal", auto, "x"))
    for written in ("fast", "R-auth", "restore-test", "G"):
        assert looks_explicit(Item("goal", written, "x"))
    assert looks_explicit(Item("goal", "G1", "x", explicit=True))


TEXTS = st.lists(
    st.tuples(st.sampled_from(["goal", "requirement"]), st.text("ab .", max_size=5)),
    max_size=8,
)


@settings(database=None, max_examples=200)
@given(TEXTS)
def test_a_list_matched_with_itself_is_all_unchanged(entries: list[tuple[str, str]]) -> None:
    both = items(*entries)
    result = match(both, both)
    assert result.pairs == {n: n for n in range(len(both))}
    assert (result.added, result.removed, result.reworded, result.renumbered) == ([], [], [], [])


@settings(database=None, max_examples=200)
@given(TEXTS, st.data())
def test_inserting_one_item_adds_exactly_one(
    entries: list[tuple[str, str]], data: st.DataObject
) -> None:
    where = data.draw(st.integers(0, len(entries)))
    extra = data.draw(
        st.tuples(st.sampled_from(["goal", "requirement"]), st.text("abc .", max_size=5))
    )
    result = match(items(*entries), items(*entries[:where], extra, *entries[where:]))
    assert len(result.added) == 1
    assert (result.removed, result.reworded) == ([], [])
