"""Docs-only directives that render reference tables from the extension's own code.

``specs-config-table``, ``specs-template``, ``specs-warnings-table``: the configuration values
(:class:`SpecsConfig`), a built-in template and the warning subtypes, so the reference pages can
never drift from the code. ``specs-translations-table``: the shipped catalogs, message by message.
"""

from __future__ import annotations

from dataclasses import MISSING, fields

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from sphinxcontrib_specs.config import BUILTIN_ITEM_KINDS, ITEM_ALIASES, SpecsConfig
from sphinxcontrib_specs.core.templates.builtin import BUILTIN_TEMPLATES
from sphinxcontrib_specs.render.tables import build_table
from sphinxcontrib_specs.integrations.imports import IMPORT_HELP
from sphinxcontrib_specs.warnings_ import SpecsWarning


def table(headers: list[str], rows: list[list[nodes.Node | str]], widths: list[int]) -> nodes.table:
    return build_table(headers, rows, widths=widths)


def literal(text: str) -> nodes.literal:
    return nodes.literal(text, text)


class ConfigTable(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = []
        for field in fields(SpecsConfig):
            default = field.default_factory() if field.default_factory is not MISSING else field.default
            rows.append([literal(f"specs_{field.name}"), literal(repr(default)), field.metadata["help"]])
        rows.append([literal("specs_import"), literal("{}"), IMPORT_HELP])
        return [table(["name", "default", "what it does"], rows, [25, 30, 45])]


def gate_text(rules) -> str:
    """A gate's rules as a reader writes them in conf.py."""
    parts = []
    if rules.sections:
        parts.append("sections " + ", ".join(repr(t) for t in rules.sections))
    if rules.questions_resolved:
        parts.append("questions_resolved")
    if rules.approvals:
        parts.append(f"approvals {rules.approvals}")
    if rules.fields:
        parts.append("fields " + ", ".join(rules.fields))
    if rules.dod_done:
        parts.append("dod_done")
    if not rules.later:
        parts.append("not for later statuses")
    return ", ".join(parts)


class TemplateTable(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        template = BUILTIN_TEMPLATES[self.arguments[0]]
        facts = nodes.bullet_list()
        for label, value in (
            ("statuses", ", ".join(template.statuses)),
            ("done statuses", ", ".join(template.done_statuses) or "none"),
            ("inactive statuses", ", ".join(template.inactive_statuses) or "none"),
            ("fields (card labels)", ", ".join(f"{template.label(f)} (:{f}:)" for f in template.fields)),
            ("status gates", "; ".join(f"{status}: {gate_text(rules)}" for status, rules in template.gates.items()) or "none"),
        ):
            facts += nodes.list_item("", nodes.paragraph("", f"{label}: {value}"))
        rows = []
        for depth, section in template.walk_sections():
            title = ("\u00a0" * 4 * depth) + section.title
            need = "required" if section.required else "optional"
            if section.required and section.required_from:
                need = f"required from {section.required_from}"
            rows.append([title, need, section.hint or "\u2014"])
        return [facts, table(["section", "", "hint (placeholder text)"], rows, [35, 12, 53])]


class WarningsTable(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = [
            [literal(f"specs.{member.value}"), member.description]
            for member in SpecsWarning
        ]
        return [table(["subtype", "when"], rows, [20, 80])]


class ItemKindsTable(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        aliases = {target: alias for alias, target in ITEM_ALIASES.items()}
        rows = []
        for kind in BUILTIN_ITEM_KINDS:
            name = kind.directive + (f" (alias {aliases[kind.directive]})" if kind.directive in aliases else "")
            rows.append([literal(name), kind.kind, f"{kind.prefix}1, {kind.prefix}2, ...", "yes" if kind.checkable else "no"])
        return [table(["directive", "kind", "auto IDs", "checkbox"], rows, [35, 20, 25, 20])]


class TranslationsTable(SphinxDirective):
    """Every message of the catalog template and its translation in each shipped language (a
    language's cell is empty where its catalog has none: the reader sees English)."""

    def run(self) -> list[nodes.Node]:
        from babel.messages.pofile import read_po

        from sphinxcontrib_specs.i18n import CATALOG, LANGUAGES, LOCALE_DIR

        def read(path):
            self.env.note_dependency(str(path))
            with path.open("rb") as handle:
                return read_po(handle)

        template = read(LOCALE_DIR / f"{CATALOG}.pot")
        catalogs = [read(LOCALE_DIR / lang / "LC_MESSAGES" / f"{CATALOG}.po") for lang in LANGUAGES]
        rows = []
        for message in sorted((m for m in template if m.id), key=lambda m: m.id.casefold()):
            found = [c.get(message.id) for c in catalogs]
            rows.append([message.id, *[m.string if m is not None else "" for m in found]])
        return [table(["English", *LANGUAGES], rows, [25, *(15 for _ in LANGUAGES)])]


def setup(app):
    app.add_directive("specs-translations-table", TranslationsTable)
    app.add_directive("specs-config-table", ConfigTable)
    app.add_directive("specs-template", TemplateTable)
    app.add_directive("specs-warnings-table", WarningsTable)
    app.add_directive("specs-item-kinds-table", ItemKindsTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
