"""Signal handlers: where Pelican's objects meet the plugin's pure functions.

They use Pelican's documented API only: signals, settings, the reader
classes of ``readers_init``, and the attributes of content objects (the
rendered body ``_content`` and the ``_summary`` that Pelican lets plugins
write, see ``Content.refresh_metadata_intersite_links``). What they set on
posts and give templates is listed in the README ("What the plugin adds"),
and the settings are in its settings table.

Facts are computed on the generator-finalized signals, from ``_content``
(the rendered body before link resolution), on every build: values are right
for objects loaded from Pelican's content cache too, and ``{filename}`` links
in summaries are resolved afterwards by Pelican itself; a summary Pelican
memoised before that (a plugin read it) is forgotten once they are
(:func:`forget_early_summaries`, through Pelican's memo of summaries,
:mod:`.pelican_memo`).
"""

from __future__ import annotations

import logging
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from pelican.generators import PelicanTemplateNotFound
from pelican.readers import MarkdownReader

from . import search_index
from . import settings as scholar_settings
from .build import build_of
from .citation import bibtex
from .code_languages import add_code_language_extension
from .collections import CollectionsGenerator, exclude_folders
from .content_blocks import content_blocks_filter, has_highlighted_code
from .excerpts import EXTRACTED, excerpt_filter
from .front_matter import front_matter_reader
from .htmltokens import read_text
from .i18n import (
    language_name,
    load_translations,
    string_language,
    translations_dir,
    write_date,
    write_month,
    write_period,
)
from .link_settings import (
    is_page_relative,
    link_address,
    link_pairs,
    malformed_link_entries,
)
from .machine_dates import iso_datetime
from .pelican_memo import summary_memo
from .permalinks import add_permalink_extension
from .plain_titles import title_escaping_reader
from .post_citations import add_citation_extension, cite_in_all
from .pygments_css import highlight_css
from .readtime import WordCount, count_words, reading_minutes
from .related import chronological_neighbours, related_by_tags
from .series import series_places
from .site_links import (
    absolute_site_url,
    drop_leading_slashes,
    posts_by_tags_path,
    supply_tags_page_urls,
    tag_link_path,
    unwritten_url,
)
from .summary import authored_summary
from .tags import find_slug_collisions, group_posts_by_tag, tag_anchor
from .toc import has_own_toc, shows_theme_toc, toc_choice

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pelican import Pelican
    from pelican.contents import Content
    from pelican.generators import ArticlesGenerator, Generator, PagesGenerator
    from pelican.readers import Readers

    from .facts import Facts

logger = logging.getLogger(__name__)


def configure(pelican: Pelican) -> None:
    """Fill in the plugin's defaults and stop the build on an invalid setting."""
    settings = pelican.settings
    scholar_settings.apply_defaults(settings)
    scholar_settings.validate(settings)
    dropped = drop_leading_slashes(settings)
    if dropped:
        logger.info(
            "Read without their leading '/', as the theme writes SITEURL/ before"
            " them: %s",
            ", ".join(dropped),
        )
    supply_tags_page_urls(settings)
    exclude_folders(settings)
    for problem in malformed_link_entries(settings):
        logger.warning("%s", problem)


def add_collections_generator(pelican: Pelican) -> type[CollectionsGenerator]:
    """Add the generator of publications, talks, teaching and portfolio."""
    return CollectionsGenerator


def install_markdown_readers(readers: Readers) -> None:
    """Swap the Markdown reader classes, in the one order that works.

    Front matter first, so that the title-escaping subclass wraps it and
    escapes titles from front matter too.
    """
    read_yaml_front_matter(readers)
    escape_markdown_titles(readers)
    if readers.settings.get("SCHOLAR_CITATIONS", True):
        add_citation_extension(readers.settings)
    add_code_language_extension(readers.settings)
    if readers.settings.get("SCHOLAR_QUIET_PERMALINKS", True):
        add_permalink_extension(readers.settings)


