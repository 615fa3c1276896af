"""The HTML pieces of the visitors (``render.html``): the same tags and escaping as the
translator's own ``starttag()``, ``encode()`` and ``attval()``, and a theme's own kept."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("name", "attributes", "empty"),
    [
        ("a", {"href": "spec0001.html#a", "title": 'SPEC-1: "Tabs" & <more>'}, False),
        ("td", {"CLASS": "specs-col-status"}, False),
        ("tr", {"CLASS": "specs-inactive  specs-row specs-inactive"}, False),
        ("span", {"CLASS": "", "data-sort": "0.5000"}, False),
        ("SPAN", {"role": "progressbar", "aria-valuenow": "3", "style": "width: 60%"}, False),
        ("a", {"href": "mailto:ann@example.org", "title": "line\nbreak\tand tab"}, False),
        ("input", {"type": "checkbox", "checked": "checked", "CLASS": "specs-checkbox"}, True),
        ("code", {"CLASS": "language-python literal"}, False),
    ],
)
@pytest.mark.parametrize("mailto", [False, True])
def test_start_tag_writes_what_starttag_writes(name, attributes, empty, mailto):
    """The report visitors' own tag builder gives docutils' text for a tag of no node."""
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from docutils.writers.html5_polyglot import HTMLTranslator, Writer

    from sphinxcontrib_specs.render.html import start_tag

    settings = get_default_settings(Writer)
    settings.cloak_email_addresses = True
    translator = HTMLTranslator(new_document("<test>", settings))  # Sphinx's translator's base
    translator.in_mailto = mailto
    expected = translator.starttag(nodes.inline(), name, "", empty, **attributes)
    assert start_tag(translator, name, attributes, empty=empty) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Keep backups in object storage",
        'Tabs\tand "quotes" & <tags> @ once',
        "line\nbreak\r\x0bvertical\x0cfeed",
        "non\u00a0breaking, caf\u00e9, \u65e5\u672c\u8a9e, \u2026",
        "&amp; already an entity",
        "",
    ],
)
def test_encode_and_attval_write_what_the_translator_writes(text):
    """The report visitors' escaping gives the translator's own text."""
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from docutils.writers.html5_polyglot import HTMLTranslator, Writer

    from sphinxcontrib_specs.render.html import attval, encode

    translator = HTMLTranslator(new_document("<test>", get_default_settings(Writer)))
    assert encode(translator, text) == translator.encode(text)
    assert attval(translator, text) == translator.attval(text)


def test_a_translator_with_its_own_escaping_or_tags_keeps_them():
    """A theme's translator that escapes or writes tags its own way is used as it is."""
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from docutils.writers.html5_polyglot import HTMLTranslator, Writer

    from sphinxcontrib_specs.render.html import attval, encode, start_tag

    class OwnEscaping(HTMLTranslator):
        def encode(self, text):
            return super().encode(text).upper()

    class OwnTags(HTMLTranslator):
        def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
            return super().starttag(node, tagname, suffix, empty, **attributes, role="x")

    document = new_document("<test>", get_default_settings(Writer))
    escaping = OwnEscaping(document)
    assert encode(escaping, "a & b") == "A &AMP; B"
    assert attval(escaping, "a & b") == "A &AMP; B"
    assert start_tag(escaping, "td", {"title": "t"}) == '<td title="T">'
    tags = OwnTags(document)
    assert start_tag(tags, "td", {"CLASS": "c"}) == '<td class="c" role="x">'
    assert encode(tags, "a & b") == "a &amp; b"
