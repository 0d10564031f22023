"""The importer's own rules: Jekyll's URLs, _config.yml's mapping, documents.

Expected values come from Jekyll's documentation ("Permalinks", "Posts",
"Collections") and academicpages' templates, worked out by hand.
"""

from __future__ import annotations

import runpy
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pelican.plugins.scholar.importer.documents import (
    DocumentError,
    date_of,
    old_url,
    pelican_metadata,
    read_document,
    split_excerpt,
    title_of,
)
from pelican.plugins.scholar.importer.jekyll_config import (
    SiteConfig,
    settings_from,
)
from pelican.plugins.scholar.importer.permalinks import UrlParts, expand, slugify_pretty
from pelican.plugins.scholar.importer.site_writer import ImportRefused, import_site
from pelican.plugins.scholar.url_files import file_for_url

WELCOME = UrlParts(
    slug="welcome-to-jekyll",
    date=datetime(2010, 7, 4, 9, 5),
    categories=["Jekyll", "Update"],
)


@pytest.mark.parametrize(
    ("template", "url"),
    [
        ("date", "/jekyll/update/2010/07/04/welcome-to-jekyll.html"),
        ("pretty", "/jekyll/update/2010/07/04/welcome-to-jekyll/"),
        ("none", "/jekyll/update/welcome-to-jekyll.html"),
        ("ordinal", "/jekyll/update/2010/185/welcome-to-jekyll.html"),
        ("/:year/:i_month/:i_day/:title", "/2010/7/4/welcome-to-jekyll"),
        ("/:short_year/:hour:minute/:slug/", "/10/0905/welcome-to-jekyll/"),
        ("/blog/:title/index.html", "/blog/welcome-to-jekyll/"),
        ("/:unknown/:title/", "/:unknown/welcome-to-jekyll/"),
    ],
)
def test_post_urls_follow_jekylls_templates(template: str, url: str) -> None:
    assert expand(template, WELCOME) == url


def test_academicpages_template_without_categories_has_no_empty_segment() -> None:
    parts = UrlParts(slug="blog-post-1", date=datetime(2012, 8, 14))
    assert expand("/:categories/:title/", parts) == "/blog-post-1/"


def test_collection_urls_use_the_path_inside_the_collection() -> None:
    parts = UrlParts(
        slug="paper-title-number-1",
        collection="publications",
        path="2009-10-01-paper-title-number-1",
    )
    assert (
        expand("/:collection/:path/", parts)
        == "/publications/2009-10-01-paper-title-number-1/"
    )
    assert (
        expand("/:collection/:path:output_ext", parts)
        == "/publications/2009-10-01-paper-title-number-1.html"
    )


def test_title_slug_is_pretty_and_keeps_case() -> None:
    assert slugify_pretty(" Q*bert says _@!#?@!") == "Q-bert-says-_@!-@!"
    assert slugify_pretty("深層学習 入門") == "深層学習-入門"


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("/", "index.html"),
        ("/posts/2012/08/x/", "posts/2012/08/x/index.html"),
        ("/publication/paper", "publication/paper.html"),
        ("/about.html", "about.html"),
        ("/files/a.pdf", "files/a.pdf"),
        ("/tags/#rl", "tags/index.html"),
    ],
)
def test_the_file_that_answers_a_url(url: str, file: str) -> None:
    assert file_for_url(url) == file


def config(**values: object) -> SiteConfig:
    return SiteConfig(config=dict(values))


