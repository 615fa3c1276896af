"""``sphinx-specs adopt``: plain Markdown specs into the directive form.

The file is parsed once, by markdown-it-py with MyST's own configuration; MyST's docutils renderer
turns those tokens into the doctree that the plain-mode recognizer (:mod:`..plain.recognizer`)
reads, and the tokens' ``map`` line ranges say which source lines to replace. Every other line is
kept byte for byte: the file's BOM, encoding and line endings (LF, CRLF) stay as they were. The
project's ``conf.py`` (``--conf-dir``, else the nearest one above the file) gives the templates,
``specs_fields`` and ``specs_plain_id``, as in a build."""

from __future__ import annotations

import codecs
import copy
import io
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import argparse

    from docutils import nodes
    from markdown_it.token import Token

    from ..config import Settings
    from ..plain.recognizer import PlainSpec
    from ..plain.vocabulary import Vocabulary

_DIRECTIVE = re.compile(r"^\s*(```+|:::+)\s*\{spec\}\s*(\S*)", re.MULTILINE)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DIRECTIVE_KIND = {
    "goal": "goals",
    "non-goal": "non-goals",
    "dod": "definition-of-done",
    "question": "open-questions",
}


def decode(data: bytes) -> tuple[str, bytes, str]:
    """The text of a file, its BOM and its encoding (UTF-8 unless a BOM says otherwise)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding), bom, encoding
    return data.decode("utf-8"), b"", "utf-8"


def parse(
    text: str, source: str, extensions: frozenset[str] = frozenset()
) -> tuple[nodes.document, list[Token]]:
    """MyST's markdown-it tokens of ``text`` and the doctree its docutils renderer makes of them."""
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer, make_document
    from myst_parser.parsers.docutils_ import Parser
    from myst_parser.parsers.mdit import create_md_parser

    document = make_document(source, parser_cls=Parser)
    document.settings.report_level = (
        5  # directives of the build (toctree, spec roles) are no concern
    )
    document.settings.halt_level = 5
    document.settings.warning_stream = io.StringIO()
    document.settings.myst_suppress_warnings = ["myst.header"]  # pages that start at H2
    config = MdParserConfig(enable_extensions={"colon_fence", "tasklist", *extensions})
    md = create_md_parser(config, DocutilsRenderer)
    md.options["document"] = document
    env: dict[str, object] = {}
    tokens = md.parse(text, env)
    md.renderer.render(copy.deepcopy(tokens), md.options, env)  # the renderer shifts their maps
    return document, tokens


def _joined(values: list[Any]) -> str:
    """A list value as the directive's option writes it: a link field's ``{"text", "url"}``
    as ``[text](url)`` (its text alone when it has no address), the rest as text."""
    from ..plain.readers import markdown_link

    return ", ".join(
        (markdown_link(v["text"], v["url"]) if v.get("url") else str(v["text"]))
        if isinstance(v, dict)
        else str(v)
        for v in values
    )


def _option_value(value: str) -> str:
    """An option value MyST reads back as written (quoted when YAML or a comment would bite)."""
    needs_quotes = (
        (value[:1] in "\"'[{#&*!|>%@`" and not value.startswith("@"))
        or " #" in value
        or value.endswith(":")
    )
    if not needs_quotes:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fence(block: list[str]) -> str:
    longest = max((len(m) for line in block for m in re.findall(r"`{3,}", line)), default=2)
    return "`" * max(3, longest + 1)


def _span(tokens: list[Token], kind: str, line: int | None, lines: list[str]) -> range:
    """The source lines (0-based) of the ``kind`` token that starts at ``line``, trailing blank
    lines left out (empty when there is no such token)."""
    token = next((t for t in tokens if t.type == kind and t.map and t.map[0] + 1 == line), None)
    if token is None or token.map is None:
        return range(0)
    start, end = token.map
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return range(start, end)


def rewrite(text: str, tokens: list[Token], spec: PlainSpec, *, default_template: str) -> str:
    """``text`` with the metadata list turned into a ``spec`` directive and each tracked list
    wrapped in its item directive; every other line is kept as it is, line endings included."""
    lines = _LINE.findall(text)
    newline = next(
        (ln[len(ln.rstrip("\r\n")) :] for ln in lines if ln.endswith(("\n", "\r"))), "\n"
    )
    body = [ln.rstrip("\r\n") for ln in lines]
    before: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    replace: dict[int, list[str]] = {}
    for bullet_list, kind in spec.lists:
        span = _span(tokens, "bullet_list_open", bullet_list.line, body)
        if not span:
            continue
        fence = _fence(body[span.start : span.stop])
        before.setdefault(span.start, []).append(f"{fence}{{{_DIRECTIVE_KIND[kind]}}}")
        after.setdefault(span.stop - 1, []).append(fence)

    meta = _span(tokens, "bullet_list_open", spec.line, body)
    if not meta:  # the recognizer read these tokens, so this does not happen; leave the file be
        return text
    options = [
        f":{option}: {_option_value(value if isinstance(value, str) else _joined(value))}"
        for option, value in ((f.option, f.value) for f in spec.fields)
        # "-special": the ID label (``Proposal: SE-0001``), which the directive's argument is
        if option and option != "id" and not option.startswith("-") and value
    ]
    written = any(f.option == "template" for f in spec.fields)
    if spec.template and spec.template != default_template and not written:
        options.append(f":template: {spec.template}")
    fence = _fence(body[meta.start : meta.stop])
    directive = [f"{fence}{{spec}} {spec.spec_id or ''}".rstrip(), *options, fence]
    kept = [
        body[i] for node in spec.leftover for i in _span(tokens, "list_item_open", node.line, body)
    ]
    replace[meta.start] = directive + (["", *kept] if kept else [])
    for index in range(meta.start + 1, meta.stop):
        replace[index] = []

    out: list[str] = []
    for index, line in enumerate(body):
        out.extend(before.get(index, []))
        out.extend(replace.get(index, [line]))
        out.extend(after.get(index, []))
    ends_with_newline = bool(lines) and lines[-1] != body[-1]
    return newline.join(out) + (newline if ends_with_newline else "")


