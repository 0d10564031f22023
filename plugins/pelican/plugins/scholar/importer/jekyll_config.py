"""An academicpages ``_config.yml`` (and ``_data/navigation.yml``) as Pelican settings.

:func:`read_site_config` loads them safely; :func:`settings_from` maps what
the theme can show (title, author profile, every profile link, reading speed,
time zone, address, navigation, publication categories) to Pelican and
pelican-scholar settings, and names every key that has no counterpart, so
the report can list it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import yaml

if TYPE_CHECKING:
    from pathlib import Path

CONFIG_FILE: Final = "_config.yml"
NAVIGATION_FILE: Final = "_data/navigation.yml"

#: academicpages' profile keys the theme has an icon for: key -> (kind, URL).
#: ``{}`` is the value; a value holding ``://`` is a URL used as it is.
THEME_LINKS: Final = {
    "email": ("email", "{}"),
    "googlescholar": ("scholar", "{}"),
    "orcid": ("orcid", "{}"),
    "github": ("github", "https://github.com/{}"),
    "arxiv": ("arxiv", "{}"),
    "mastodon": ("mastodon", "{}"),
    "bluesky": ("bluesky", "https://bsky.app/profile/{}"),
    "twitter": ("x", "https://twitter.com/{}"),
    "linkedin": ("linkedin", "https://www.linkedin.com/in/{}"),
    "uri": ("website", "{}"),
}
#: The other profile keys academicpages links: key -> (label, URL), listed in
#: Pelican's ``SOCIAL`` (the theme gives them a generic icon).
OTHER_LINKS: Final = {
    "academia": ("Academia.edu", "{}"),
    "inspire-hep": ("INSPIRE-HEP", "{}"),
    "impactstory": ("Impactstory", "{}"),
    "semantic": ("Semantic Scholar", "{}"),
    "pubmed": ("PubMed", "{}"),
    "researchgate": ("ResearchGate", "{}"),
    "scopus": ("Scopus", "{}"),
    "bitbucket": ("Bitbucket", "https://bitbucket.org/{}"),
    "codepen": ("CodePen", "https://codepen.io/{}"),
    "dribbble": ("Dribbble", "https://dribbble.com/{}"),
    "kaggle": ("Kaggle", "https://www.kaggle.com/{}"),
    "stackoverflow": ("Stack Overflow", "https://www.stackoverflow.com/users/{}"),
    "artstation": ("ArtStation", "https://artstation.com/{}"),
    "facebook": ("Facebook", "https://www.facebook.com/{}"),
    "flickr": ("Flickr", "https://www.flickr.com/{}"),
    "foursquare": ("Foursquare", "https://foursquare.com/{}"),
    "goodreads": ("Goodreads", "https://www.goodreads.com/{}"),
    "google_plus": ("Google+", "https://plus.google.com/+{}"),
    "keybase": ("Keybase", "https://keybase.io/{}"),
    "instagram": ("Instagram", "https://instagram.com/{}"),
    "lastfm": ("Last.fm", "https://last.fm/user/{}"),
    "medium": ("Medium", "{}"),
    "pinterest": ("Pinterest", "https://www.pinterest.com/{}"),
    "soundcloud": ("SoundCloud", "https://soundcloud.com/{}"),
    "steam": ("Steam", "https://steamcommunity.com/id/{}"),
    "telegram": ("Telegram", "{}"),
    "tumblr": ("Tumblr", "https://{}.tumblr.com"),
    "vine": ("Vine", "https://vine.co/u/{}"),
    "weibo": ("Weibo", "https://www.weibo.com/{}"),
    "wikipedia": ("Wikipedia", "https://en.wikipedia.org/wiki/User:{}"),
    "xing": ("XING", "https://www.xing.com/profile/{}"),
    "youtube": ("YouTube", "https://www.youtube.com/@{}"),
    "zhihu": ("Zhihu", "https://www.zhihu.com/people/{}"),
}
#: Author keys shown by other settings than links.
_AUTHOR_SHOWN: Final = frozenset({"name", "bio", "location", "avatar"})
#: Top-level keys used by the import, or that only the old theme/Jekyll needs.
_USED: Final = frozenset(
    {
        "title",
        "name",
        "description",
        "url",
        "baseurl",
        "author",
        "words_per_minute",
        "timezone",
        "locale",
        "future",
        "permalink",
        "collections",
        "publication_category",
        "excerpt_separator",
        "twitter",
        "header_pages",
    }
)
#: Keys about the old build or theme, with nothing to carry over.
_BUILD_ONLY: Final = frozenset(
    {
        "site_theme",
        "title_separator",
        "repository",
        "teaser",
        "breadcrumbs",
        "read_more",
        "atom_feed",
        "include",
        "exclude",
        "keep_files",
        "encoding",
        "markdown_ext",
        "markdown",
        "highlighter",
        "lsi",
        "incremental",
        "kramdown",
        "defaults",
        "sass",
        "plugins",
        "whitelist",
        "category_archive",
        "tag_archive",
        "compress_html",
        "paginate",
        "paginate_path",
        "staticman",
        "talkmap_link",
        "google_site_verification",
        "bing_site_verification",
        "alexa_site_verification",
        "yandex_site_verification",
        "social",
        "facebook",
        "og_image",
        "og_description",
        "jekyll-archives",
        "future_posts",
    }
)


class ConfigError(ValueError):
    """``_config.yml`` or ``_data/navigation.yml`` cannot be read."""


@dataclass
class SiteConfig:
    """An academicpages site's configuration, as loaded."""

    config: dict[str, Any]
    navigation: list[tuple[str, str]] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        """The production address: ``url`` + ``baseurl``, no trailing slash."""
        url = str(self.config.get("url") or "").rstrip("/")
        base = str(self.config.get("baseurl") or "").strip("/")
        return f"{url}/{base}" if base else url

    @property
    def future(self) -> bool:
        """Whether posts dated in the future are published (Jekyll: no)."""
        return bool(self.config.get("future", False))

    @property
    def permalink(self) -> str:
        """The posts' URL template (Jekyll's default style: ``date``)."""
        return str(self.config.get("permalink") or "date")

    @property
    def excerpt_separator(self) -> str:
        """What ends a post's excerpt (Jekyll's default: a blank line)."""
        return str(self.config.get("excerpt_separator", "\n\n"))

    def collection_permalink(self, name: str) -> str | None:
        """Return a collection's URL template, ``None`` if it has no output."""
        collections = self.config.get("collections") or {}
        settings = collections.get(name) if isinstance(collections, dict) else None
        if not isinstance(settings, dict) or not settings.get("output", False):
            return None
        return str(settings.get("permalink") or "/:collection/:path:output_ext")