def test_author_profile_becomes_the_sidebar_and_its_links() -> None:
    mapped = settings_from(
        config(
            title="Ada's site",
            author={
                "name": "Ada Lovelace",
                "bio": "Analyst",
                "location": "London",
                "avatar": "ada.png",
                "email": "ada@example.org",
                "github": "ada",
                "twitter": "ada_l",
                "orcid": "https://orcid.org/0000-0001",
                "researchgate": "https://www.researchgate.net/profile/Ada",
                "keybase": "adal",
                "employer": "Analytical Engines Ltd",
                "arxiv": None,
            },
            words_per_minute=160,
            timezone="Europe/London",
            locale="en-GB",
        )
    )
    settings = mapped.settings
    assert settings["SITENAME"] == "Ada's site"
    assert settings["AUTHOR"] == "Ada Lovelace"
    assert settings["SCHOLAR_AVATAR"] == "images/ada.png"
    assert settings["SCHOLAR_LINKS"] == [
        ("email", "ada@example.org"),
        ("orcid", "https://orcid.org/0000-0001"),
        ("github", "https://github.com/ada"),
        ("x", "https://twitter.com/ada_l"),
    ]
    assert settings["SOCIAL"] == [
        ("ResearchGate", "https://www.researchgate.net/profile/Ada"),
        ("Keybase", "https://keybase.io/adal"),
    ]
    assert (settings["READTIME_RULE"], settings["READTIME_WPM"]) == (
        "academicpages",
        160,
    )
    assert settings["TIMEZONE"] == "Europe/London"
    assert settings["DEFAULT_LANG"] == "en"
    assert ("author.employer", "the theme's sidebar has no place for it") in (
        mapped.left_out
    )


def test_reading_time_is_academicpages_rule_at_its_default_speed() -> None:
    settings = settings_from(config(title="T")).settings
    assert (settings["READTIME_RULE"], settings["READTIME_WPM"]) == (
        "academicpages",
        200,
    )
    assert settings_from(config(words_per_minute="x")).settings["READTIME_WPM"] == 200


def test_trackers_and_comments_are_named_not_carried() -> None:
    mapped = settings_from(
        config(
            title="T",
            analytics={"provider": "google-universal"},
            comments={"provider": "disqus"},
            repository="me/me.github.io",
            scholar_widget="x",
        )
    )
    reasons = dict(mapped.left_out)
    assert "tracker" in reasons["analytics"]
    assert "disqus" in reasons["comments"]
    assert "scholar_widget" in reasons
    assert "repository" not in reasons  # only the old build used it


def test_the_production_address_joins_url_and_baseurl() -> None:
    assert config(url="https://a.github.io/", baseurl="/site/").base_url == (
        "https://a.github.io/site"
    )
    assert config(url="https://a.github.io", baseurl="").base_url == (
        "https://a.github.io"
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_post_dated_only_by_its_file_name(tmp_path: Path) -> None:
    path = write(tmp_path / "_posts/2015-03-09-my-first-post.md", "---\n---\nHi\n")
    document = read_document(tmp_path, path, "post")
    assert document.body_line == 3  # after the two lines of an empty block
    zone = ZoneInfo("Europe/Zurich")
    when = date_of(document, zone)
    assert when == datetime(2015, 3, 9, tzinfo=zone)
    assert title_of(document) == "My First Post"
    assert old_url(document, "/:categories/:title/", when) == "/my-first-post/"
    metadata = pelican_metadata(
        document, url="/my-first-post/", when=when, summary=None
    )
    assert metadata["slug"] == "my-first-post"
    assert metadata["save_as"] == "my-first-post/index.html"


def test_a_front_matter_date_wins_over_the_file_name_and_moves_the_url(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path / "_posts/2015-03-09-moved.md",
        "---\ntitle: 'Moved: a post'\ndate: 2015-04-30 23:30:00 -0100\n---\nHi\n",
    )
    document = read_document(tmp_path, path, "post")
    when = date_of(document, ZoneInfo("UTC"))
    assert old_url(document, "date", when) == "/2015/05/01/moved.html"
    assert title_of(document) == "Moved: a post"


def test_unpublished_posts_get_no_public_address(tmp_path: Path) -> None:
    path = write(
        tmp_path / "_posts/2015-03-09-wip.md",
        "---\npublished: false\npermalink: /wip/\nlayout: single\n---\nHi\n",
    )
    document = read_document(tmp_path, path, "post")
    metadata = pelican_metadata(document, url="/wip/", when=None, summary=None)
    assert metadata["status"] == "draft"
    assert "save_as" not in metadata
    assert "url" not in metadata
    assert metadata["layout"] == "single"  # other keys kept


def test_invalid_yaml_is_read_as_jekyll_does_with_a_note(tmp_path: Path) -> None:
    path = write(
        tmp_path / "_posts/2015-03-09-bad.md",
        "---\ntitle: 'It's broken'\npermalink: /x/\n---\nBody.\n",
    )
    document = read_document(tmp_path, path, "post")
    assert document.front == {}
    assert document.body == "Body.\n"
    [(line, message)] = document.notes
    assert line == 2
    assert "invalid YAML" in message
    assert title_of(document) == "Bad"
    when = date_of(document, ZoneInfo("UTC"))
    assert old_url(document, "/:categories/:title/", when) == "/2015-03-09-bad/"


def test_a_block_never_closed_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "_posts/2015-03-09-open.md", "---\ntitle: a\nBody\n")
    with pytest.raises(DocumentError, match=r"_posts/2015-03-09-open\.md:1: "):
        read_document(tmp_path, path, "post")