class Adopter:
    """Reads, recognizes and rewrites files with one project's settings."""

    def __init__(self, settings: Settings, plain_id: str | None):
        self.settings = settings
        self.plain_id = plain_id

    def vocabulary(self, path: Path) -> Vocabulary:
        from ..plain.vocabulary import Vocabulary

        vocabulary = Vocabulary.of(self.settings, lambda node: self.spec_link(path, node))
        return replace(vocabulary, id_format=self.plain_id) if self.plain_id else vocabulary

    def spec_link(self, path: Path, node: nodes.Element) -> str | None:
        """A link to another spec file (``001-core.md``, ``../0042-backups/README.md``): its ID."""
        target = str(node.get("refuri") or node.get("refname") or "").partition("#")[0]
        if not target.endswith(".md") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target):
            return None
        linked = (path.parent / target).resolve()
        if linked == path.resolve():
            return None
        found = self.read(linked, links=False)
        return found[1] if found is not None else None

    def read(self, path: Path, *, links: bool = True) -> tuple[str, str | None] | None:
        """(text, spec ID) of a spec file in either form; None: unreadable or not a spec."""
        from ..plain.recognizer import recognize

        try:
            text = decode(path.read_bytes())[0]
        except (OSError, UnicodeDecodeError):
            return None
        directive = _DIRECTIVE.search(text)
        if directive is not None:
            return text, directive.group(2) or None
        vocabulary = self.vocabulary(path)
        if not links:
            vocabulary = replace(vocabulary, spec_link=None)
        found = recognize(parse(text, str(path))[0], str(path), vocabulary)
        return None if found is None else (text, found.spec_id)

    def adopt(self, path: Path, out: TextIO, to_stdout: bool) -> int:
        from ..plain.recognizer import recognize

        try:
            data = path.read_bytes()
            text, bom, encoding = decode(data)
        except OSError as exc:
            print(f"sphinx-specs adopt: cannot read {path}: {exc.strerror}", file=sys.stderr)
            return 2
        except UnicodeDecodeError as exc:
            print(f"sphinx-specs adopt: cannot read {path}: not UTF-8 ({exc})", file=sys.stderr)
            return 2
        if _DIRECTIVE.search(text):
            print(f"{path}: already in the directive form; left as it is", file=sys.stderr)
            return 0
        document, tokens = parse(text, str(path))
        found = recognize(document, str(path), self.vocabulary(path))
        if found is None:
            print(
                f"{path}: not a plain spec (an H1 followed by **Field:** value bullets); "
                "left as it is",
                file=sys.stderr,
            )
            return 1
        for problem in found.problems:
            print(
                f"{path}:{problem.line}: specs.{problem.subtype}: {problem.message}",
                file=sys.stderr,
            )
        if found.spec_id is None:
            return 1
        if found.metadata.tagname != "bullet_list":
            shape = found.metadata.tagname.replace("_", " ")
            print(
                f"{path}: a plain spec whose metadata is a {shape}; adopt rewrites "
                "bullet-list metadata only, so it is left as it is (plain mode "
                "reads it as it is)",
                file=sys.stderr,
            )
            return 1
        result = rewrite(text, tokens, found, default_template=self.settings.default_template)
        if to_stdout:
            out.write(result)
            return 0
        path.write_bytes(bom + result.encode(encoding))
        kinds = Counter(kind for _, kind in found.lists)
        detail = ", ".join(f"{n} {k} list{'s' * (n != 1)}" for k, n in sorted(kinds.items()))
        print(f"{path}: adopted as {found.spec_id}" + (f" ({detail})" if detail else ""), file=out)
        return 0


def cmd_adopt(args: argparse.Namespace, out: TextIO) -> int:
    from .project import find_conf_dir, load_settings

    status = 0
    adopters: dict[Path | None, Adopter] = {}
    for name in args.files:
        path = Path(name)
        given = getattr(args, "conf_dir", None)
        conf_dir = Path(given) if given else find_conf_dir(path.parent)
        if conf_dir not in adopters:
            settings, problems = load_settings(conf_dir)
            for problem in problems:
                print(f"sphinx-specs adopt: {problem}", file=sys.stderr)
            adopters[conf_dir] = Adopter(settings, args.plain_id)
        status = max(status, adopters[conf_dir].adopt(path, out, args.stdout))
    return status