def read_yaml_front_matter(readers: Readers) -> None:
    """Have Markdown readers read a YAML front matter block (a setting)."""
    if not readers.settings.get("SCHOLAR_YAML_FRONT_MATTER", True):
        return
    for extension, reader_class in list(readers.reader_classes.items()):
        if isinstance(reader_class, type) and issubclass(reader_class, MarkdownReader):
            readers.reader_classes[extension] = front_matter_reader(reader_class)


def escape_markdown_titles(readers: Readers) -> None:
    """Have Markdown readers escape titles as plain text (a setting).

    ``readers_init`` comes before the readers are made: swap the class.
    """
    if not readers.settings.get("SCHOLAR_ESCAPE_TITLES", True):
        return
    for extension, reader_class in list(readers.reader_classes.items()):
        if isinstance(reader_class, type) and issubclass(reader_class, MarkdownReader):
            readers.reader_classes[extension] = title_escaping_reader(reader_class)


def install_template_helpers(generator: Generator) -> None:
    """Give templates translations (``_``, ``ngettext``) and the plugin's filters.

    The catalog is the theme's for ``SCHOLAR_LANGUAGE`` (``DEFAULT_LANG``
    unless set), looked up in the site's ``THEME`` first, then in the bundled
    theme (:mod:`.i18n`). Translations something else installed already (a
    plugin, before this one) are kept; i18n_subsites installs its own later,
    from the compiled ``.mo`` files. ``localdate`` writes a post's date
    (``post|localdate``, ``post|localdate("modified")``) or a plain date by
    the rule of :func:`.i18n.write_date`; ``archive_period`` and
    ``month_name`` name an archive's period and a month in the site's language.
    ``link_pairs`` gives the ``(name, url)`` of each MENUITEMS, LINKS or
    SOCIAL entry the theme shows (:func:`.link_settings.link_pairs`),
    ``link_address`` one such pair's URL, and the test ``page_relative``
    tells a bare path (:func:`.link_settings.is_page_relative`).
    ``content_blocks`` marks a body's code blocks, display formulas and tables
    with the theme's macros, and the test ``highlighted_code`` tells whether a
    body has highlighted code (:mod:`.content_blocks`).
    """
    settings = generator.settings
    env = generator.env
    env.add_extension("jinja2.ext.i18n")
    if "gettext" not in env.globals:
        translations = load_translations(
            translations_dir(settings), string_language(settings)
        )
        env.install_gettext_translations(translations, newstyle=True)
    env.filters.setdefault("tag_anchor", tag_anchor)
    env.filters.setdefault("link_address", link_address)
    env.filters.setdefault("link_pairs", link_pairs)
    build = build_of(settings)
    env.filters.setdefault(
        "tag_url",
        lambda tag: tag_link_path(tag, settings, listed=build.listed_tags),
    )
    env.filters.setdefault(
        "excerpt", excerpt_filter(settings, build_of(settings).facts)
    )
    env.globals.setdefault("posts_by_tags_url", posts_by_tags_path(settings))
    env.globals.setdefault("absolute_siteurl", absolute_site_url(settings))
    env.filters.setdefault("localdate", partial(write_date, settings=settings))
    env.filters.setdefault("language_name", language_name)
    env.filters.setdefault("archive_period", partial(write_period, settings=settings))
    env.filters.setdefault("month_name", partial(write_month, settings=settings))
    env.filters.setdefault("iso_datetime", iso_datetime)
    env.filters.setdefault("content_blocks", content_blocks_filter)
    env.tests.setdefault("highlighted_code", has_highlighted_code)
    env.tests.setdefault("page_relative", is_page_relative)


def _metadata_integer(content: Content, key: str, minimum: int) -> int | None:
    """Return integer metadata ``key``; log an error naming the file if invalid."""
    value = content.metadata.get(key)
    if value is None:
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        number = None
    if number is None or number < minimum:
        logger.error(
            "%s: metadata '%s' must be a whole number of at least %d, not %r;"
            " using the computed reading time",
            content.relative_source_path,
            key,
            minimum,
            value,
        )
        return None
    return number


