"""Translated labels: ``language`` in conf.py picks the extension's catalog; what the reader sees
(card labels, banners, table headers, "No specs match", progress, the table's search box) is
translated in HTML, LaTeX and text; status names, labels the user wrote, dates and specs.json are
not; a missing translation, or a language without a catalog, gives English. Also: the shipped
catalogs agree with the code (template, translations, compiled files)."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from conftest import REPO, build, copy_root, outputs, specs_warnings

PACKAGE = REPO / "sphinxcontrib_specs"
LOCALE = PACKAGE / "locale"


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "update_catalogs", REPO / "scripts" / "update_catalogs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogs = _load_script()
_BUILDS: dict[tuple[str, str], Path] = {}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``built(language, builder)``: the output folder of the i18n root, built once."""

    def get(language: str, builder: str = "html") -> Path:
        key = (language, builder)
        if key not in _BUILDS:
            src = copy_root("i18n", tmp_path_factory.mktemp(f"i18n-{language}-{builder}"))
            app = build(src, builder, language=language)
            assert specs_warnings(app) == []
            _BUILDS[key] = Path(app.outdir)
        return _BUILDS[key]

    yield get
    _BUILDS.clear()


def soup(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


def card(outdir: Path, name: str) -> dict[str, str]:
    """The card's rows: label -> value text."""
    rows = soup(outdir, name).select("div.specs-card tbody tr")
    return {
        r.select_one(".specs-label").get_text(strip=True): " ".join(
            r.select_one(".specs-value").get_text().split()
        )
        for r in rows
    }


def banner(outdir: Path, name: str) -> tuple[str, str]:
    found = soup(outdir, name).select_one("div.specs-banner")
    title = found.select_one(".admonition-title").get_text(strip=True)
    body = " ".join(found.select_one("p:not(.admonition-title)").get_text().split())
    return title, body


def headers(table) -> list[str]:
    return [th.get_text(strip=True) for th in table.select("thead th")]


# -- HTML --------------------------------------------------------------------------------------


def test_german_card_labels_and_progress(built):
    out = built("de")
    assert card(out, "new.html") == {
        "Status": "Under Review",
        "Autoren": "@alice",
        # the approval mark's date stays ISO; a requested approval says so in German
        "Genehmigende": "✓ @carol (2026-01-20), @dave (angefragt)",
        "Erstellt": "2026-01-15",
        "Zuletzt aktualisiert": "2026-02-01",
        "Zugehörige Issues": "GH-12",
        "Löst ab": "SPEC-0001",
        "Hängt ab von": "SPEC-0003",
        "Cost center": "CC-7",  # a specs_fields label is the user's
        "Definition of Done": "1 von 2 erledigt",
    }
    assert card(out, "old.html")["Abgelöst durch"] == "SPEC-0002"
    assert card(out, "deferred.html")["Benötigt von"] == "SPEC-0002"


def test_german_banners(built):
    out = built("de")
    assert banner(out, "old.html") == (
        "Abgelöst",
        "SPEC-0001 wurde durch SPEC-0002 abgelöst. Das aktuelle Design steht dort.",
    )
    # the status name stays as the template writes it, inside the translated sentence
    assert banner(out, "deferred.html") == (
        "Deferred",
        "SPEC-0003 hat den Status Deferred: daran wird derzeit nicht gearbeitet.",
    )


def test_german_reports(built):
    page = soup(built("de"), "index.html")
    tables = page.select("table.specs-table")
    assert headers(tables[0]) == ["ID", "Titel", "Status", "Autoren", "Fortschritt", "Hängt ab von"]
    assert "1 von 2 erledigt" in tables[0].get_text()
    assert headers(tables[1]) == ["ID", "Titel", "Status", "Autoren", "Aktualisiert"]
    assert tables[1].select_one("tr.specs-empty").get_text(strip=True) == "Keine passenden Specs"
    matrix = page.select_one("table.specs-matrix-table")
    assert headers(matrix) == ["Eintrag", "Abgedeckt durch", "Issues", "Stand"]
    assert [s.get_text() for s in matrix.select(".specs-state")] == ["abgedeckt", "nicht abgedeckt"]
    coverage = " ".join(page.select_one("p.specs-coverage").get_text().split())
    assert coverage == "Abdeckung: 1 von 2 abgedeckt (50%), 0 von 2 erledigt (0%)."
    assert headers(page.select_one("table.specs-stats-table")) == ["Status", "Specs", "Anteil"]
    assert headers(tables[2]) == ["ID", "Genehmigungen"]
    assert tables[2].select_one("td.specs-col-approvals").get_text() == "1 von 2"


def test_german_table_controls(built):
    """The search box and the counts come from the catalog; specs.js holds no English."""
    controls = soup(built("de"), "index.html").select_one("div.specs-table-controls")
    assert controls.select_one("label.specs-search").get_text(strip=True) == "Suche"
    assert controls.select_one("input.specs-search-input")["placeholder"] == "ID, Titel, Autor..."
    assert controls.select_one("legend").get_text() == "Status"
    assert controls["data-count-all"] == "{total} Specs"
    assert controls["data-count-some"] == "{shown} von {total} Specs angezeigt"
    script = (PACKAGE / "static" / "specs.js").read_text(encoding="utf-8")
    assert "specs shown" not in script


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_report_pages_stay_latin_1(built, language):
    """The extension's own words add no character above U+00FF to a page whose text has none:
    one such character (the search box's ellipsis did) makes Python hold the page, and each of
    Sphinx's copies of it while it is written, at two bytes a character (the benchmark's index
    page: 8.8 MB a copy instead of 4.4 MB)."""
    outdir = built(language)
    for page in ("index.html", "old.html", "deferred.html"):
        html = (outdir / page).read_text(encoding="utf-8")
        above = sorted({char for char in html if ord(char) > 0xFF})
        assert above == [], f"{page}: {above}"


def test_japanese_html(built):
    out = built("ja")
    labels = card(out, "new.html")
    assert labels["ステータス"] == "Under Review"
    assert labels["作成者"] == "@alice"
    assert labels["完了の定義"] == "2 件中 1 件完了"
    assert labels["承認者"] == "✓ @carol (2026-01-20), @dave (承認依頼中)"
    assert card(out, "old.html")["後継仕様"] == "SPEC-0002"
    assert banner(out, "old.html") == (
        "置き換え済み",
        "SPEC-0001 は SPEC-0002 に置き換えられました。現在の設計はそちらを参照してください。",
    )
    page = soup(out, "index.html")
    tables = page.select("table.specs-table")
    assert headers(tables[0]) == ["ID", "タイトル", "ステータス", "作成者", "進捗", "依存先"]
    assert tables[1].select_one("tr.specs-empty").get_text(strip=True) == "該当する仕様はありません"
    assert headers(tables[2]) == ["ID", "承認"]
    assert tables[2].select_one("td.specs-col-approvals").get_text() == "2 件中 1 件"
    controls = page.select_one("div.specs-table-controls")
    assert controls.select_one("label.specs-search").get_text(strip=True) == "検索"


def test_user_labels_and_status_names_stay(built):
    """A template's own labels ("Crew", and "Status" written by the user) and the status
    names are the user's words."""
    for language in ("de", "ja"):
        assert card(built(language), "lean.html") == {"Status": "Doing", "Crew": "@dave"}
        badges = [b.get_text() for b in soup(built(language), "index.html").select(".specs-badge")]
        assert {"Under Review", "Accepted", "Deferred", "Draft", "Doing"} <= set(badges)


# -- LaTeX and text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("de", ["Autoren", "Abgelöst durch", "1 von 2 erledigt", "Keine passenden Specs"]),
        ("ja", ["作成者", "後継仕様", "2 件中 1 件完了", "該当する仕様はありません"]),
    ],
)
def test_latex_source(built, language, words):
    """The .tex text only: a Japanese PDF needs platex/uplatex, which is the user's set-up."""
    tex = (built(language, "latex") / "translatedspecs.tex").read_text(encoding="utf-8")
    for word in words:
        assert word in tex
    assert "Definition of Done" in tex if language == "de" else "完了の定義" in tex
    assert "Superseded by" not in tex and "No specs match" not in tex


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            [
                *("| Autoren ", "| Definition of Done ", "1 von 2 erledigt", "Abdeckung:"),
                *("(genehmigt am 2026-01-20)", "(angefragt)"),  # words, not the HTML's ✓
            ],
        ),
        (
            "ja",
            [
                *("| 作成者 ", "| 完了の定義 ", "2 件中 1 件完了", "カバレッジ:"),
                *("(2026-01-20 承認)", "(承認依頼中)"),
            ],
        ),
    ],
)
def test_text(built, language, expected):
    out = built(language, "text")
    text = (out / "new.txt").read_text(encoding="utf-8") + (out / "index.txt").read_text(
        encoding="utf-8"
    )
    for snippet in expected:
        assert snippet in text
    assert "Authors" not in text and "done" not in text


