"""Translated labels: everything the extension writes for readers goes through :func:`_`.

The message catalog ``sphinxcontrib_specs`` ships compiled in the package
(``locale/<lang>/LC_MESSAGES/sphinxcontrib_specs.mo`` beside its ``.po``, as Sphinx ships its
own), and Sphinx picks the language from ``language`` in ``conf.py``. A message without a
translation, and every message for a language without a catalog, stays English.

What is not translated, on purpose: warnings and command-line output (developer-facing, the same
words as the docs and the issue tracker), status names and labels the user wrote (a template's
own labels, ``specs_fields``), dates (ISO) and specs.json. Plain specs are *read* with the
English labels whatever the language: translation is for output only, so it lives here, on the
Sphinx side, and the Sphinx-free core keeps its English vocabulary.

The core's vocabulary (card labels, column titles) cannot call Sphinx's ``get_translation``;
:func:`builtin_label` translates those strings at render time, and :func:`core_messages` lists
them for ``scripts/update-catalogs``, which extracts every ``_("...")`` of the package too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import locale

from .core.lazyre import lazy_compile
from .core.reportdefs import COLUMN_TITLES, STATS_BY
from .core.templates.builtin import BUILTIN_TEMPLATES
from .core.templates.model import DEFAULT_LABELS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx

    from .core.templates.model import Template

#: The message catalog's name: ``<lang>/LC_MESSAGES/sphinxcontrib_specs.{po,mo}``.
CATALOG = "sphinxcontrib_specs"
#: Where the catalogs live (read when Sphinx starts; tests point it elsewhere).
LOCALE_DIR = Path(__file__).parent / "locale"
#: The languages that ship a catalog.
LANGUAGES: tuple[str, ...] = ("de", "es", "fr", "ja", "zh_CN")

_translate = locale.get_translation(CATALOG)


def _(message: str) -> str:
    """``message`` in the build's language (English when there is no translation)."""
    return str(_translate(message))


def N_(message: str) -> str:
    """Marks ``message`` for the catalog without translating it (it is translated later)."""
    return message


#: Card labels that are not in the core's DEFAULT_LABELS (``Template.label`` capitalizes them),
#: and the states of a traceability row (``core.traceability.TraceRow.state``).
EXTRA_LABELS: tuple[str, ...] = (
    N_("Since"),
    N_("History"),
    N_("done"),
    N_("covered"),
    N_("not covered"),
    N_("at risk"),
)


def core_messages() -> list[str]:
    """The core's English vocabulary that the output shows: card labels of the built-in
    templates, table column titles, the stats table's first header."""
    found = [
        *DEFAULT_LABELS.values(),
        *(label for t in BUILTIN_TEMPLATES.values() for label in t.labels.values()),
        *COLUMN_TITLES.values(),
        *STATS_BY.values(),
        *EXTRA_LABELS,
    ]
    return list(dict.fromkeys(found))


_VOCABULARY = frozenset(core_messages())
_PLACEHOLDER = lazy_compile(r"\{(\w+)\}")


def builtin_label(label: str) -> str:
    """A label translated when it is one of the extension's own English labels; a label the
    user wrote (a template's ``labels``, ``specs_fields``) stays as written."""
    return _(label) if label in _VOCABULARY else label


def card_label(template: Template, option: str) -> str:
    """The card label of ``option``: the built-in label translated, a label the user gave the
    template (``specs_templates``) as written. A label spelled like the built-in template's own
    counts as the built-in one."""
    own = template.labels.get(option)
    builtin = BUILTIN_TEMPLATES.get(template.name)
    if own and own != (builtin.labels.get(option) if builtin else None):
        return own
    return builtin_label(template.label(option))


def fill(message: str, **parts: Sequence[nodes.Node] | str) -> list[nodes.Node]:
    """The nodes of a translated sentence with ``{name}`` placeholders, each replaced by its
    nodes (links) or text, so a translation may put them where its grammar wants them."""
    result: list[nodes.Node] = []
    text = ""
    for i, piece in enumerate(_PLACEHOLDER.split(message)):
        part = parts.get(piece) if i % 2 else None
        if i % 2 == 0:
            text += piece
        elif part is None:
            text += f"{{{piece}}}"
        elif isinstance(part, str):
            text += part
        else:
            if text:
                result.append(nodes.Text(text))
            result.extend(part)
            text = ""
    if text:
        result.append(nodes.Text(text))
    return result


def from_project(name: str) -> str:
    """``, from platform``: the tail of an imported spec's tooltip (``specs_import``)."""
    # Translators: after an imported spec's title and status; {name} is the imported project
    return _(", from {name}").format(name=name)


def setup_i18n(app: Sphinx) -> None:
    """Load the catalog for ``language``. Sphinx merges catalogs loaded earlier in the same
    process into the new one (a German build followed by a Japanese one would stay German),
    so the extension's own translator is dropped first."""
    locale.translators.pop(("general", CATALOG), None)
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
