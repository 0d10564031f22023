"""The speed plugin computes each post's url and save_as once while pages are written."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pelican.contents import Article, Content
from pelican.tests.support import get_settings

from pelican.plugins.scholar.speed import output_locations


@pytest.fixture
def memoised() -> Iterator[None]:
    """The memo in place for one test, Pelican's method back after it."""
    output_locations.install_memo()
    try:
        yield
    finally:
        output_locations.remove_memo()


def article(**metadata: object) -> Article:
    settings = get_settings(
        ARTICLE_URL="{date:%Y}/{slug}/", ARTICLE_SAVE_AS="{date:%Y}/{slug}/index.html"
    )
    from pelican.utils import SafeDatetime  # noqa: PLC0415

    return Article(
        "<p>Body</p>",
        metadata={"title": "A post", "date": SafeDatetime(2026, 5, 1), **metadata},
        settings=settings,
    )


def test_url_and_save_as_are_formatted_once(
    memoised: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    formatted: list[str] = []
    original = Article._expand_settings

    def counting(self: Article, key: str) -> str:
        formatted.append(key)
        return original(self, key)

    monkeypatch.setattr(Article, "_expand_settings", counting)
    post = article(slug="first")
    assert [post.url, post.url, post.save_as, post.save_as] == [
        "2026/first/",
        "2026/first/",
        "2026/first/index.html",
        "2026/first/index.html",
    ]
    assert formatted == ["url", "save_as"]
    other = article(slug="second")
    assert other.url == "2026/second/"
    assert formatted == ["url", "save_as", "url"]


def test_a_changed_slug_status_or_override_is_formatted_again(
    memoised: None,
) -> None:
    post = article(slug="first")
    assert post.url == "2026/first/"
    post.slug = "renamed"
    assert post.url == "2026/renamed/"
    post.status = "draft"
    assert post.url == "drafts/renamed.html"
    post.override_url = "elsewhere/"
    assert post.url == "elsewhere/"


def test_removing_the_memo_puts_pelicans_method_back() -> None:
    original = Content.get_url_setting
    output_locations.install_memo()
    output_locations.install_memo()  # once only
    assert Content.get_url_setting is not original
    assert Content.get_url_setting.__wrapped__ is original
    output_locations.remove_memo()
    assert Content.get_url_setting is original
