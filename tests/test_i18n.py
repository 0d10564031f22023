"""Languages and dates: which strings, which date format, which catalogs ship.

Dates follow one rule (:func:`pelican.plugins.scholar.i18n.write_date`): an
explicit ``SCHOLAR_DATE_FORMAT``, else the site's own Pelican format
(``DATE_FORMATS``, ``DEFAULT_DATE_FORMAT``), else Babel's ``long`` in each
post's language. Strings follow the site's language; one without a catalog
is English with one warning. The compiled ``.mo`` catalogs (wheel, ``make
setup``) serve i18n_subsites, and ``messages.pot`` is what pybabel extracts.
"""

from __future__ import annotations

import gettext
import io
import logging
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from conftest import NO_FEEDS_NO_CACHE, REPO_ROOT, build_or_fail, run_pelican, soup
from pelican.contents import Article
from pelican.tests.support import get_settings

from pelican.plugins.scholar.i18n import language_name, write_date

TRANSLATIONS = REPO_ROOT / "theme" / "translations"

SITE_CONFIG = (
    """\
from pelican.plugins.scholar import theme_path

AUTHOR = "Test Author"
SITENAME = "Dates and Languages"
PATH = "content"
THEME = theme_path()
PLUGINS = {plugins!r}
TIMEZONE = "UTC"
DEFAULT_LANG = {lang!r}
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
"""
    + NO_FEEDS_NO_CACHE
)

POSTS = {
    "english.md": "Title: English Post\nDate: 2026-03-07\nTags: dates\n\nSome words.\n",
    "french.md": (
        "Title: Article en français\nDate: 2026-03-07\nLang: fr\nTags: dates\n\n"
        "Quelques mots.\n"
    ),
}


def make_site(
    root: Path,
    extra: str = "",
    *,
    lang: str = "en",
    plugins: tuple[str, ...] = ("pelican.plugins.scholar",),
    posts: dict[str, str] = POSTS,
) -> Path:
    site = root / "site"
    (site / "content").mkdir(parents=True)
    config = SITE_CONFIG.format(plugins=list(plugins), lang=lang) + extra
    (site / "pelicanconf.py").write_text(config, encoding="utf-8")
    for name, text in posts.items():
        (site / "content" / name).write_text(text, encoding="utf-8")
    return site


def text(element) -> str:
    return " ".join(element.get_text(" ").replace("\xa0", " ").split())


def article(title: str, settings_overrides: dict, **metadata) -> Article:
    settings = get_settings(**settings_overrides)
    return Article(
        "<p>body</p>",
        metadata={"title": title, "date": datetime(2026, 3, 7, 9, 30), **metadata},
        settings=settings,
        source_path=f"{title}.md",
    )


# The rule, on Pelican's own content objects ---------------------------------


def test_without_a_site_format_dates_are_babel_long_in_the_post_language() -> None:
    settings = get_settings(DEFAULT_LANG="en")
    english = article("en", {"DEFAULT_LANG": "en"})
    french = article("fr", {"DEFAULT_LANG": "en"}, lang="fr")
    assert write_date(english, settings=settings) == "March 7, 2026"
    assert write_date(french, settings=settings) == "7 mars 2026"


def test_a_site_default_date_format_is_pelicans_own_text() -> None:
    overrides = {"DEFAULT_LANG": "en", "DEFAULT_DATE_FORMAT": "%d/%m/%Y"}
    settings = get_settings(**overrides)
    post = article("en", overrides, modified=datetime(2026, 4, 1))
    assert write_date(post, settings=settings) == "07/03/2026"
    assert write_date(post, "modified", settings=settings) == "01/04/2026"
    assert write_date(date(2026, 3, 7), settings=settings) == "07/03/2026"


@pytest.mark.parametrize("french_format", ["%Y-%m-%d", ("C.UTF-8", "%Y-%m-%d")])
def test_date_formats_pick_the_format_of_the_post_language(french_format) -> None:
    overrides = {"DEFAULT_LANG": "en", "DATE_FORMATS": {"fr": french_format}}
    settings = get_settings(**overrides)
    french = article("fr", overrides, lang="fr")
    english = article("en", overrides)
    assert write_date(french, settings=settings) == "2026-03-07"
    # English has no entry and the default format is Pelican's: Babel.
    assert write_date(english, settings=settings) == "March 7, 2026"


def test_a_post_date_format_metadata_is_honoured() -> None:
    settings = get_settings(DEFAULT_LANG="en")
    post = article("en", {"DEFAULT_LANG": "en"}, date_format="%Y")
    assert write_date(post, settings=settings) == "2026"


def test_an_explicit_scholar_date_format_wins_in_the_post_language() -> None:
    overrides = {
        "DEFAULT_LANG": "en",
        "DEFAULT_DATE_FORMAT": "%d/%m/%Y",
        "DATE_FORMATS": {"fr": "%Y-%m-%d"},
        "SCHOLAR_DATE_FORMAT": "d MMM y",
    }
    settings = get_settings(**overrides)
    assert write_date(article("en", overrides), settings=settings) == "7 Mar 2026"
    french = article("fr", overrides, lang="fr")
    assert write_date(french, settings=settings) == "7 mars 2026"