def _load_yaml(path: Path) -> Any:
    """Load one YAML file safely, or raise :class:`ConfigError` naming its line."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        msg = f"{path}{line}: invalid YAML: {error.problem or error.context}"
        raise ConfigError(msg) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        msg = f"{path}: cannot be read: {error}"
        raise ConfigError(msg) from None


def read_site_config(source: Path) -> SiteConfig:
    """Read ``_config.yml`` and the main navigation of the site in ``source``."""
    config = _load_yaml(source / CONFIG_FILE) or {}
    if not isinstance(config, dict):
        msg = f"{source / CONFIG_FILE}: is not a mapping of settings"
        raise ConfigError(msg)
    navigation: list[tuple[str, str]] = []
    navigation_file = source / NAVIGATION_FILE
    if navigation_file.is_file():
        data = _load_yaml(navigation_file) or {}
        entries = data.get("main") if isinstance(data, dict) else None
        for entry in entries or []:
            if isinstance(entry, dict) and entry.get("title") and entry.get("url"):
                navigation.append((str(entry["title"]), str(entry["url"])))
    return SiteConfig(config=config, navigation=navigation)


def _positive_int(value: object, default: int) -> int:
    """Return ``value`` as a positive whole number, else ``default``."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return number if number > 0 else default


def _link(template: str, value: object) -> str:
    """Fill a profile link's URL template (a URL value is used as it is)."""
    text = str(value).strip()
    return (
        text if "://" in text or text.startswith("mailto:") else template.format(text)
    )


