"""JUnit XML in: the test cases of a result file, each with its result and the IDs it verifies.

One reader for the shapes the common runners write: pytest (``--junitxml``, the ``xunit1`` and
``xunit2`` families), Maven Surefire (``TEST-*.xml``), gtest (``--gtest_output=xml``) and ctest
(``--output-junit``), gotestsum (``--junitfile``), jest-junit, cargo-nextest and PHPUnit. What
they share: a ``<testsuites>`` or ``<testsuite>`` root, ``<testsuite>`` elements nested to any
depth, ``<testcase name= classname= time=>`` with a ``<failure>``, ``<error>`` or ``<skipped>``
child when it did not pass. What differs, and how it is read:

- the result: a ``<failure>`` child makes it ``failed``, else an ``<error>`` ``error``, else a
  ``<skipped>`` ``skipped``; without any, gtest's and ctest's ``status``/``result`` attributes
  (``notrun``, ``suppressed``, ``disabled``, ``fail``) decide, else it ``passed``. Only direct
  children count: Surefire's and nextest's ``<flakyFailure>``/``<flakyError>`` (a test that
  failed, then passed on a retry) leave it ``passed``, and their ``<rerunFailure>`` elements
  only repeat the ``<failure>`` beside them;
- the IDs a test verifies: ``<properties><property name="verifies" value="...">`` inside the
  ``<testcase>`` (pytest's ``record_property`` and our plugin, gtest >= 1.13's
  ``RecordProperty``, nextest, jest-junit's test case properties), or an attribute of that name
  on the ``<testcase>`` (gtest before 1.13). Properties of a ``<testsuite>`` (Surefire writes the
  JVM's there) are the run's, never a test's. A value may list several IDs, separated by commas,
  white space or semicolons (ctest writes its labels as a CMake list: ``cmake_labels``);
- with ``name_pattern``, IDs also come from the test's name (see :func:`read_junit`).

The XML is parsed by the standard library's expat: through :mod:`xml.etree.ElementTree`'s C
parser, with the test cases' lines from a scan of the bytes, or, where that scan may be wrong,
feeding the tree builder from Python and noting each line as it goes (see :func:`_parse_fast`);
expat as Python >= 3.11 bundles it (2.4 and later) refuses entity-expansion bombs
("billion laughs") and no external entity or DTD is ever loaded. On top of that a document that
declares entities is refused outright: no runner writes one, so a result file that does is not
one. Nothing here raises on bad input: every problem becomes a message.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Final, TypeAlias
from xml.parsers import expat

from .evidence import Result, TestCase

if TYPE_CHECKING:
    from collections.abc import Sequence

#: How a match of ``name_pattern`` becomes an ID (None: the match names none).
IdOf: TypeAlias = Callable[[re.Match[str]], str | None]

#: A message longer than this many characters is cut (failure texts run to whole stack traces).
MESSAGE_LIMIT: Final = 500

_ID_SEPARATORS = re.compile(r"[\s,;]+")
#: A ``<testcase>`` start tag in the bytes of a document (not ``<testcases>``).
_TESTCASE_TAG = re.compile(rb"<testcase[\s/>]")
#: A default namespace declared (``xmlns="..."``, ``xmlns = '...'``): ElementTree would name
#: the tags ``{uri}testcase``, expat as this reader runs it ``testcase``.
_DEFAULT_NAMESPACE = re.compile(rb"xmlns\s*=")
_CONTAINERS: Final = frozenset({"testsuites", "testsuite"})
#: The outcome elements, in the order they decide a result.
_OUTCOMES: Final[tuple[tuple[str, Result], ...]] = (
    ("failure", "failed"),
    ("error", "error"),
    ("skipped", "skipped"),
)
#: gtest's and ctest's attributes for a test that did not run or failed without saying why.
_SKIPPED_STATUS: Final = frozenset({"notrun", "disabled", "skipped", "suppressed"})
_FAILED_STATUS: Final = frozenset({"fail", "failed", "failure"})


class _Refused(Exception):
    """A document this reader will not read (it declares entities)."""


def match_id(match: re.Match[str]) -> str | None:
    """The default rule turning a match of ``name_pattern`` into an ID:

    - a group named ``id``: its text is the ID (``test_(?P<id>[A-Z]+-\\d+)``);
    - else groups named ``spec`` and, optionally, ``item``: ``spec.item``, or ``spec`` alone
      when ``item`` did not take part;
    - else the first group, or the whole match for a pattern without groups.

    None when that part is empty or did not take part. A pattern whose groups hold only numbers
    (``test_.*_SPEC_(\\d+)_D(\\d+)``) needs the project's ID format to become an ID: pass an
    ``id_of`` to :func:`read_junit` that builds it.
    """
    groups = match.re.groupindex
    if "id" in groups:
        return match.group("id") or None
    if "spec" in groups:
        spec = match.group("spec")
        if not spec:
            return None
        item = match.group("item") if "item" in groups else None
        return f"{spec}.{item}" if item else spec
    return (match.group(1) if match.re.groups else match.group(0)) or None


def read_junit(
    data: bytes,
    source: str,
    *,
    properties: Sequence[str] = ("verifies",),
    name_pattern: re.Pattern[str] | None = None,
    id_of: IdOf | None = None,
) -> tuple[list[TestCase], list[str]]:
    """The test cases of one JUnit XML document, in document order, and its problems.

    ``source`` is the result file's path as the caller names it (kept in each
    :class:`~.evidence.TestCase`). ``properties`` are the property names whose values list
    verified IDs. With ``name_pattern``, every match of it in ``classname.name`` (``name`` alone
    without a class name) gives an ID too, through ``id_of`` (default :func:`match_id`); those
    follow the IDs the properties give, duplicates dropped.

    The problems are messages about the file, without its name (a caller's warning has the file
    as its location): it is empty, not XML, not JUnit XML, or has no test cases. Each gives one
    message and no test cases.
    """
    if not data or data.isspace():
        return [], ["the file is empty"]
    try:
        root, lines = _parse(data)
    except _Refused:
        return [], ["the file declares XML entities, which no test runner writes: not read"]
    except (expat.ExpatError, ValueError, LookupError) as exc:
        return [], [f"the file is not XML: {exc}"]
    if root.tag not in _CONTAINERS:
        return [], [
            f"the file is not JUnit XML: its root element is <{root.tag}>, "
            "not <testsuites> or <testsuite>"
        ]
    wanted = tuple(dict.fromkeys(properties))  # ordered: the IDs' order must not vary by run
    make_id = id_of or match_id
    cases: list[TestCase] = []
    # an explicit stack of the open suites, not recursion: a hostile file may nest them deeper
    # than Python's stack; each entry is the suite's remaining children, its name and its file
    stack = [(iter(root), root.get("name", ""), root.get("file", ""))]
    while stack:
        children, suite_name, suite_file = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
        elif child.tag == "testcase":
            cases.append(_case(child, lines.get(child), suite_name, suite_file, source, wanted))
        elif child.tag in _CONTAINERS:
            name = child.get("name") or suite_name
            stack.append((iter(child), name, child.get("file") or suite_file))
    if not cases:
        return [], ["the file has no test cases"]
    if name_pattern is not None:
        cases = [_with_name_ids(case, name_pattern, make_id) for case in cases]
    return cases, []


def _parse(data: bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The document's root and the line of each ``<testcase>`` start tag."""
    found = _parse_fast(data)
    return found if found is not None else _parse_lines(data)


