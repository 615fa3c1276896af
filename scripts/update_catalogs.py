"""Keep the message catalogs in step with the code: ``python scripts/update_catalogs.py``
(``make catalogs``).

1. extracts every ``_("...")`` / ``N_("...")`` of the package, plus the core's English
   vocabulary (``sphinxcontrib_specs.i18n.core_messages``), into ``locale/sphinxcontrib_specs.pot``;
2. merges the template into each ``locale/<lang>/LC_MESSAGES/sphinxcontrib_specs.po`` (new
   messages arrive untranslated, removed ones are dropped);
3. compiles each ``.po`` to the ``.mo`` beside it, which the package ships.

Babel is a dependency of Sphinx, so nothing else is needed. tests/test_i18n.py checks that the
template, the catalogs and the compiled files agree with the code.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "sphinxcontrib_specs"
LOCALE = PACKAGE / "locale"
DOMAIN = "sphinxcontrib_specs"
POT = LOCALE / f"{DOMAIN}.pot"
#: A fixed date, so the template changes only when its messages do.
CREATED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
WIDTH = 100
HEADER = """\
# {language} labels of sphinx-specs; docs/guide/translations.md says how to contribute.
# This file is distributed under the same license as sphinx-specs (MIT)."""


def extract() -> Catalog:
    """The template: every marked message of the package and the core's vocabulary."""
    sys.path.insert(0, str(REPO))
    from sphinxcontrib_specs.i18n import core_messages

    template = Catalog(
        project="sphinx-specs",
        domain=DOMAIN,
        creation_date=CREATED,
        revision_date=CREATED,
        fuzzy=False,
        charset="utf-8",
        copyright_holder="The sphinx-specs developers",
        msgid_bugs_address="https://github.com/sphinx-specs/sphinx-specs/issues",
        header_comment=HEADER.format(language="The"),
    )
    keywords = {"_": DEFAULT_KEYWORDS["_"], "N_": None}
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=keywords,
        comment_tags=("Translators:",),
    )
    for filename, lineno, message, comments, _context in found:
        where = (f"sphinxcontrib_specs/{filename}", lineno)
        template.add(message, locations=[where], auto_comments=comments)
    for message in core_messages():
        if message not in template:
            template.add(message, auto_comments=["A label or column title from core/."])
    return template


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(
            handle,
            catalog,
            width=WIDTH,
            sort_output=True,
            include_previous=False,
            include_lineno=False,  # so that moving code does not touch every catalog
        )


def compile_mo(catalog: Catalog, path: Path) -> None:
    with path.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)


def main() -> int:
    template = extract()
    write(POT, template)
    for language in languages():
        path = po_path(language)
        catalog = read(path, language)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.header_comment = HEADER.format(language=catalog.locale.english_name)
        catalog.msgid_bugs_address = template.msgid_bugs_address
        catalog.obsolete.clear()
        write(path, catalog)
        compile_mo(read(path, language), path.with_suffix(".mo"))
        missing = [m.id for m in catalog if m.id and not m.string]
        if missing:
            print(f"{language}: {len(missing)} untranslated: {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
