"""The file a static server answers a URL path with (GitHub Pages' rule)."""

from __future__ import annotations


def file_for_url(url: str) -> str:
    """Return the output file, relative to the site's root, for a URL path.

    ``/a/b/`` is ``a/b/index.html``; ``/a/b.html`` (or any extension) is
    itself; ``/a/b`` is ``a/b.html``, which GitHub Pages (and Pelican's own
    server) answer at ``/a/b``; ``/`` is ``index.html``. This is also the
    file Jekyll writes for such a permalink.
    """
    path = url.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    last = path.rsplit("/", 1)[-1]
    return path if "." in last else path + ".html"