def _parse_fast(data: bytes) -> tuple[ET.Element, dict[ET.Element, int]] | None:
    """ElementTree's C parser, and each ``<testcase>``'s line from a scan of the bytes: the
    n-th element in document order starts at the n-th ``<testcase`` of the text. None (read
    it with :func:`_parse_lines`) where that may not hold or the two readers may differ: a
    document that is not in an ASCII-compatible encoding, declares entities or a default
    namespace, ends lines with a lone CR (expat counts it as a line), or has a ``<testcase``
    the parser did not make an element of (one in a comment or CDATA section), or one whose
    tags ElementTree names with a namespace."""
    if (
        b"\x00" in data
        or b"<!ENTITY" in data
        or _DEFAULT_NAMESPACE.search(data)
        or data.count(b"\r") != data.count(b"\r\n")
    ):
        return None
    parser = ET.XMLParser()
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError:
        return None  # expat's own message, from the other reader
    if any(element.tag.startswith("{") for element in root.iter()):
        return None  # a namespace after all (declared in a DTD's ATTLIST): expat's tags
    cases = list(root.iter("testcase"))
    starts = [match.start() for match in _TESTCASE_TAG.finditer(data)]
    if len(starts) != len(cases):
        return None
    lines: dict[ET.Element, int] = {}
    line, position = 1, 0
    for element, start in zip(cases, starts, strict=True):
        line += data.count(b"\n", position, start)
        position = start
        lines[element] = line
    return root, lines