def _shows_theme_toc(content: Content, html: str) -> bool:
    """Decide whether the theme shows its table of contents for ``content``.

    An invalid ``toc`` metadata value is an error naming the file; the theme
    then decides as if it were not given.
    """
    try:
        choice = toc_choice(content.metadata.get("toc"))
    except ValueError as error:
        logger.error(
            "%s: metadata 'toc' %s; deciding as if it were not given",
            content.relative_source_path,
            error,
        )
        choice = None
    return shows_theme_toc(
        content.toc_entries,
        own_toc=has_own_toc(html),
        choice=choice,
        enabled=content.settings["SCHOLAR_TOC"],
    )


def references_text(content: Content) -> str:
    """Return the text of a post's References section, as the theme shows it.

    The reader reads it as part of the post (as a hand-written list was), so
    its words count in the reading time.
    """
    entries = [
        " ".join([str(cited.html), *(kind for kind, _ in cited.links)])
        for cited in content.references
    ]
    return "<p>References</p>" + "".join(f"<p>{entry}</p>" for entry in entries)


def annotate_content(content: Content, facts: Facts) -> None:
    """Set word count, reading time, summary and description on one object."""
    settings = content.settings
    html = content._content or ""
    extracted = authored_summary(content.metadata) is None or getattr(
        content, EXTRACTED, False
    )
    found = facts.of_post(
        html,
        None if extracted else content.metadata["summary"],
        content.metadata.get("description"),
    )
    words = found.words
    if getattr(content, "references", None):
        listed = count_words(references_text(content))
        words = WordCount(
            words.words + listed.words, words.cjk_characters + listed.cjk_characters
        )
    content.word_count = words.total
    minutes = _metadata_integer(content, "reading_time", 0)
    if minutes is None:
        speed = _metadata_integer(content, "words_per_minute", 1)
        minutes = reading_minutes(
            words,
            speed or settings["READTIME_WPM"],
            settings["READTIME_CJK_PER_MINUTE"],
            rule=settings["READTIME_RULE"],
        )
    content.reading_time = minutes
    setattr(content, EXTRACTED, extracted)
    content.metadata["summary"] = content._summary = found.summary
    content.toc_entries = list(found.headings)
    content.show_toc = _shows_theme_toc(content, html)
    content.description = found.description


def _annotate_all(collections: Iterable[Iterable[Content]], facts: Facts) -> None:
    """Resolve the citations of every object, then annotate it (counts see them)."""
    contents = list(chain.from_iterable(collections))
    cite_in_all(contents)
    for content in contents:
        annotate_content(content, facts)


def add_citations_and_related_posts(generator: ArticlesGenerator) -> None:
    """Give every article a BibTeX citation, its related listed posts, its series."""
    settings = generator.settings
    listed = list(generator.articles)
    articles = [
        *listed,
        *generator.hidden_articles,
        *generator.translations,
        *generator.drafts,
    ]
    related = related_by_tags(articles, listed, settings["SCHOLAR_RELATED_POSTS"])
    neighbours = chronological_neighbours(listed)
    places = series_places(
        [*listed, *generator.translations],
        [*generator.hidden_articles, *generator.hidden_translations, *generator.drafts],
    )
    for article in articles:
        older_and_newer = neighbours.get(id(article), (None, None))
        article.older_post, article.newer_post = older_and_newer
        article.related_posts = related[id(article)]
        article.series_place = places.get(id(article))
        if article.status == "draft":
            article.bibtex = ""  # not published: nothing to cite yet
            continue
        title, _ = read_text(article.title)
        article.bibtex = bibtex(
            authors=[str(author) for author in getattr(article, "authors", ())],
            title=" ".join(title.split()),
            date=article.date,
            url=f"{settings.get('SITEURL', '')}/{article.url}",
            site=settings.get("SITENAME", ""),
        )


