"""Jekyll's URLs: the address each post, page and collection item had.

:func:`expand` fills a permalink template (``/:categories/:year/:month/
:day/:title/``) as Jekyll's ``URLDrop`` does; the file Jekyll wrote for a URL
(where Pelican must write it for the old link to keep working) is
:func:`..url_files.file_for_url`'s.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from ..url_files import file_for_url

if TYPE_CHECKING:
    from datetime import datetime

#: Jekyll's named permalink styles (``permalink: pretty`` in ``_config.yml``).
BUILT_IN_STYLES: Final = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
#: A collection's URL when ``_config.yml`` gives it no ``permalink``.
COLLECTION_DEFAULT: Final = "/:collection/:path:output_ext"
#: A post's date and title in its file name (``2020-01-31-my-post.md``).
DATED_NAME: Final = re.compile(r"(\d{2,4})-(\d{1,2})-(\d{1,2})-(.*)")
_PLACEHOLDER: Final = re.compile(r":([a-z_]+)")
_OUTPUT_EXTENSION: Final = ".html"


def slugify_pretty(text: str) -> str:
    """Jekyll's ``slugify`` in ``pretty`` mode, case kept (the ``:title`` value).

    Every run of characters other than letters, marks, digits and
    ``._~!$&'()+,;=@`` becomes one hyphen; hyphens at the ends are dropped.
    """
    kept = "._~!$&'()+,;=@"
    out: list[str] = []
    for character in text:
        category = unicodedata.category(character)
        if category[0] in "LM" or category == "Nd" or character in kept:
            out.append(character)
        elif not out or out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def slugify_default(text: str) -> str:
    """Jekyll's default ``slugify``: letters, marks and digits, lowercase."""
    out: list[str] = []
    for character in text:
        category = unicodedata.category(character)
        if category[0] in "LM" or category == "Nd":
            out.append(character)
        elif not out or out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-").lower()


@dataclass
class UrlParts:
    """What a permalink template may name, for one document."""

    #: The title part of the file name, or the ``slug`` front matter.
    slug: str
    date: datetime | None = None
    categories: list[str] = field(default_factory=list)
    #: For collection items: the collection and the path inside it, no extension.
    collection: str = ""
    path: str = ""

    def placeholders(self) -> dict[str, str]:
        """Return each placeholder's value, as Jekyll's ``URLDrop`` gives it."""
        values = {
            "title": slugify_pretty(self.slug),
            "slug": slugify_default(self.slug),
            "name": slugify_default(self.path.rsplit("/", 1)[-1] or self.slug),
            "categories": "/".join(
                dict.fromkeys(category.lower() for category in self.categories)
            ),
            "collection": self.collection,
            "path": self.path,
            "output_ext": _OUTPUT_EXTENSION,
        }
        if self.date is not None:
            date = self.date
            values |= {
                "year": f"{date:%Y}",
                "short_year": f"{date:%y}",
                "month": f"{date:%m}",
                "i_month": str(date.month),
                "short_month": f"{date:%b}",
                "long_month": f"{date:%B}",
                "day": f"{date:%d}",
                "i_day": str(date.day),
                "y_day": f"{date:%j}",
                "week": f"{date:%V}",
                "short_day": f"{date:%a}",
                "long_day": f"{date:%A}",
                "hour": f"{date:%H}",
                "minute": f"{date:%M}",
                "second": f"{date:%S}",
            }
        return values


def expand(template: str, parts: UrlParts) -> str:
    """Return the URL ``template`` gives for ``parts``, as Jekyll writes it.

    A named style (``pretty``...) is first replaced by its template. Unknown
    placeholders are kept as written; repeated slashes collapse and the URL
    starts with one, as in Jekyll's ``URL.sanitize_url``.
    """
    template = BUILT_IN_STYLES.get(template, template)
    values = parts.placeholders()
    url = _PLACEHOLDER.sub(
        lambda match: values.get(match.group(1), match.group(0)), template
    )
    url = re.sub(r"/{2,}", "/", "/" + url)
    return url.replace("/index.html", "/") if url.endswith("/index.html") else url


def pelican_url(url: str) -> str:
    """Return the ``url`` metadata Pelican links with for an old ``url``.

    Folder URLs stay folders (``posts/x/``); an extension-less URL is linked
    as the ``.html`` file that answers it on any server.
    """
    path = url.lstrip("/")
    if not path or path.endswith("/"):
        return path
    return file_for_url(url)