def _parse_lines(data: bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Expat feeding ElementTree's tree builder from Python, noting the line of each
    ``<testcase>`` start tag (ElementTree's own parser keeps no line numbers)."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()
    parser.buffer_text = True
    lines: dict[ET.Element, int] = {}

    def start(tag: str, attributes: dict[str, str]) -> None:
        element = builder.start(tag, attributes)
        if tag == "testcase":
            lines[element] = parser.CurrentLineNumber

    def refuse(*_: object) -> None:
        raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = refuse
    parser.Parse(data, True)
    return builder.close(), lines


def _case(
    element: ET.Element,
    line: int | None,
    suite_name: str,
    suite_file: str,
    source: str,
    wanted: tuple[str, ...],
) -> TestCase:
    attributes = element.attrib
    result, message = _outcome(element)
    ids: list[str] = []
    for child in element:
        if child.tag != "properties":
            continue
        for prop in child:
            if prop.tag == "property" and prop.get("name") in wanted:
                ids.extend(_split_ids(prop.get("value") or prop.text or ""))
    for name in wanted:
        if name in attributes:
            ids.extend(_split_ids(attributes[name]))
    return TestCase(
        name=attributes.get("name", ""),
        classname=attributes.get("classname") or suite_name,
        file=attributes.get("file") or suite_file,
        result=result,
        message=message,
        time=_seconds(attributes.get("time")),
        verifies=tuple(dict.fromkeys(ids)),
        source=source,
        line=line,
    )


def _outcome(element: ET.Element) -> tuple[Result, str]:
    found: dict[str, ET.Element] = {}
    for child in element:
        found.setdefault(child.tag, child)
    for tag, result in _OUTCOMES:
        if tag in found:
            return result, _message(found[tag])
    status = element.get("status", "").lower()
    if status in _SKIPPED_STATUS or element.get("result", "").lower() in _SKIPPED_STATUS:
        return "skipped", ""
    if status in _FAILED_STATUS:
        return "failed", ""
    if status == "error":
        return "error", ""
    return "passed", ""


def _message(element: ET.Element) -> str:
    """The ``message`` attribute, else the first line of the element's text, shortened."""
    text = (element.get("message") or "").strip()
    if not text:
        text = (element.text or "").strip().partition("\n")[0].strip()
    text = text.replace("\r\n", "\n")
    if len(text) > MESSAGE_LIMIT:
        text = text[: MESSAGE_LIMIT - 1].rstrip() + "…"
    return text


def _seconds(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _split_ids(value: str) -> list[str]:
    return [part for part in _ID_SEPARATORS.split(value) if part]


def _with_name_ids(case: TestCase, pattern: re.Pattern[str], id_of: IdOf) -> TestCase:
    named = [found for match in pattern.finditer(case.full_name) if (found := id_of(match))]
    if not named:
        return case
    return replace(case, verifies=tuple(dict.fromkeys((*case.verifies, *named))))
