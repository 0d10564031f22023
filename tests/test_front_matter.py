"""YAML front matter in Markdown posts: the reader, and sites built with it."""

from __future__ import annotations

import copy
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import FIXTURES, build, build_or_fail, run_pelican, soup
from pelican.contents import Author, Category, Tag
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from pelican.plugins.scholar.front_matter import FrontMatterError, front_matter_reader
from pelican.plugins.scholar.plain_titles import title_escaping_reader

FRONT_MATTER_SITE = FIXTURES / "front-matter"


@pytest.fixture
def read(tmp_path: Path):
    """Read a Markdown text with the front matter reader; return (html, metadata)."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["PATH"] = str(tmp_path)
    reader = front_matter_reader(MarkdownReader)(settings)

    def read_text(text: str, name: str = "post.md", newline: str = "\n"):
        path = tmp_path / name
        path.write_bytes(text.replace("\n", newline).encode("utf-8"))
        return reader.read(str(path))

    return read_text


def test_academicpages_post(read) -> None:
    html, metadata = read(
        "---\n"
        "title: 'Blog Post number 1'\n"
        "date: 2012-08-14\n"
        "permalink: /posts/2012/08/blog-post-1/\n"
        "tags:\n"
        "  - cool posts\n"
        "  - category1\n"
        "---\n"
        "\n"
        "This is a sample blog post.\n"
    )
    assert html == "<p>This is a sample blog post.</p>"
    assert metadata["title"] == "Blog Post number 1"
    assert metadata["date"] == datetime(2012, 8, 14)
    assert metadata["permalink"] == "/posts/2012/08/blog-post-1/"
    assert [tag.name for tag in metadata["tags"]] == ["cool posts", "category1"]
    assert all(isinstance(tag, Tag) for tag in metadata["tags"])


def test_double_quoted_title_with_escapes(read) -> None:
    _, metadata = read('---\ntitle: "A \\"quoted\\" word: yes"\n---\nbody\n')
    assert metadata["title"] == 'A "quoted" word: yes'


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-01-05", datetime(2024, 1, 5)),
        ("2024-01-05 10:00:00", datetime(2024, 1, 5, 10)),
        ("2024-01-05T10:00:00Z", datetime(2024, 1, 5, 10, tzinfo=UTC)),
        (
            "2024-01-05 10:00:00 +0100",
            datetime(2024, 1, 5, 10, tzinfo=timezone(timedelta(hours=1))),
        ),
        (
            "2024-01-05 10:00:00 -05:00",
            datetime(2024, 1, 5, 10, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("'2024-01-05 10:00'", datetime(2024, 1, 5, 10)),
        ("January 5, 2024", datetime(2024, 1, 5)),
    ],
)
def test_dates_yaml_and_jekyll_accept(read, written: str, expected: datetime) -> None:
    _, metadata = read(f"---\ntitle: 'Dated'\ndate: {written}\n---\nbody\n")
    assert metadata["title"] == "Dated"
    assert isinstance(metadata["date"], datetime)
    assert metadata["date"] == expected
    assert metadata["date"].utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "written",
    [
        "[cool posts, robustness]",
        "\n  - cool posts\n  - robustness",
        "'cool posts, robustness'",
    ],
)
def test_tags_as_list_or_comma_string(read, written: str) -> None:
    _, metadata = read(f"---\ntitle: T\ntags: {written}\n---\nbody\n")
    assert [tag.name for tag in metadata["tags"]] == ["cool posts", "robustness"]


def test_tags_as_space_separated_string_jekyll_style(read) -> None:
    _, metadata = read("---\ntitle: T\ntags: category1 category2\n---\nbody\n")
    assert [tag.name for tag in metadata["tags"]] == ["category1", "category2"]


def test_categories_first_is_the_category_rest_kept(read) -> None:
    _, metadata = read("---\ntitle: T\ncategories: [research, notes]\n---\nbody\n")
    assert isinstance(metadata["category"], Category)
    assert metadata["category"].name == "research"
    assert metadata["categories"] == ["research", "notes"]
    _, spaced = read("---\ntitle: T\ncategories: statistics notes\n---\nbody\n")
    assert spaced["category"].name == "statistics"
    assert spaced["categories"] == ["statistics", "notes"]


def test_an_explicit_category_wins(read) -> None:
    _, metadata = read("---\ntitle: T\ncategory: talks\ncategories: [a, b]\n---\nx\n")
    assert metadata["category"].name == "talks"
    assert metadata["categories"] == ["a", "b"]


def test_authors_list(read) -> None:
    _, metadata = read("---\ntitle: T\nauthor: [Ada Lovelace, Alan Turing]\n---\nx\n")
    assert all(isinstance(author, Author) for author in metadata["authors"])
    assert [str(author) for author in metadata["authors"]] == [
        "Ada Lovelace",
        "Alan Turing",
    ]


def test_jekyll_and_unknown_keys_are_kept(read) -> None:
    _, metadata = read(
        "---\n"
        "title: T\n"
        "Permalink: /posts/2024/01/t/\n"
        "excerpt: 'What the *median* buys you.'\n"
        "toc: true\n"
        "published: false\n"
        "venue: 'Journal 1'\n"
        "year: 2024\n"
        "links: {slides: /files/s.pdf}\n"
        "slidesurl:\n"
        "---\n"
        "body\n"
    )
    assert metadata["permalink"] == "/posts/2024/01/t/"
    assert metadata["excerpt"] == "What the *median* buys you."
    assert metadata["toc"] is True
    assert metadata["published"] is False
    assert metadata["venue"] == "Journal 1"
    assert metadata["year"] == 2024
    assert metadata["links"] == {"slides": "/files/s.pdf"}
    assert "slidesurl" in metadata
    assert metadata["slidesurl"] is None


def test_summary_is_rendered_as_markdown(read) -> None:
    _, metadata = read("---\ntitle: T\nsummary: 'A *short* summary.'\n---\nbody\n")
    assert metadata["summary"] == "<p>A <em>short</em> summary.</p>"


def test_unsafe_tag_is_an_error_and_nothing_is_constructed(read, tmp_path) -> None:
    marker = tmp_path / "constructed"
    text = (
        "---\ntitle: T\n"
        f"x: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path [{str(marker)!r}]]\n"
        "---\nbody\n"
    )
    with pytest.raises(FrontMatterError, match=r"post\.md:3: .*python/object"):
        read(text)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("---\ntitle: T\ntags: [a, b\n---\nbody\n", r"post\.md:3: invalid YAML"),
        ("---\ntitle: T\n  bad: indent\n---\nbody\n", r"post\.md:3: invalid YAML"),
        ("---\ntitle: T\n\nno closing line\n", r"post\.md:1: .*never closed"),
        ("---\n- a list\n- not a mapping\n---\nbody\n", r"post\.md:2: .*mapping"),
        ("---\njust a sentence\n---\nbody\n", r"post\.md:2: .*mapping"),
        ("---\ntitle: A\nTitle: B\n---\nbody\n", r"post\.md:3: .*'title' .*twice"),
    ],
)
def test_malformed_block_names_file_and_line(
    read, text: str, where: str, caplog
) -> None:
    with pytest.raises(FrontMatterError, match=where):
        read(text)
    assert any(record.levelname == "ERROR" for record in caplog.records)
    assert caplog.records[-1].getMessage().startswith("post.md:")


def test_crlf_file(read) -> None:
    html, metadata = read(
        "---\ntitle: 'CRLF'\ntags: [a]\n---\n\nLine one.\n", newline="\r\n"
    )
    assert metadata["title"] == "CRLF"
    assert [tag.name for tag in metadata["tags"]] == ["a"]
    assert html == "<p>Line one.</p>"


def test_bom_file(read) -> None:
    html, metadata = read("\ufeff---\ntitle: 'BOM'\n---\nText.\n")
    assert metadata["title"] == "BOM"
    assert html == "<p>Text.</p>"


def test_rule_after_the_block_stays_in_the_body(read) -> None:
    html, metadata = read("---\ntags: [a]\n---\nFirst.\n\n---\n\nkey: value\n")
    assert [tag.name for tag in metadata["tags"]] == ["a"]
    assert set(metadata) == {"tags"}
    assert "<hr" in html
    assert "key: value" in html


def test_body_lines_like_pelican_metadata_stay_text(read) -> None:
    html, metadata = read("---\ntitle: 'T'\n---\nTitle: not metadata\n\nText.\n")
    assert metadata["title"] == "T"
    assert "Title: not metadata" in html


def test_empty_block(read) -> None:
    html, metadata = read("---\n# only a YAML comment\n---\nTitle-less body.\n")
    assert metadata == {}
    assert html == "<p>Title-less body.</p>"


def test_dot_closing_line(read) -> None:
    _, metadata = read("---\ntitle: 'T'\n...\nbody\n")
    assert metadata["title"] == "T"


@pytest.mark.parametrize(
    "text",
    [
        "Title: Plain\nTags: a, b\nDate: 2024-01-05\n\nBody *text*.\n",
        # A "---" later in a post is a horizontal rule, not front matter.
        "Title: Rules\n\nFirst.\n\n---\n\ntitle: not yaml\n\n---\n",
        "\n---\n\ntitle: not at the first line\n\n---\n",
    ],
)
def test_files_without_front_matter_read_as_pelican_reads_them(
    read, tmp_path, text: str
) -> None:
    """A guard: it fails only if the reader takes such a file for front matter."""
    html, metadata = read(text)
    plain = MarkdownReader(copy.deepcopy(DEFAULT_CONFIG))
    assert (html, metadata) == plain.read(str(tmp_path / "post.md"))
    assert html.count("<hr") == text.count("\n---\n")


def test_title_escaping_applies_to_front_matter_titles(read, tmp_path) -> None:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    reader = title_escaping_reader(front_matter_reader(MarkdownReader))(settings)
    path = tmp_path / "escaped.md"
    path.write_text("---\ntitle: 'Why x < y & z'\n---\nbody\n", encoding="utf-8")
    _, metadata = reader.read(str(path))
    assert metadata["title"] == "Why x &lt; y &amp; z"


# --- whole builds ----------------------------------------------------------------


@pytest.fixture
def front_matter_site(tmp_path: Path) -> Path:
    """A private copy of the academicpages-style fixture site."""
    return Path(shutil.copytree(FRONT_MATTER_SITE, tmp_path / "site"))


def test_academicpages_posts_build(front_matter_site: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    build_or_fail(
        front_matter_site, output, "-e", 'PLUGINS=["pelican.plugins.scholar"]'
    )
    post = soup(output / "notes-on-robust-estimation-part-3.html")
    assert (
        post.find("h1").get_text(strip=True)
        == "Notes on “robust” estimation: part\xa03"
    )
    assert post.find("time")["datetime"] == "2014-08-14T09:30:00+02:00"
    body = post.select_one(".post__content, article").get_text(" ", strip=True)
    assert "permalink" not in body
    assert "Below the rule" in body
    first = soup(output / "blog-post-number-1.html")
    assert first.find("h1").get_text(strip=True) == "Blog Post number\xa01"
    assert first.find("time")["datetime"].startswith("2012-08-14T00:00:00")
    cool = soup(output / "tag" / "cool-posts.html").get_text(" ", strip=True)
    assert "Blog Post number" in cool
    assert "robust" in cool
    assert (output / "tag" / "robustness.html").is_file()
    assert (output / "tag" / "category2.html").is_file()
    assert (output / "category" / "statistics.html").is_file()
    tags_page = soup(output / "tags" / "index.html").get_text(" ", strip=True)
    assert "cool posts" in tags_page
    fourth = soup(output / "blog-post-number-4.html").get_text(" ", strip=True)
    assert "Title: this line is text" in fourth


def test_malformed_front_matter_in_a_build(
    front_matter_site: Path, tmp_path: Path
) -> None:
    bad = front_matter_site / "content" / "posts" / "bad.md"
    bad.write_text(
        "---\ntitle: Bad\ndate: 2024-01-05\ntitle: Again\n---\nbody\n",
        encoding="utf-8",
    )
    result = run_pelican(
        front_matter_site,
        tmp_path / "output",
        "-e",
        'PLUGINS=["pelican.plugins.scholar"]',
    )
    log = "".join((result.stdout + result.stderr).split())
    assert "posts/bad.md:4:invalidYAMLfrontmatter" in log
    assert "Couldnotprocess" in log


def test_the_setting_turns_the_reader_off(
    front_matter_site: Path, tmp_path: Path
) -> None:
    plugins = 'PLUGINS=["pelican.plugins.scholar"]'
    build_or_fail(front_matter_site, tmp_path / "on", "-e", plugins)
    off = tmp_path / "off"
    build_or_fail(
        front_matter_site, off, "-e", plugins, "SCHOLAR_YAML_FRONT_MATTER=false"
    )
    # "tags: category1 category2" is two tags only when the block is read.
    assert (tmp_path / "on" / "tag" / "category2.html").is_file()
    assert not (off / "tag" / "category2.html").exists()
    first = soup(off / "blog-post-number-1.html").find("h1").get_text(strip=True)
    assert first.startswith(("'", "\u2018"))  # Pelican's reading keeps the quotes


def test_parallel_build_reads_front_matter_the_same(
    front_matter_site: Path, tmp_path: Path
) -> None:
    build(front_matter_site, tmp_path / "plain", speed=False)
    build(front_matter_site, tmp_path / "parallel", speed=True)
    assert (tmp_path / "parallel" / "tag" / "category2.html").is_file()
    for page in ("notes-on-robust-estimation-part-3.html", "tag/cool-posts.html"):
        assert (tmp_path / "parallel" / page).read_bytes() == (
            tmp_path / "plain" / page
        ).read_bytes()


def test_pelican_metadata_between_dashes_reads_as_pelican_reads_it(
    read, tmp_path
) -> None:
    # Python-Markdown's meta extension (so Pelican) takes its own "Key: value"
    # lines between "---" lines too; this one is no valid YAML ("a: b").
    text = (
        "---\nTitle: My post: a subtitle\nDate: 2020-01-02\nTags: a, b\n---\n\nBody.\n"
    )
    html, metadata = read(text)
    plain = MarkdownReader(copy.deepcopy(DEFAULT_CONFIG))
    assert (html, metadata) == plain.read(str(tmp_path / "post.md"))
    assert metadata["title"] == "My post: a subtitle"


def test_pelicans_keys_stay_text_as_in_pelican(read) -> None:
    # YAML would make these a boolean and a number; Pelican's metadata is text.
    _, metadata = read("---\nTitle: Yes\nSlug: 2020\nLang: no\n---\nbody\n")
    assert metadata["title"] == "Yes"
    assert metadata["slug"] == "2020"
    assert metadata["lang"] == "no"
