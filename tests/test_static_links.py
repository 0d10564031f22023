"""The speed plugin skips Pelican's search for static links where none can be."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pelican.contents import Article, Content
from pelican.tests.support import get_settings
from pelican.utils import SafeDatetime

from pelican.plugins.scholar.speed import static_links
from pelican.plugins.scholar.speed.stand_ins import is_stand_in, original_of

#: Bodies and the static files Pelican finds linked in them.
BODIES = {
    "<p>No link at all</p>": set(),
    '<p><a href="https://example.org/static/x.png">far</a></p>': set(),
    "<p>A static analysis, attached below.</p>": set(),
    '<p><img src="{static}/images/a.png"></p>': {"images/a.png"},
    '<p><a href="{attach}paper.pdf">PDF</a></p>': {"posts/paper.pdf"},
    '<p><a href="|static|/files/b%20c.txt">old syntax</a></p>': {"files/b c.txt"},
    '<p><a href="{filename}other.md">a post</a></p>': set(),
}


def article(body: str) -> Article:
    return Article(
        body,
        metadata={"title": "A post", "date": SafeDatetime(2026, 5, 1)},
        settings=get_settings(PATH="/site/content"),
        source_path="/site/content/posts/post.md",
    )


@pytest.fixture
def skipping() -> Iterator[None]:
    """The stand-in in place for one test, Pelican's method back after it."""
    static_links.install_skip()
    try:
        yield
    finally:
        static_links.remove_skip()


@pytest.mark.parametrize("body", BODIES)
def test_the_links_found_are_pelicans(skipping: None, body: str) -> None:
    links = article(body).get_static_links()
    assert links == BODIES[body]
    assert links == original_of(Content.get_static_links)(article(body))


def test_a_post_without_the_words_is_not_searched(
    skipping: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    searched: list[str] = []
    original = Content._get_intrasite_link_regex

    def counting(self: Content) -> object:
        searched.append(self._content)
        return original(self)

    monkeypatch.setattr(Content, "_get_intrasite_link_regex", counting)
    assert article("<p>Plain text, <em>no</em> links.</p>").get_static_links() == set()
    assert searched == []
    assert article('<img src="{static}/a.png">').get_static_links() == {"a.png"}
    assert len(searched) == 1


def test_pelicans_method_is_back_after_the_build() -> None:
    static_links.install_skip()
    static_links.install_skip()  # once only: never wrapped in itself
    wrapped = Content.get_static_links
    assert original_of(wrapped) is not wrapped
    assert not is_stand_in(original_of(wrapped))
    static_links.remove_skip()
    assert not is_stand_in(Content.get_static_links)