def forget_early_summaries(pelican: Pelican) -> None:
    """Forget the summaries Pelican memoised before it resolved their links.

    ``get_writer`` is the first signal after Pelican resolves the
    ``{filename}`` links of metadata summaries. A plugin that read a post's
    summary before that, in ``all_generators_finalized`` (pelican-render-math
    does, to mend formulas), made ``get_summary`` memoise the summary this
    plugin set, links unresolved, and every listing and feed showed it. The
    memo of each post this plugin annotated is dropped, so the next read
    returns the resolved summary.
    """
    del pelican  # the memo is Pelican's, one for every content object
    memo = summary_memo()
    if memo is None:
        return
    for key in [key for key in memo if getattr(key[0], EXTRACTED, None) is not None]:
        del memo[key]


def write_highlight_css(pelican: Pelican) -> None:
    """Write the light and dark syntax-highlighting stylesheet into the output."""
    settings = pelican.settings
    target = (
        Path(pelican.output_path)
        / settings["THEME_STATIC_DIR"]
        / "css"
        / "pygments.css"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        highlight_css(
            settings["SCHOLAR_PYGMENTS_LIGHT"], settings["SCHOLAR_PYGMENTS_DARK"]
        ),
        encoding="utf-8",
    )


def build_search_index(pelican: Pelican) -> None:
    """Index the built site with Pagefind when ``SCHOLAR_SEARCH`` is on."""
    settings = pelican.settings
    if not settings["SCHOLAR_SEARCH"]:
        return
    previous = settings.get("SCHOLAR_PREVIOUS_OUTPUT")
    search_index.index_now_or_later(
        partial(
            search_index.build_search_index,
            Path(pelican.output_path),
            Path(settings["CACHE_PATH"]),
            previous=Path(previous) if previous else None,
            load=bool(settings.get("LOAD_CONTENT_CACHE")),
            save=bool(settings.get("CACHE_CONTENT")),
        )
    )


def warn_about_slug_collisions(posts: Iterable[Content]) -> None:
    """Warn about tag names that Pelican silently merges (equal slugs)."""
    for collision in find_slug_collisions(posts):
        spellings = "; ".join(
            f'"{name}" in {", ".join(files)}'
            for name, files in collision.files_by_name.items()
        )
        shown = next(iter(collision.files_by_name))
        logger.warning(
            'Tags with the same slug "%s" are merged into one tag shown as "%s": %s',
            collision.slug,
            shown,
            spellings,
        )


def fall_back_from_missing_templates(
    generator: Generator, contents: Iterable[Content]
) -> None:
    """Write each of ``contents`` whose ``template`` the theme lacks with its default.

    A site's pages and posts can name a template of their old theme
    (``Template: custom/contact``); Pelican stops the build at the first one
    the theme does not have. Each is a warning naming the file, and the
    object is written with ``page.html`` or ``article.html``.
    """
    for content in contents:
        default = type(content).default_template
        if content.template == default:
            continue
        try:
            generator.get_template(content.template)
        except PelicanTemplateNotFound:
            logger.warning(
                "%s: template '%s' is not in the theme; written with %s.html instead",
                content.relative_source_path,
                content.template,
                default,
            )
            content.template = default


def drop_missing_direct_templates(generator: ArticlesGenerator) -> None:
    """Leave out of ``DIRECT_TEMPLATES`` each template the theme does not have.

    A site can list a page of its old theme there (``'sitemap'``, drawn by
    that theme's ``sitemap.html``); Pelican stops the build at it, when it
    has written nothing. Each is a warning naming the template and the file
    it would have written; one whose ``*_SAVE_AS`` is empty writes nothing
    anyway and is left as it is.
    """
    settings = generator.settings
    kept: list[str] = []
    for name in settings["DIRECT_TEMPLATES"]:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            try:
                generator.get_template(name)
            except PelicanTemplateNotFound:
                logger.warning(
                    "DIRECT_TEMPLATES: template '%s' is not in the theme;"
                    " %s is not written",
                    name,
                    save_as,
                )
                continue
        kept.append(name)
    settings["DIRECT_TEMPLATES"] = kept