@dataclass
class MappedSettings:
    """Settings for ``pelicanconf.py``, and what ``_config.yml`` had beyond them."""

    settings: dict[str, Any]
    #: (key, why) for each key of ``_config.yml`` that was not carried over.
    left_out: list[tuple[str, str]]


def profile_settings(author: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Map the ``author`` block to the sidebar's settings; return the keys left."""
    settings: dict[str, Any] = {}
    if author.get("bio"):
        settings["SCHOLAR_BIO"] = str(author["bio"])
    if author.get("location"):
        settings["SCHOLAR_LOCATION"] = str(author["location"])
    avatar = str(author.get("avatar") or "").strip()
    if avatar:
        settings["SCHOLAR_AVATAR"] = (
            avatar if "://" in avatar else "images/" + avatar.lstrip("/")
        )
    links = [
        (kind, _link(template, author[key]))
        for key, (kind, template) in THEME_LINKS.items()
        if author.get(key)
    ]
    social = [
        (label, _link(template, author[key]))
        for key, (label, template) in OTHER_LINKS.items()
        if author.get(key)
    ]
    if links:
        settings["SCHOLAR_LINKS"] = links
    if social:
        settings["SOCIAL"] = social
    known = _AUTHOR_SHOWN | THEME_LINKS.keys() | OTHER_LINKS.keys()
    left = [key for key, value in author.items() if value and key not in known]
    return settings, left


def settings_from(site: SiteConfig) -> MappedSettings:
    """Map an academicpages configuration to Pelican and theme settings."""
    config = site.config
    author = config.get("author") if isinstance(config.get("author"), dict) else {}
    name = author.get("name") or config.get("name") or config.get("title")
    settings: dict[str, Any] = {
        "SITENAME": str(config.get("title") or name or "My site"),
    }
    if name:
        settings["AUTHOR"] = str(name)
    if config.get("description"):
        settings["SITESUBTITLE"] = str(config["description"])
    profile, author_left = profile_settings(author)
    settings |= profile
    # academicpages' _includes/read-time.html, with its default speed.
    settings["READTIME_RULE"] = "academicpages"
    settings["READTIME_WPM"] = _positive_int(config.get("words_per_minute"), 200)
    if config.get("timezone"):
        settings["TIMEZONE"] = str(config["timezone"])
    if config.get("locale"):
        settings["DEFAULT_LANG"] = str(config["locale"]).replace("_", "-").split("-")[0]
    twitter = config.get("twitter")
    if isinstance(twitter, dict) and twitter.get("username"):
        settings["TWITTER_USERNAME"] = str(twitter["username"]).lstrip("@")
    categories = config.get("publication_category")
    if isinstance(categories, dict) and categories:
        settings["SCHOLAR_PUBLICATION_CATEGORIES"] = {
            str(key): str(value.get("title", key) if isinstance(value, dict) else value)
            for key, value in categories.items()
        }
    left_out = [
        (f"author.{key}", "the theme's sidebar has no place for it")
        for key in author_left
    ]
    left_out += _unused_keys(config)
    return MappedSettings(settings=settings, left_out=left_out)


def _unused_keys(config: dict[str, Any]) -> list[tuple[str, str]]:
    """Name the keys of ``_config.yml`` that the new site does without."""
    left: list[tuple[str, str]] = []
    for key, value in config.items():
        if key in _USED or key in _BUILD_ONLY or value in (None, "", [], {}):
            continue
        if key == "comments":
            provider = value.get("provider") if isinstance(value, dict) else value
            if provider and str(provider).lower() != "false":
                left.append((key, f"comments ({provider}) are not part of the theme"))
            continue
        if key in ("google_analytics", "google_analytics_id", "gtag"):
            left.append((key, "analytics (Google) would load a tracker: left out"))
            continue
        if key == "disqus":
            left.append((key, "comments (disqus) are not part of the theme"))
            continue
        if key == "analytics":
            provider = value.get("provider") if isinstance(value, dict) else value
            if provider and str(provider).lower() != "false":
                left.append(
                    (key, f"analytics ({provider}) would load a tracker: left out")
                )
            continue
        left.append((key, "no counterpart in Pelican or the theme"))
    return left