def test_a_post_lang_babel_does_not_know_falls_back_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = get_settings(DEFAULT_LANG="fr")
    post = article("odd", {"DEFAULT_LANG": "fr"}, lang="klingon")
    with caplog.at_level(logging.WARNING):
        assert write_date(post, settings=settings) == "7 mars 2026"
    assert "odd.md" in caplog.text
    assert "'klingon'" in caplog.text


# Built sites: listings and articles agree -----------------------------------


def dates_shown(output: Path) -> dict[str, set[str]]:
    """Every date text shown for each post title, on its page and in listings."""
    shown: dict[str, set[str]] = {}
    for page in ("english-post.html", "article-en-francais-fr.html"):
        html = soup(output / page)
        title = text(html.select_one("main h1"))
        shown.setdefault(title, set()).add(text(html.select_one("main time")))
    for listing in ("index.html", "tags/index.html", "archives.html"):
        for item in soup(output / listing).select("main .post-item, main .post-line"):
            title = text(item.select_one("a"))
            shown.setdefault(title, set()).add(text(item.select_one("time")))
    return shown


@pytest.mark.parametrize(
    ("extra", "english", "french"),
    [
        ("", "March 7, 2026", "7 mars 2026"),
        (
            (
                'DEFAULT_DATE_FORMAT = "%d/%m/%Y"\n'
                'DATE_FORMATS = {"fr": ("C.UTF-8", "%Y-%m-%d")}\n'
            ),
            "07/03/2026",
            "2026-03-07",
        ),
        (
            'DEFAULT_DATE_FORMAT = "%d/%m/%Y"\nSCHOLAR_DATE_FORMAT = "full"\n',
            "Saturday, March 7, 2026",
            "samedi 7 mars 2026",
        ),
    ],
    ids=["babel", "site-formats", "scholar-format"],
)
def test_every_page_shows_the_same_date_by_the_rule(
    tmp_path: Path, extra: str, english: str, french: str
) -> None:
    site = make_site(tmp_path, 'LOCALE = ("C.UTF-8", "C")\n' + extra)
    build_or_fail(site, tmp_path / "out")
    assert dates_shown(tmp_path / "out") == {
        "English Post": {english},
        "Article en français": {french},
    }
    # Strings stay in the site's language; the page's language is the post's.
    french_page = soup(tmp_path / "out" / "article-en-francais-fr.html")
    assert french_page.html["lang"] == "fr"
    assert "Published:" in text(french_page.select_one(".post-meta__date"))
    assert soup(tmp_path / "out" / "english-post.html").html["lang"] == "en"


# Unknown languages ------------------------------------------------------------

NO_CATALOG = re.compile(r"has no translations for language '([^']+)'")


@pytest.mark.parametrize(
    ("extra", "lang", "missing", "day"),
    [
        ("", "de", "de", "7. März 2026"),
        ('SCHOLAR_LANGUAGE = "zh_CN"\n', "en", "zh_CN", "2026年3月7日"),
    ],
    ids=["de", "zh_CN"],
)
def test_a_language_without_catalog_is_english_with_one_warning(
    tmp_path: Path, extra: str, lang: str, missing: str, day: str
) -> None:
    posts = {"english.md": POSTS["english.md"]}
    site = make_site(tmp_path, extra, lang=lang, posts=posts)
    result = run_pelican(site, tmp_path / "out", "--fatal", "errors")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert NO_CATALOG.findall(log) == [missing], log
    warning = next(line for line in log.splitlines() if NO_CATALOG.search(line))
    assert "pybabel init" in warning
    assert "pybabel compile" in warning
    assert str(TRANSLATIONS) in warning
    tags = soup(tmp_path / "out" / "tags" / "index.html")
    assert text(tags.select_one("main h1")) == "Posts by Tags"
    assert text(tags.select_one("main .post-item time")) == day


def test_a_default_lang_babel_does_not_know_builds_in_english(tmp_path: Path) -> None:
    # Pelican takes any DEFAULT_LANG; "jp" (not ja) is common in old sites.
    posts = {"english.md": POSTS["english.md"]}
    site = make_site(tmp_path, "", lang="jp", posts=posts)
    result = run_pelican(site, tmp_path / "out", "--fatal", "errors")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "DEFAULT_LANG 'jp' is not a language code Babel knows" in log
    tags = soup(tmp_path / "out" / "tags" / "index.html")
    assert tags.html["lang"] == "jp"  # Pelican's, as the site wrote it
    assert text(tags.select_one("main h1")) == "Posts by Tags"
    assert text(tags.select_one("main .post-item time")) == "March 7, 2026"


# Catalogs installed by something else, and i18n_subsites -----------------------