def drop_leading_slashes_of_own_urls(contents: Iterable[Content]) -> None:
    """Remove the leading ``/`` of a ``url`` given in metadata (``URL: /cv/``).

    As for the URL settings (:func:`.site_links.drop_leading_slashes`): links
    to the page are ``SITEURL/cv/``, not ``SITEURL//cv/``.
    """
    for content in contents:
        own = getattr(content, "override_url", None)
        if isinstance(own, str) and own.startswith("/"):
            content.override_url = own.lstrip("/")


def warn_about_unwritten_urls(contents: Iterable[Content]) -> None:
    """Warn about each published post or page whose URL leads to no file.

    A ``save_as`` in the metadata without a ``url`` (``save_as: index.html``
    for a home page) leaves the URL that ``PAGE_URL`` or ``ARTICLE_URL``
    gives, where nothing is written: the menu, listings and ``{filename}``
    links lead nowhere. Pelican's FAQ sets both; the warning names the file.
    Hidden pages and drafts (a 404 page) are linked from nowhere and left out.
    """
    for content in contents:
        if getattr(content, "status", "") != "published":
            continue
        if not hasattr(content, "override_save_as") or hasattr(content, "override_url"):
            continue
        if unwritten_url(content.url, content.save_as):
            logger.warning(
                "%s: saved as %s, but its URL is %s, which nothing writes: links"
                " to it lead nowhere; give it a URL: too (empty for the home page)",
                content.relative_source_path,
                content.save_as,
                content.url,
            )


def _mend_templates_and_urls(
    generator: Generator, collections: Iterable[Iterable[Content]]
) -> None:
    """Fall back from missing templates, mend own URLs, warn of unwritten ones."""
    contents = list(chain.from_iterable(collections))
    fall_back_from_missing_templates(generator, contents)
    drop_leading_slashes_of_own_urls(contents)
    warn_about_unwritten_urls(contents)


def finalize_articles(generator: ArticlesGenerator) -> None:
    """Annotate every article, check tags and templates, publish ``posts_by_tag``.

    Templates: the posts' own and ``DIRECT_TEMPLATES``.
    """
    collections = (
        generator.articles,
        generator.translations,
        generator.hidden_articles,
        generator.hidden_translations,
        generator.drafts,
        generator.drafts_translations,
    )
    _mend_templates_and_urls(generator, collections)
    drop_missing_direct_templates(generator)
    _annotate_all(collections, build_of(generator.settings).facts)
    add_citations_and_related_posts(generator)
    warn_about_slug_collisions(chain.from_iterable(collections))
    groups = group_posts_by_tag(
        generator.articles,
        generator.hidden_articles,
        order=generator.settings["SCHOLAR_TAG_ORDER"],
    )
    generator.context["posts_by_tag"] = groups
    build_of(generator.settings).listed_tags = frozenset(group.tag for group in groups)
    # Computed once: a template taking max() over all posts on every page
    # made rendering quadratic in the number of posts.
    generator.context["newest_post_date"] = max(
        (article.date for article in generator.articles), default=None
    )
    entries = sum(len(group.posts) for group in groups)
    generator.context["tags_page_compact"] = (
        entries > generator.settings["SCHOLAR_TAGS_PAGE_EXCERPTS"]
    )


def finalize_pages(generator: PagesGenerator) -> None:
    """Check each page's template, resolve the citations of every page, annotate it."""
    collections = (
        generator.pages,
        generator.translations,
        generator.hidden_pages,
        generator.hidden_translations,
        generator.draft_pages,
        generator.draft_translations,
    )
    _mend_templates_and_urls(generator, collections)
    _annotate_all(collections, build_of(generator.settings).facts)