# -- fallbacks and what stays the same ---------------------------------------------------------


def test_language_without_catalog_is_english(built):
    out = built("pt")
    assert card(out, "old.html") == {
        "Status": "Accepted",
        "Authors": "@bob",
        "Created": "2025-06-01",
        "Superseded by": "SPEC-0002",
    }
    page = soup(out, "index.html")
    assert page.select("table.specs-table")[1].select_one("tr.specs-empty").get_text(
        strip=True
    ) == ("No specs match")
    assert banner(out, "old.html")[0] == "Superseded"


def test_missing_translation_falls_back_to_english(tmp_path, monkeypatch):
    """A German catalog without "Needed by": that label is English, the others German."""
    import sphinxcontrib_specs.i18n as i18n

    with (LOCALE / "de" / "LC_MESSAGES" / "sphinxcontrib_specs.po").open("rb") as handle:
        catalog = read_po(handle, locale="de")
    catalog.delete("Needed by")
    target = tmp_path / "locale" / "de" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "sphinxcontrib_specs.mo").open("wb") as handle:
        write_mo(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    app = build(copy_root("i18n", tmp_path), "html", language="de")
    labels = card(Path(app.outdir), "deferred.html")
    assert labels == {"Status": "Deferred", "Autoren": "@carol", "Needed by": "SPEC-0002"}


def test_specs_json_and_plain_reading_do_not_depend_on_language(built):
    """specs.json is the same bytes in every language; the plain spec's English ``**Status:**``
    bullets are read whatever the language."""
    english = (built("pt") / "specs.json").read_bytes()
    assert (built("de") / "specs.json").read_bytes() == english
    assert (built("ja") / "specs.json").read_bytes() == english
    assert card(built("ja"), "plain/004-plain.html") == {
        "ステータス": "Draft",
        "作成者": "@erin",
        "作成日": "2026-03-01",
        "最終更新日": "2026-03-02",
    }


def test_english_after_german_in_one_process(tmp_path):
    """Sphinx merges catalogs loaded earlier in a process (sphinx-autobuild, a script building
    several languages); the extension's own catalog starts afresh with each application.
    (``sphinx.testing`` clears every catalog after a build, so this uses ``build_main``.)"""
    import sphinx.locale
    from sphinx.cmd.build import build_main

    src = copy_root("i18n", tmp_path)
    try:
        for language in ("de", "en"):
            out = tmp_path / language
            args = ["-q", "-b", "html", "-D", f"language={language}", str(src), str(out)]
            assert build_main(args) == 0
        assert "Authors" in card(tmp_path / "en", "old.html")
        assert "Autoren" in card(tmp_path / "de", "old.html")
    finally:
        sphinx.locale.translators.clear()


# -- the catalogs ------------------------------------------------------------------------------


def test_template_lists_every_message_of_the_code():
    """The committed .pot is what scripts/update_catalogs.py extracts now (run ``make
    catalogs`` after changing a message)."""
    extracted = {m.id for m in catalogs.extract() if m.id}
    committed = {m.id for m in catalogs.read(catalogs.POT) if m.id}
    assert committed == extracted


def _literal_messages() -> set[str]:
    """Every ``_("...")`` and ``N_("...")`` of the package, read with ``ast`` (independently of
    babel); a call with anything but one literal string cannot be extracted."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in ("_", "N_"):
                continue
            arg = node.args[0] if len(node.args) == 1 else None
            if path.name == "i18n.py" and isinstance(arg, ast.Name):
                continue  # builtin_label: the core's vocabulary, listed by core_messages()
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                f"{path.name}:{node.lineno}: _() needs one literal string"
            )
            found.add(arg.value)
    return found


def test_every_message_is_in_the_template():
    from sphinxcontrib_specs.i18n import core_messages

    committed = {m.id for m in catalogs.read(catalogs.POT) if m.id}
    assert _literal_messages() | set(core_messages()) == committed


def test_shipped_languages():
    from sphinxcontrib_specs.i18n import LANGUAGES

    assert catalogs.languages() == sorted(LANGUAGES) == ["de", "es", "fr", "ja", "zh_CN"]


_FIELD = re.compile(r"\{\w*\}")


@pytest.mark.parametrize("language", ["de", "es", "fr", "ja", "zh_CN"])
def test_catalog_is_complete_and_compiled(language):
    """Every message translated, none fuzzy, the same ``{fields}``; the shipped .mo holds
    exactly the .po's translations."""
    path = catalogs.po_path(language)
    catalog = catalogs.read(path, language)
    template = {m.id for m in catalogs.read(catalogs.POT) if m.id}
    messages = {m.id: m for m in catalog if m.id}
    assert set(messages) == template
    assert not catalog.obsolete
    for message in messages.values():
        assert message.string, f"{language}: {message.id!r} is not translated"
        assert not message.fuzzy, f"{language}: {message.id!r} is fuzzy"
        assert sorted(_FIELD.findall(message.string)) == sorted(_FIELD.findall(message.id))
        if message.id.startswith("(no "):
            # groups named "(no ...)" sort after the others (render/table.py)
            assert message.string.startswith("(")
    with path.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    shipped = {k: v for k, v in compiled._catalog.items() if k}
    assert shipped == {m.id: m.string for m in messages.values()}


def test_dates_stay_iso(built):
    for language in ("de", "ja"):
        assert card(built(language), "new.html")["作成日" if language == "ja" else "Erstellt"] == (
            "2026-01-15"
        )


def test_parallel_build_is_the_same(built, tmp_path):
    """Parallel writers (forked workers) translate with the same catalog."""
    app = build(copy_root("i18n", tmp_path), "html", parallel=2, language="de")
    assert outputs(Path(app.outdir)) == outputs(built("de"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", {"Statut": "Accepted", "Auteurs": "@bob", "Remplacée par": "SPEC-0002"}),
        ("es", {"Estado": "Accepted", "Autores": "@bob", "Reemplazada por": "SPEC-0002"}),
        ("zh_CN", {"状态": "Accepted", "作者": "@bob", "后继规范": "SPEC-0002"}),
    ],
)
def test_other_shipped_languages(built, language, expected):
    labels = card(built(language), "old.html")
    assert {k: v for k, v in labels.items() if k in expected} == expected


def test_text_tables_fit_wide_characters(built):
    """A column is as wide as its widest text in display columns (a CJK character takes
    two), so the text writer does not break a two-character header in half."""
    index = (built("zh_CN", "text") / "index.txt").read_text(encoding="utf-8")
    assert "| ID  | 标题 | 状态 | 作者 | 更新日期 |" in index


@pytest.fixture
def german():
    """The extension's catalog loaded for German, as ``setup_i18n`` does, then dropped."""
    import sphinx.locale

    from sphinxcontrib_specs.i18n import CATALOG, LOCALE_DIR

    sphinx.locale.translators.pop(("general", CATALOG), None)
    sphinx.locale.init([LOCALE_DIR], "de", CATALOG)
    yield
    sphinx.locale.translators.pop(("general", CATALOG), None)


def test_history_words(german, monkeypatch):
    """The card's history (it needs git, so it is checked here without a build)."""
    from sphinxcontrib_specs.core.history import Change, History
    from sphinxcontrib_specs.render.card import since_text
    from sphinxcontrib_specs.render.historycard import change_text, history_segment

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772755200")  # 2026-03-06
    assert since_text("Under Review", "2026-03-02") == "Under Review seit 2026-03-02 (4 Tage)"
    assert since_text("Draft", "2026-03-05") == "Draft seit 2026-03-05 (1 Tag)"
    first = Change("2026-03-01", "", "Ann", None, "Draft")
    second = Change("2026-03-02", "1a2b3c4d", "Ann", "Draft", "Under Review")
    assert change_text(first) == "2026-03-01 erstellt als Draft (nicht committet, Ann)"
    assert change_text(second) == "2026-03-02 Draft -> Under Review (1a2b3c4, Ann)"
    summary = history_segment(History(changes=[first, second], complete=False)).summary
    assert summary == "2 Statusänderungen (unvollständig: flacher Klon)"


# -- marks of the trace links: suspect (needs git) and imported specs ---------------------------


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize(
    ("language", "mark", "tooltip"),
    [
        ("de", "verdächtig seit 2026-03-02", "SPEC-0001.G1 wurde am 2026-03-02 geändert (Commit "),
        ("ja", "2026-03-02 から要確認", "2026-03-02 に SPEC-0001.G1 が変更されました (コミット "),
    ],
)
def test_suspect_mark(tmp_path, language, mark, tooltip):
    """The matrix's suspect mark and its tooltip; the date stays ISO (tests/test_suspect.py
    makes the repository)."""
    from test_history import Repo
    from test_history import build as git_build
    from test_suspect import matrix_cells, page, reword_goal

    repo = Repo(tmp_path / "repo")
    dod = ["[ ] Restore tested {covers}`G1`", "[ ] Keys rotated {covers}`G2`"]
    files = {"backups.md": page(["Restore in 5 minutes.", "Encrypt at rest."], dod)}
    repo.commit(
        {**files, "matrix.md": "# Matrix\n\n```{spec-matrix}\n```\n"}, "2026-01-05T10:00:00Z"
    )
    reword_goal(repo)
    out = tmp_path / "out"
    result = git_build(repo.path, out, "-D", f"language={language}")
    assert result.returncode == 0, result.stderr
    first, second = matrix_cells(out)
    found = BeautifulSoup(first, "html.parser").select_one("span.specs-suspect")
    assert found.get_text() == f"\N{WARNING SIGN} {mark}"
    assert tooltip in found["title"]
    assert "suspect" not in found["title"] and "specs-suspect" not in second


@pytest.mark.parametrize(
    ("language", "tail"), [("de", ", aus platform"), ("ja", "、platform からインポート")]
)
def test_imported_spec_tooltip(tmp_path, language, tail):
    """A link to an imported spec (specs_import) says where the spec comes from; the graph's
    node tooltip too. The project's name is the user's."""
    app = build(copy_root("import", tmp_path), language=language)
    html = (Path(app.outdir) / "backups.html").read_text(encoding="utf-8")
    assert f'title="Job runner (Accepted){tail}"' in html
    assert "from platform" not in html