def test_excerpt_separator_becomes_pelicans_summary_marker() -> None:
    split = split_excerpt("One.\n<!--more-->\nTwo.\n", "<!--more-->")
    assert split is not None
    assert split[1] == "One.\n\n<!-- PELICAN_END_SUMMARY -->\nTwo.\n"
    assert split_excerpt("One.\n\nTwo.\n", "\n\n") is None  # the first paragraph


def test_an_existing_destination_is_kept_without_force(tmp_path: Path) -> None:
    source = tmp_path / "old"
    write(source / "_config.yml", "title: T\n")
    write(source / "_posts/2020-01-01-a.md", "---\ntitle: A\n---\nA.\n")
    dest = tmp_path / "new"
    write(dest / "keep.txt", "mine")
    with pytest.raises(ImportRefused, match="exists and is not empty"):
        import_site(source, dest)
    assert [path.name for path in dest.iterdir()] == ["keep.txt"]
    import_site(source, dest, force=True)
    assert not (dest / "keep.txt").exists()
    assert (dest / "content/posts/2020-01-01-a.md").is_file()
    assert {path.name for path in tmp_path.iterdir()} == {"old", "new"}


def test_a_failed_import_leaves_no_destination(tmp_path: Path) -> None:
    source = tmp_path / "old"
    write(source / "_config.yml", "title: T\nauthor: [unclosed\n")
    write(source / "_posts/2020-01-01-a.md", "---\ntitle: A\n---\nA.\n")
    with pytest.raises(ImportRefused, match=r"_config\.yml:3: invalid YAML"):
        import_site(source, tmp_path / "new")
    assert {path.name for path in tmp_path.iterdir()} == {"old"}


def test_one_unreadable_post_is_reported_and_the_rest_imported(tmp_path: Path) -> None:
    source = tmp_path / "old"
    write(source / "_config.yml", "title: T\n")
    write(source / "_posts/2020-01-01-a.md", "---\ntitle: A\n---\nA.\n")
    write(source / "_posts/2020-01-02-b.md", "---\ntitle: B\nNever closed.\n")
    report = import_site(source, tmp_path / "new")
    expected = (
        "_posts/2020-01-02-b.md:1: front matter opened by '---' is never closed"
        " by '---' or '...': not imported"
    )
    assert [str(entry) for entry in report.findings] == [expected]
    assert (tmp_path / "new/content/posts/2020-01-01-a.md").is_file()


def test_posts_sharing_a_url_leave_it_to_the_one_jekyll_wrote_last(
    tmp_path: Path,
) -> None:
    source = tmp_path / "old"
    write(source / "_config.yml", "title: T\nfuture: true\n")
    for name in ("2015-08-14-blog-post-4", "2199-01-01-future-post"):
        write(
            source / f"_posts/{name}.md",
            f"---\ntitle: {name}\npermalink: /posts/2012/08/blog-post-4/\n---\nA.\n",
        )
    report = import_site(source, tmp_path / "new")
    posts = tmp_path / "new/content/posts"
    assert "save_as: posts/2012/08/blog-post-4/index.html" in (
        posts / "2199-01-01-future-post.md"
    ).read_text(encoding="utf-8")
    assert "save_as" not in (posts / "2015-08-14-blog-post-4.md").read_text(
        encoding="utf-8"
    )
    assert [entry.path for entry in report.findings] == [
        "_posts/2015-08-14-blog-post-4.md"
    ]


