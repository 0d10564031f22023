"""What a shared link shows: og:image, a large Twitter card, a richer JSON-LD."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from conftest import build_or_fail, soup, write_site

if TYPE_CHECKING:
    from pathlib import Path

SETTINGS = (
    "from pelican.plugins.scholar import theme_path\nTHEME = theme_path()\n"
    'PLUGINS = ["pelican.plugins.scholar"]\nAUTHOR = "Ada Lovelace"\n'
    'SITENAME = "Notes"\nSITEURL = "https://ada.example.org"\n'
)
POSTS = {
    "own.md": "Title: Own\nDate: 2024-01-01\nImage: /images/engine.png\n"
    "Image_alt: The difference engine\n\nText.\n",
    "remote.md": "Title: Remote\nDate: 2024-01-02\n"
    "Image: https://cdn.example.net/card.jpg\n\nText.\n",
    "plain.md": "Title: Plain\nDate: 2024-01-03\n\nText.\n",
}


def head(page: Path) -> dict[str, str]:
    tags = soup(page).select("meta[property], meta[name]")
    return {tag.get("property") or tag["name"]: tag["content"] for tag in tags}


def posting(page: Path) -> dict:
    [script] = soup(page).select('script[type="application/ld+json"]')
    return json.loads(script.string)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cards")
    build_or_fail(
        write_site(
            root / "site",
            POSTS,
            SETTINGS + 'SCHOLAR_SOCIAL_IMAGE = "images/site.png"\n',
        ),
        root / "out",
    )
    return root / "out"


def test_a_posts_image_is_its_card(built: Path) -> None:
    meta = head(built / "own.html")
    assert meta["og:image"] == "https://ada.example.org/images/engine.png"
    assert meta["og:image:alt"] == "The difference engine"
    assert meta["twitter:card"] == "summary_large_image"
    assert head(built / "remote.html")["og:image"] == "https://cdn.example.net/card.jpg"


def test_the_site_image_stands_in_for_posts_without_one(built: Path) -> None:
    meta = head(built / "plain.html")
    assert meta["og:image"] == "https://ada.example.org/images/site.png"
    assert "og:image:alt" not in meta
    assert (
        head(built / "index.html")["og:image"]
        == "https://ada.example.org/images/site.png"
    )


def test_json_ld_has_image_publisher_and_main_entity(built: Path) -> None:
    data = posting(built / "own.html")
    assert data["image"] == "https://ada.example.org/images/engine.png"
    assert data["mainEntityOfPage"] == {
        "@type": "WebPage",
        "@id": "https://ada.example.org/own.html",
    }
    assert data["publisher"] == {
        "@type": "Person",
        "name": "Ada Lovelace",
        "url": "https://ada.example.org/",
    }


def test_without_any_image_the_card_is_the_small_summary(tmp_path: Path) -> None:
    build_or_fail(write_site(tmp_path / "site", POSTS, SETTINGS), tmp_path / "out")
    meta = head(tmp_path / "out" / "plain.html")
    assert meta["twitter:card"] == "summary"
    assert "og:image" not in meta
    data = posting(tmp_path / "out" / "plain.html")
    assert "image" not in data
    assert data["publisher"]["name"] == "Ada Lovelace"
