"""What the recognizer knows of a project: its templates, the labels they name (with the common
aliases and ``specs_fields``), the ID format and pattern, and how a link or path names another
spec. A build makes one per environment (:func:`.transform.vocabulary_of`), ``init`` and
``adopt`` one per run; what the templates say is worked out once for it, not once a page."""

from __future__ import annotations

from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING

from ..core.frozen import frozen
from ..core.templates.builtin import BUILTIN_TEMPLATES
from ..core.templates.model import DEFAULT_LABELS
from ..core.templates.titles import normalize_title
from .labels import ALIASES, label_key
from .lists import item_sections

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..config import Settings
    from ..core.templates.model import Template
    from .sources.base import SpecLink
    from .sources.header import HeaderBlock
    from .values import SpecPath

#: The option of a label that a template's ``title_field`` / ``id_field`` names (read, not kept).
_SPECIAL = "-special"

#: The options whose values name specs (a link to a spec file there is a link to that spec).
SPEC_OPTIONS = frozenset({"supersedes", "depends-on", "related"})


#: A file or folder name's number: leading (``0042-backups.md``) or after a word and a dash
#: (``eip-1559.md``, ``pep-0008.rst``).
@frozen
class Vocabulary:
    """What the recognizer knows of the project: templates, labels, the ID format, links."""

    templates: Mapping[str, Template]
    id_format: str = "SPEC-{number:03d}"
    extra_fields: Mapping[str, str] = field(default_factory=dict)  # label -> option
    spec_options: frozenset[str] = SPEC_OPTIONS
    spec_link: SpecLink | None = None
    #: option -> its field type, for the value readers (:mod:`.values`)
    field_types: Mapping[str, str] = field(default_factory=dict)
    id_pattern: str = r"^[A-Z][A-Z0-9]*-[0-9]+$"
    default_template: str = "proposal"
    #: A path written in a value -> a link to the page it names, see :mod:`.values`.
    spec_path: SpecPath | None = None

    @classmethod
    def of(
        cls,
        settings: Settings,
        spec_link: SpecLink | None = None,
        spec_path: SpecPath | None = None,
    ) -> Vocabulary:
        spec_fields = {n for n, f in settings.fields.items() if f.type == "spec"}
        return cls(
            templates=settings.templates,
            id_format=settings.plain_id,
            extra_fields={f.display: name for name, f in settings.fields.items()},
            spec_options=SPEC_OPTIONS | spec_fields,
            spec_link=spec_link,
            field_types={name: f.type for name, f in settings.fields.items()},
            id_pattern=settings.id_pattern.pattern,
            default_template=settings.default_template,
            spec_path=spec_path,
        )

    @cached_property
    def metadata_sections(self) -> dict[str, str]:
        """Section title (normalized) -> the option it holds, from every template."""
        return {
            normalize_title(title): option
            for template in self.templates.values()
            for title, option in template.metadata_sections.items()
        }

    @cached_property
    def metadata_files(self) -> tuple[str, ...]:
        """The sibling metadata file patterns of every template (the default's first)."""
        first = self.templates.get(self.default_template)
        patterns = [
            *(first.metadata_file if first else ()),
            *(p for t in self.templates.values() for p in t.metadata_file),
        ]
        return tuple(dict.fromkeys(patterns))

    @cached_property
    def date_formats(self) -> tuple[str, ...]:
        first = self.templates.get(self.default_template)
        formats = [
            *(first.date_formats if first else ()),
            *(f for t in self.templates.values() for f in t.date_formats),
        ]
        return tuple(dict.fromkeys(formats))

    @cached_property
    def statuses(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for t in self.templates.values() for s in t.statuses))

    def kind_of(self, option: str) -> str:
        """The value reader an option takes (see :func:`.values.read_value`)."""
        if option in self.spec_options or option == "superseded-by":
            return "spec"
        if option in ("created", "updated"):
            return "date"
        if option in ("authors", "approvers"):
            return "people" if option == "authors" else "text"
        if option == "issues":
            return "issue"
        if option == "tags":
            return "list"
        return self.field_types.get(option, "text")

    # What the templates say, worked out once for the vocabulary (a build keeps one for every
    # page it reads, see .transform), not once a page.

    @cached_property
    def labels(self) -> Mapping[str, str]:
        """Label as matched (:func:`.label_key`) -> the option it names."""
        labels = {label_key(k): v for k, v in ALIASES.items()}
        for option, label in DEFAULT_LABELS.items():
            if option not in ("superseded_by", "needed_by", "referenced_by", "progress"):
                labels.setdefault(label_key(label), option)
        for template in self.templates.values():
            for title, option in template.metadata_sections.items():
                labels.setdefault(label_key(title), option)
            for option, label in template.labels.items():
                labels[label_key(label)] = option
            for option, aliases in template.aliases.items():
                for alias in aliases:
                    labels[label_key(alias)] = option
            for special in (template.title_field, template.id_field):
                if special:
                    labels.setdefault(label_key(special), _SPECIAL)
        for key, option in self.extra_fields.items():
            labels[label_key(key)] = option
        return labels

    def names_core_field(self, label: str) -> bool:
        """``label`` names one of the spec's own fields (status, authors, a date, the ID, the
        title, ...), not only a field of ``specs_fields``."""
        option = self.labels.get(label_key(label))
        return option is not None and option not in self.extra_fields.values()

    def header_is_metadata(self, block: HeaderBlock) -> bool:
        """A header block is a spec's metadata when one of its labels names a field of the
        spec's own (a licence comment's ``SPDX-License-Identifier`` does not); else it stays
        on the page as written. In a Markdown code block (``## Preamble`` and four spaces) it
        must name the spec too, its ID or title: a code sample of ``Date:`` and
        ``Content-Type:`` lines is no header."""
        if block.wrapper == "code":
            named = ("id", "title", _SPECIAL)
            return any(self.labels.get(label_key(e.label)) in named for e in block.entries)
        return any(self.names_core_field(entry.label) for entry in block.entries)

    @cached_property
    def known_labels(self) -> str:
        """The accepted labels, for the message about an unknown one."""
        return ", ".join(sorted(self.labels))

    @cached_property
    def headings(self) -> frozenset[str]:
        """Every template's section titles, normalized."""
        return frozenset(
            normalize_title(t.title)
            for template in self.templates.values()
            for _, t in template.walk_sections()
        )

    @cached_property
    def clues(self) -> dict[str, tuple[tuple[str, ...], frozenset[str]]]:
        """Template name -> its section titles and its own labels (the labels every template
        shares, Status, Authors, ..., say nothing about which one a page follows), as matched."""
        common = {label_key(label) for label in DEFAULT_LABELS.values()}
        result = {}
        for name, template in self.templates.items():
            own = {label_key(x) for x in template.labels.values()} - common
            own |= {label_key(a) for aliases in template.aliases.values() for a in aliases}
            titles = tuple(label_key(t.title) for _, t in template.walk_sections())
            result[name] = (titles, frozenset(own))
        return result

    @cached_property
    def items_by_template(self) -> dict[str | None, dict[str, tuple[str, ...]]]:
        """Template name -> :func:`.item_sections` of it; None: of the built-in templates."""
        result: dict[str | None, dict[str, tuple[str, ...]]] = {
            name: item_sections([template]) for name, template in self.templates.items()
        }
        result[None] = item_sections(BUILTIN_TEMPLATES.values())
        return result