def test_a_folder_that_is_not_a_jekyll_site_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match=r"no _config\.yml"):
        import_site(tmp_path, tmp_path.parent / "elsewhere")


def small_site(root: Path, pages: dict[str, str]) -> Path:
    write(
        root / "_config.yml",
        "title: T\ncollections:\n  talks:\n    output: true\n"
        "    permalink: /:collection/:path/\n",
    )
    write(root / "_talks/2020-01-01-a-talk.md", "---\ntitle: A talk\n---\nSaid.\n")
    for name, text in pages.items():
        write(root / "_pages" / name, text)
    return root


CV = (
    "---\npermalink: /cv/\ntitle: CV\n---\n"
    + "I studied many things at many places over many years. " * 8
    + "\n\nTalks\n======\n<ul>{% for post in site.talks %}"
    "{% include archive-single-cv.html %}{% endfor %}</ul>\n"
)


def test_listing_pages_give_way_to_the_themes_and_content_pages_stay(
    tmp_path: Path,
) -> None:
    source = small_site(
        tmp_path / "old",
        {
            "talks.html": "---\npermalink: /talks/\ntitle: Talks and posters\n"
            "redirect_from: [/presentations/]\n---\n"
            "{% for post in site.talks reversed %}{% include archive-single-talk.html %}"
            "{% endfor %}\n",
            "sitemap.md": "---\npermalink: /sitemap/\n---\nPages:\n"
            "{% for post in site.pages %}{{ post.title }}{% endfor %}\n",
            "cv.md": CV,
            "404.md": "---\npermalink: /404.html\n---\nNothing here.\n",
        },
    )
    dest = tmp_path / "new"
    report = import_site(source, dest)
    pages = sorted(path.name for path in (dest / "content/pages").iterdir())
    assert pages == ["cv.md"]
    notes = {entry.path: entry.message for entry in report.findings}
    assert "replaced by the theme's page at /talks/" in notes["_pages/talks.html"]
    assert "SCHOLAR_COLLECTION_TITLES = {'talks': 'Talks and posters'}" in (
        (dest / "pelicanconf.py").read_text(encoding="utf-8")
    )
    assert "site.pages: not imported" in notes["_pages/sitemap.md"]
    assert (
        "/sitemap/ now redirects to the archive of posts"
        in (notes["_pages/sitemap.md"])
    )
    settings = (dest / "pelicanconf.py").read_text(encoding="utf-8")
    assert (
        "SCHOLAR_REDIRECTS = {'/sitemap/': 'year-archive/', '/presentations/': 'talks/'}"
        in settings
    )
    assert "theme's own is used" in notes["_pages/404.md"]


def test_archive_pages_and_collections_without_output(tmp_path: Path) -> None:
    source = tmp_path / "old"
    write(source / "_config.yml", "title: T\n")  # no collections declared
    write(source / "_talks/2020-01-01-a-talk.md", "---\ntitle: A talk\n---\nSaid.\n")
    write(source / "_posts/2020-01-01-p.md", "---\ntitle: P\ntags: [x]\n---\nP.\n")
    write(
        source / "_pages/tag-archive.html",
        "---\npermalink: /tags/\n---\n{% include group-by-array collection=site.posts"
        ' field="tags" %}\n{% for tag in group_names %}{{ tag }}{% endfor %}\n',
    )
    write(
        source / "_pages/talks.html",
        "---\npermalink: /talks-and-more/\n---\n{% for post in site.talks %}"
        "{% include archive-single-talk.html %}{% endfor %}\n",
    )
    dest = tmp_path / "new"
    report = import_site(source, dest)
    settings = (dest / "pelicanconf.py").read_text(encoding="utf-8")
    assert "SCHOLAR_COLLECTIONS = ['talks']" in settings
    assert "SCHOLAR_COLLECTION_LISTINGS = {'talks': '/talks-and-more/'}" in settings
    talk = (dest / "content/talks/2020-01-01-a-talk.md").read_text(encoding="utf-8")
    assert "save_as" not in talk  # it had no page: it gets the theme's address
    notes = {entry.path: entry.message for entry in report.findings}
    assert (
        "site.tags: replaced by the theme's page at /tags/"
        in (notes["_pages/tag-archive.html"])
    )
    assert "no `output: true`" in notes["_talks"]