EARLY_TRANSLATOR = '''\
"""Installs its own catalog at generator_init, before pelican-scholar."""
import gettext

from pelican import signals


class Custom(gettext.NullTranslations):
    def gettext(self, message):
        return "Custom tags page" if message == "Posts by Tags" else message


def install(generator):
    generator.env.add_extension("jinja2.ext.i18n")
    generator.env.install_gettext_translations(Custom(), newstyle=True)


def register():
    signals.generator_init.connect(install)
'''


def test_translations_installed_before_the_plugin_are_kept(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        'PLUGIN_PATHS = ["plugins"]\n',
        plugins=("early_translator", "pelican.plugins.scholar"),
    )
    (site / "plugins").mkdir()
    (site / "plugins" / "early_translator.py").write_text(EARLY_TRANSLATOR)
    build_or_fail(site, tmp_path / "out")
    tags = soup(tmp_path / "out" / "tags" / "index.html")
    assert text(tags.select_one("main h1")) == "Custom tags page"


@pytest.mark.parametrize(
    "plugins",
    [
        ("pelican.plugins.i18n_subsites", "pelican.plugins.scholar"),
        ("pelican.plugins.scholar", "pelican.plugins.i18n_subsites"),
    ],
    ids=["subsites-first", "scholar-first"],
)
def test_i18n_subsites_builds_a_french_subsite_from_the_compiled_catalogs(
    tmp_path: Path, plugins: tuple[str, ...]
) -> None:
    missing = [
        po.with_suffix(".mo")
        for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")
        if not po.with_suffix(".mo").is_file()
    ]
    assert not missing, f"run `make setup` to compile the catalogs: {missing}"
    extra = (
        'JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}\n'
        'I18N_SUBSITES = {"fr": {"SITENAME": "Dates et langues"}}\n'
    )
    site = make_site(tmp_path, extra, plugins=plugins)
    result = run_pelican(site, tmp_path / "out", "--fatal", "errors")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert NO_CATALOG.findall(log) == [], "English and French need no warning"
    english = soup(tmp_path / "out" / "tags" / "index.html")
    french = soup(tmp_path / "out" / "fr" / "tags" / "index.html")
    assert english.html["lang"] == "en"
    assert text(english.select_one("main h1")) == "Posts by Tags"
    assert french.html["lang"] == "fr"
    assert text(french.select_one("main h1")) == "Articles par mot-clé"
    assert text(french.select_one(".post-meta__date")) == "Publié : 7 mars 2026"
    assert text(french.select_one(".post-meta__read-time")) == (
        "moins d\u2019une minute de lecture"
    )


# Catalog files -----------------------------------------------------------------


def catalog_ids(catalog) -> set[object]:
    return {message.id for message in catalog if message.id}


def test_messages_pot_is_what_pybabel_extracts_from_the_templates() -> None:
    with (REPO_ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    extracted = {
        message
        for _, _, message, _, _ in extract_from_dir(
            REPO_ROOT / "theme" / "templates", method_map, options_map
        )
    }
    assert extracted, "babel.cfg finds no strings in theme/templates"
    with (TRANSLATIONS / "messages.pot").open("rb") as pot:
        kept = catalog_ids(read_po(pot))
    command = (
        ".venv/bin/pybabel extract -F babel.cfg --no-location --sort-output"
        ' --project pelican-scholar --copyright-holder "pelican-scholar developers"'
        " -o theme/translations/messages.pot theme/templates"
    )
    assert kept == extracted, (
        f"messages.pot is out of date; regenerate it with: {command}\n"
        f"missing: {sorted(map(str, extracted - kept))}\n"
        f"stale: {sorted(map(str, kept - extracted))}"
    )


@pytest.mark.slow
def test_the_wheel_ships_a_compiled_catalog_for_every_po(wheel: Path) -> None:
    prefix = "pelican/plugins/scholar/theme/translations/"
    catalogs = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    assert catalogs
    with zipfile.ZipFile(wheel) as archive:
        for po_path in catalogs:
            name = (
                prefix + po_path.relative_to(TRANSLATIONS).with_suffix(".mo").as_posix()
            )
            compiled = gettext.GNUTranslations(io.BytesIO(archive.read(name)))
            with po_path.open("rb") as source:
                catalog = read_po(source)
            translated = [m for m in catalog if m.id and m.string and not m.fuzzy]
            assert translated
            for message in translated:
                if isinstance(message.id, tuple):
                    assert compiled.ngettext(*message.id, 2) == message.string[1]
                else:
                    assert compiled.gettext(message.id) == message.string


@pytest.mark.parametrize(
    ("code", "name"),
    [("fr", "Français"), ("de", "Deutsch"), ("pt-BR", "Português (Brasil)"),
     ("en", "English"), ("xx-nonsense", "xx-nonsense")],
)  # fmt: skip
def test_languages_are_named_in_themselves(code: str, name: str) -> None:
    assert language_name(code) == name