def test_loads_and_images_without_alt_are_reported_outside_code(tmp_path: Path) -> None:
    source = tmp_path / "old"
    write(source / "_config.yml", "title: T\nurl: https://me.github.io\n")
    write(
        source / "_posts/2020-01-01-p.md",
        "---\ntitle: P\n---\n"  # the body starts on line 4
        '<iframe src="https://video.example/embed/1"></iframe>\n'
        '<img src="https://me.github.io/images/own.png" alt="own host">\n'
        "```html\n<script src='https://cdn.example/x.js'></script>\n```\n"
        'Shown as code: `<img src="https://cdn.example/y.png">`.\n'
        "![](/images/plot.png)\n",
    )
    report = import_site(source, tmp_path / "new")
    lines = [str(entry) for entry in report.findings]
    expected = (
        "_posts/2020-01-01-p.md:4: loads https://video.example/embed/1 from another"
        " host (<iframe src>) whenever the page is shown"
    )
    assert [line for line in lines if "another host" in line] == [expected]
    assert any(
        line.startswith("_posts/2020-01-01-p.md:10: an image without alternative text")
        for line in lines
    )


def test_a_short_cv_with_sections_stays_and_category_loops_sort_a_listing(
    tmp_path: Path,
) -> None:
    source = small_site(
        tmp_path / "old",
        {
            "cv.md": "---\npermalink: /cv/\ntitle: CV\n---\nEducation\n======\n"
            "* Ph.D in Rivers, 2020\n\nTalks\n======\n"
            "<ul>{% for post in site.talks %}{% include x.html %}{% endfor %}</ul>\n",
            "talks.md": "---\npermalink: /talks/\n---\n"
            "{% for category in site.publication_category %}{{ category }}\n"
            "{% for post in site.talks %}{% include y.html %}{% endfor %}"
            "{% endfor %}\n",
        },
    )
    report = import_site(source, tmp_path / "new")
    assert (tmp_path / "new/content/pages/cv.md").is_file()
    notes = {entry.path: entry.message for entry in report.findings}
    assert "a Liquid listing of talks: replaced" in notes["_pages/talks.md"]


@pytest.mark.parametrize("own_robots", [False, True])
def test_jekyll_sitemap_gives_a_sitemap_and_robots_and_the_talk_map_is_kept(
    tmp_path: Path, own_robots: bool
) -> None:
    source = tmp_path / "old"
    write(
        source / "_config.yml",
        "title: T\nplugins:\n  - jekyll-feed\n  - jekyll-sitemap\n",
    )
    write(source / "_posts/2020-01-01-a.md", "---\ntitle: A\n---\nA.\n")
    write(
        source / "talkmap/map.html",
        '<html>\n<script src="https://cdnjs.example/leaflet.js"></script></html>\n',
    )
    write(source / "talkmap.py", "print('geocoding')\n")
    if own_robots:
        write(source / "robots.txt", "User-agent: *\n")
    dest = tmp_path / "new"
    report = import_site(source, dest)
    assert '"pelican.plugins.sitemap"' in (dest / "publishconf.py").read_text(
        encoding="utf-8"
    )
    assert "pelican-sitemap==" in (dest / "requirements.txt").read_text(
        encoding="utf-8"
    )
    settings = (dest / "pelicanconf.py").read_text(encoding="utf-8")
    assert ("ROBOTS_SAVE_AS = 'robots.txt'" in settings) is not own_robots
    assert (dest / "content/talkmap/map.html").is_file()
    expected = (
        "talkmap/map.html:2: loads https://cdnjs.example/leaflet.js from another host"
        " (<script src>); the file is copied as it is"
    )
    assert [str(entry) for entry in report.findings if "talkmap/" in entry.path] == [
        expected
    ]
    assert not (dest / "content/extra/talkmap.py").exists()


@pytest.mark.parametrize(
    ("kramdown", "function"),
    [("", "gfm_heading_id"), ("kramdown:\n  input: kramdown\n", "kramdown_heading_id")],
)
def test_headings_keep_the_ids_kramdown_gave_them(
    tmp_path: Path, kramdown: str, function: str
) -> None:
    source = tmp_path / "old"
    write(source / "_config.yml", "title: T\n" + kramdown)
    write(source / "_posts/2020-01-01-a.md", "---\ntitle: A\n---\n# 1. Set-up\n")
    import_site(source, tmp_path / "new")
    settings = (tmp_path / "new/pelicanconf.py").read_text(encoding="utf-8")
    assert f"from pelican.plugins.scholar.heading_ids import {function}\n" in settings
    assert f"'slugify': {function}" in settings


def test_the_list_of_posts_leaves_the_home_page_for_a_free_address(
    tmp_path: Path,
) -> None:
    source = tmp_path / "old"
    write(source / "_config.yml", "title: T\n")
    write(source / "_posts/2020-01-01-p.md", "---\ntitle: P\n---\nP.\n")
    write(source / "_pages/about.md", "---\npermalink: /\ntitle: Me\n---\nHello.\n")
    write(
        source / "_pages/blog.html",
        "---\npermalink: /blog/\ntitle: Blog posts\n---\n"
        "{% for post in site.posts %}{% include archive-single.html %}{% endfor %}\n",
    )
    dest = tmp_path / "new"
    import_site(source, dest)
    settings = runpy.run_path(str(dest / "pelicanconf.py"))
    assert settings["ARCHIVES_SAVE_AS"] == "blog/index.html"
    written = [
        value
        for key, value in settings.items()
        if key.endswith("_SAVE_AS") and isinstance(value, str)
    ]
    assert settings["INDEX_SAVE_AS"] not in {"index.html", "blog/index.html"}
    assert len(written) == len(set(written))


def test_a_post_jekyll_rendered_from_a_txt_file_is_an_html_post(tmp_path: Path) -> None:
    source = tmp_path / "old"
    write(source / "_config.yml", "title: T\n")
    write(
        source / "_posts/2012-08-14-note.txt",
        "---\ntitle: A note\npermalink: /posts/2012/08/note/\n---\n"
        "Headings are *not* converted\n======\n",
    )
    (source / "_posts/2012-08-14-figure.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    report = import_site(source, tmp_path / "new")
    assert not report.findings
    post = (tmp_path / "new/content/posts/2012-08-14-note.html").read_text("utf-8")
    assert "<title>A note</title>" in post
    assert "posts/2012/08/note/index.html" in post
    assert "Headings are *not* converted\n======" in post  # as Jekyll showed it


@pytest.mark.parametrize(
    ("config", "noted"),
    [
        ("plugins: [jekyll-redirect-from]\n", True),
        ("plugins: [jekyll-redirect-from]\nredirect_from: {json: false}\n", False),
        ("plugins: []\n", False),
    ],
)
def test_redirect_froms_json_list_is_named_when_jekyll_wrote_it(
    tmp_path: Path, config: str, noted: bool
) -> None:
    source = tmp_path / "old"
    write(source / "_config.yml", "title: T\n" + config)
    report = import_site(source, tmp_path / "new")
    lines = [str(entry) for entry in report.findings]
    expected = "_config.yml: plugins: jekyll-redirect-from's /redirects.json"
    assert any(line.startswith(expected) for line in lines) is noted, lines
